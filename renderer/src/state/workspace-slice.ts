import type { StateCreator } from 'zustand';
import type { ErrorData } from '../../../shared/model/errors';
import type {
  EnvironmentView,
  SavedRequest,
  WorkspaceChange,
  WorkspaceFile,
  WorkspaceProblem,
  WorkspaceSnapshot,
} from '../../../shared/model/workspace';
import {
  enclosingFolders,
  environmentFile,
  isAtOrInside,
  requestFile,
  WORKSPACE_FILE,
} from '../../../shared/model/workspace';
import type { AppState } from './store';

/** The open workspace as the UI keeps it: requests by path, so a change replaces one entry. */
export interface OpenWorkspace {
  root: string;
  settings: WorkspaceFile;
  /** The engine's version of loupe.workspace.json as last read (environments carry their own). */
  settingsVersion: string | undefined;
  folders: string[];
  requests: Record<string, SavedRequest>;
  /** The engine's version of each request as last read or written (what a save is based on). */
  versions: Record<string, string>;
  environments: EnvironmentView[];
  activeEnvironment: string | null;
  problems: WorkspaceProblem[];
}

export interface SaveConflict {
  tabId: string;
  path: string;
  message: string;
}

export type SidebarView = 'services' | 'collections' | 'history' | 'drift';

export interface WorkspaceSlice {
  workspace: OpenWorkspace | undefined;
  /** A workspace.open in flight (the folder's path), or the failure of the last one. */
  workspaceOpening: string | undefined;
  workspaceError: ErrorData | undefined;
  sidebarView: SidebarView;
  /** The tab waiting for a name and folder (Save as), when that dialog is shown. */
  saveAsTabId: string | undefined;
  /** A save refused because the file changed on disk since the tab read it, until the user decides. */
  saveConflict: SaveConflict | undefined;
  setSidebarView: (view: SidebarView) => void;
  setSaveAsTabId: (tabId: string | undefined) => void;
  setSaveConflict: (conflict: SaveConflict | undefined) => void;
  setWorkspaceOpening: (root: string | undefined, error?: ErrorData) => void;
  setWorkspace: (snapshot: WorkspaceSnapshot | undefined) => void;
  applyWorkspaceChange: (root: string, change: WorkspaceChange) => void;
  putSavedRequest: (root: string, path: string, request: SavedRequest, version: string) => void;
  setEnvironments: (root: string, environments: EnvironmentView[]) => void;
  setActiveEnvironment: (root: string, name: string | null) => void;
}

export function workspaceFromSnapshot(snapshot: WorkspaceSnapshot): OpenWorkspace {
  return {
    root: snapshot.root,
    settings: snapshot.workspace,
    settingsVersion: snapshot.workspaceVersion,
    folders: [...snapshot.folders],
    requests: Object.fromEntries(snapshot.requests.map((r) => [r.path, r.request])),
    versions: Object.fromEntries(snapshot.requests.map((r) => [r.path, r.version])),
    environments: snapshot.environments,
    activeEnvironment: snapshot.activeEnvironment,
    problems: snapshot.problems,
  };
}

/** The file a change is about, as problems name it (relative to the workspace folder). */
function changedFile(change: WorkspaceChange): string | undefined {
  if (change.kind === 'request') return requestFile(change.path);
  if (change.kind === 'environment') return environmentFile(change.name);
  if (change.kind === 'workspace') return WORKSPACE_FILE;
  return undefined;
}

/** Parent folders of a path, outermost first: 'a/b/c' -> ['a', 'a/b']. */
const withFolders = (folders: string[], added: string[]): string[] => {
  const missing = added.filter((f) => !folders.includes(f));
  return missing.length ? [...folders, ...missing] : folders;
};

/**
 * Applies one change someone made on disk. A file that became unreadable is listed as a problem
 * (replacing any older problem of that file) while the rest of the workspace stays as it was.
 */
export function applyChange(ws: OpenWorkspace, change: WorkspaceChange): OpenWorkspace {
  if (change.kind === 'watching') return ws;
  const file = changedFile(change);
  const problem = 'problem' in change ? change.problem : undefined;
  let problems = file ? ws.problems.filter((p) => p.file !== file) : ws.problems;
  if (problem) problems = [...problems, problem];
  const next = { ...ws, problems };
  switch (change.kind) {
    case 'request': {
      const requests = { ...ws.requests };
      const versions = { ...ws.versions };
      if (change.removed) {
        delete requests[change.path];
        delete versions[change.path];
      } else if (change.request) {
        requests[change.path] = change.request;
        if (change.version) versions[change.path] = change.version;
      }
      const folders = change.removed ? ws.folders : withFolders(ws.folders, enclosingFolders(change.path));
      return { ...next, requests, versions, folders };
    }
    case 'folder': {
      if (!change.removed)
        return { ...next, folders: withFolders(ws.folders, [...enclosingFolders(change.path), change.path]) };
      const inside = (p: string) => isAtOrInside(p, change.path);
      const requests = Object.fromEntries(Object.entries(ws.requests).filter(([p]) => !inside(p)));
      const versions = Object.fromEntries(Object.entries(ws.versions).filter(([p]) => !inside(p)));
      return { ...next, folders: ws.folders.filter((f) => !inside(f)), requests, versions };
    }
    case 'environment': {
      if (change.removed) return { ...next, environments: ws.environments.filter((e) => e.name !== change.name) };
      if (!change.environment) return next;
      const known = ws.environments.find((e) => e.name === change.name);
      const updated: EnvironmentView = {
        name: change.name,
        environment: change.environment,
        // '' never matches a file: a save based on it asks before overwriting.
        version: change.version ?? '',
        secrets: known?.secrets ?? [],
      };
      const environments = known
        ? ws.environments.map((e) => (e.name === change.name ? updated : e))
        : [...ws.environments, updated].sort((a, b) => a.name.localeCompare(b.name));
      return { ...next, environments };
    }
    case 'workspace':
      return change.workspace ? { ...next, settings: change.workspace, settingsVersion: change.version ?? '' } : next;
  }
}

export const createWorkspaceSlice: StateCreator<AppState, [], [], WorkspaceSlice> = (set) => {
  /** Updates the open workspace only if it is still the one at `root` (a late answer is dropped). */
  const update = (root: string, fn: (ws: OpenWorkspace) => OpenWorkspace) =>
    set((s) => (s.workspace?.root === root ? { workspace: fn(s.workspace) } : {}));
  return {
    workspace: undefined,
    workspaceOpening: undefined,
    workspaceError: undefined,
    sidebarView: 'services',
    saveAsTabId: undefined,
    saveConflict: undefined,
    setSidebarView: (sidebarView) => set({ sidebarView }),
    setSaveAsTabId: (saveAsTabId) => set({ saveAsTabId }),
    setSaveConflict: (saveConflict) => set({ saveConflict }),
    setWorkspaceOpening: (workspaceOpening, workspaceError) => set({ workspaceOpening, workspaceError }),
    setWorkspace: (snapshot) =>
      set({
        workspace: snapshot && workspaceFromSnapshot(snapshot),
        workspaceOpening: undefined,
        workspaceError: undefined,
      }),
    applyWorkspaceChange: (root, change) => update(root, (ws) => applyChange(ws, change)),
    putSavedRequest: (root, path, request, version) =>
      update(root, (ws) => ({
        ...ws,
        requests: { ...ws.requests, [path]: request },
        versions: { ...ws.versions, [path]: version },
        folders: withFolders(ws.folders, enclosingFolders(path)),
      })),
    setEnvironments: (root, environments) => update(root, (ws) => ({ ...ws, environments })),
    setActiveEnvironment: (root, activeEnvironment) => update(root, (ws) => ({ ...ws, activeEnvironment })),
  };
};
