import { AppError, toErrorData } from '../../../shared/model/errors';
import type {
  EnvironmentFile,
  HistoryEntry,
  HistorySummary,
  SavedRequest,
  WorkspaceSnapshot,
} from '../../../shared/model/workspace';
import { itemName } from '../../../shared/model/workspace';
import type { Subscription } from '../../../shared/protocol/client';
import {
  detailsKey,
  followSavedFile,
  savedRequestFromTab,
  tabFingerprint,
  tabFromSavedRequest,
  targetKey,
  useAppStore,
  type RequestTab,
} from '../state';
import { api } from './client';
import { refreshScriptsStatus, saveTabScript } from './script-actions';

/**
 * Workspace actions: open a folder and follow its changes, save tabs into it, organise its
 * collection, environments and secrets, and the call history. The engine keeps no "current
 * workspace"; the renderer names the folder (root) on every request.
 */
const LAST_ROOT_KEY = 'loupe.workspace';
let watcher: Subscription | undefined;
let opens = 0;

export function lastWorkspaceRoot(): string | undefined {
  try {
    return localStorage.getItem(LAST_ROOT_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

function rememberRoot(root: string | undefined): void {
  try {
    if (root) localStorage.setItem(LAST_ROOT_KEY, root);
    else localStorage.removeItem(LAST_ROOT_KEY);
  } catch {
    // Storage disabled: the workspace is simply not reopened next time.
  }
}

const openRoot = (): string => {
  const root = useAppStore.getState().workspace?.root;
  if (!root) throw new AppError('VALIDATION', 'Open a workspace folder first');
  return root;
};

/** Opens (or creates) a workspace folder, shows it, remembers it and follows changes made to it on disk. */
export async function openWorkspace(root: string, create = false): Promise<void> {
  const store = useAppStore.getState();
  store.setWorkspaceOpening(root);
  stopWatching();
  // Only the latest open wins: an earlier one that answers late must not replace it.
  const mine = ++opens;
  try {
    const snapshot = await api().request('workspace.open', { root, create });
    if (mine !== opens) return;
    showSnapshot(snapshot);
    rememberRoot(snapshot.root);
    stopWatching();
    watch(snapshot.root);
  } catch (error) {
    if (mine === opens) useAppStore.getState().setWorkspaceOpening(undefined, toErrorData(error));
  }
}

/**
 * Follows changes on disk. The first event says the watcher runs; loading once more after it
 * means nothing that changed between the first load and the watch start is missed.
 */
function watch(root: string): void {
  const subscription = api().subscribe(
    'workspace.changes',
    { root },
    {
      onEvents: (changes) => {
        for (const change of changes) {
          if (change.kind === 'watching') {
            void api()
              .request('workspace.open', { root, create: false })
              .then((snapshot) => {
                // The reload catches files changed before watching began; the environment the
                // user picked meanwhile stays (its setActive may reach the engine after this read).
                const current = useAppStore.getState().workspace;
                if (current?.root === root) showSnapshot({ ...snapshot, activeEnvironment: current.activeEnvironment });
              })
              .catch(() => undefined);
            continue;
          }
          useAppStore.getState().applyWorkspaceChange(root, change);
          if (change.kind === 'request' && change.request) followSavedFiles(root, change.path);
          // Where a secret's value comes from is not in the change; ask again.
          if (change.kind === 'environment') void refreshEnvironments(root);
        }
      },
      onEnd: () => {
        if (watcher === subscription) watcher = undefined;
      },
    },
  );
  watcher = subscription;
}

function stopWatching(): void {
  watcher?.cancel();
  watcher = undefined;
}

export function closeWorkspace(): void {
  opens++;
  stopWatching();
  rememberRoot(undefined);
  useAppStore.getState().setWorkspace(undefined);
  useAppStore.getState().setScriptsStatus(undefined);
}

async function refreshEnvironments(root: string): Promise<void> {
  const environments = await api().request('environment.list', { root });
  useAppStore.getState().setEnvironments(root, environments);
}

/**
 * Whether a tab's method sends a stream of messages (then its sent messages are saved). Not known
 * while the schema is down: then as its file has it, so an edit made meanwhile keeps the messages.
 */
function streamsClientMessages(tab: RequestTab): boolean {
  const s = useAppStore.getState();
  const details = tab.method ? s.methodDetails[detailsKey(targetKey(tab.target), tab.method)] : undefined;
  const kind = details?.status === 'ready' ? details.value.method.kind : tab.call?.kind;
  if (kind) return kind === 'client_streaming' || kind === 'bidi_streaming';
  const saved = tab.saved && s.workspace?.root === tab.saved.root ? s.workspace.requests[tab.saved.path] : undefined;
  return saved?.messages !== undefined;
}

/**
 * Ctrl/Cmd+S: a tab linked to a request of the open workspace is saved there; any other tab
 * asks for a name and a folder first (Save as).
 */
export async function saveTab(tabId: string = useAppStore.getState().activeTabId): Promise<void> {
  const s = useAppStore.getState();
  const tab = s.tabs[tabId];
  if (!tab?.method) return;
  if (!s.workspace) {
    s.setSidebarView('collections');
    return;
  }
  if (tab.saved?.root !== s.workspace.root) return s.setSaveAsTabId(tabId);
  const path = tab.saved.path;
  try {
    await saveTabAs(tabId, path);
  } catch (error) {
    const data = toErrorData(error);
    if (data.code !== 'CONFLICT') throw error;
    // The user decides: overwrite, or keep the edits unsaved in the tab (no change is lost).
    useAppStore.getState().setSaveConflict({ tabId, path, message: data.message });
  }
}

/**
 * Writes a tab at `path`. The engine refuses (CONFLICT) when the file is not the version the tab
 * came from (a new path: when something is there already), unless `overwrite` says the user chose
 * to replace it.
 */
export async function saveTabAs(tabId: string, path: string, overwrite = false): Promise<void> {
  const root = openRoot();
  const tab = useAppStore.getState().tabs[tabId];
  if (!tab) return;
  const request = savedRequestFromTab(tab, streamsClientMessages(tab));
  // What is being saved; anything typed while the save is on its way stays marked as unsaved.
  const fingerprint = tabFingerprint(tab);
  const sameFile = tab.saved?.root === root && tab.saved.path === path;
  // '' never matches: a tab restored without a version that differs from the file must ask.
  const baseVersion = overwrite ? undefined : sameFile ? (tab.saved?.version ?? '') : null;
  const version = await api().request('workspace.saveRequest', {
    root,
    path,
    request,
    ...(baseVersion !== undefined ? { baseVersion } : {}),
  });
  useAppStore.getState().putSavedRequest(root, path, request, version);
  useAppStore.getState().markTabSaved(tabId, root, path, version, fingerprint);
  await saveTabScript(tabId, root, path, sameFile);
}

/** Shows a freshly read workspace, and brings the tabs linked to its requests in line with it. */
function showSnapshot(snapshot: WorkspaceSnapshot): void {
  useAppStore.getState().setWorkspace(snapshot);
  followSavedFiles(snapshot.root);
  void refreshScriptsStatus().catch(() => undefined);
}

/**
 * Tabs linked to saved requests of the open workspace (all, or the one at `path`) meet the files
 * as last read: see followSavedFile. One path for every way a file's content reaches the app
 * (open, reload, a change on disk), so no way can leave a tab silently behind its file.
 */
function followSavedFiles(root: string, path?: string): void {
  const s = useAppStore.getState();
  const ws = s.workspace;
  if (ws?.root !== root) return;
  for (const tab of Object.values(s.tabs)) {
    if (tab.saved?.root !== root || (path !== undefined && tab.saved.path !== path)) continue;
    const request = ws.requests[tab.saved.path];
    const version = ws.versions[tab.saved.path];
    if (!request || !version) continue;
    const next = followSavedFile(tab, request, version, ws.settings.targets, () => crypto.randomUUID());
    if (next !== tab) s.replaceTabRequest(tab.id, next);
  }
}

/** Shows a saved request: its tab when one is open, else a new tab linked to it. */
export function openSavedRequest(path: string): void {
  const s = useAppStore.getState();
  const ws = s.workspace;
  const request = ws?.requests[path];
  if (!ws || !request) return;
  if (s.showLinkedTab(ws.root, path)) return;
  s.openTab(
    tabFromSavedRequest(
      crypto.randomUUID(),
      { root: ws.root, path },
      request,
      ws.settings.targets,
      () => crypto.randomUUID(),
      ws.versions[path],
    ),
  );
}

/** Opens a request that is not saved anywhere (a pasted command, a history entry) in a new tab. */
export function openUnsavedRequest(request: SavedRequest): void {
  const targets = useAppStore.getState().workspace?.settings.targets ?? {};
  useAppStore
    .getState()
    .openTab(tabFromSavedRequest(crypto.randomUUID(), undefined, request, targets, () => crypto.randomUUID()));
}

export async function createFolder(path: string): Promise<void> {
  const root = openRoot();
  await api().request('workspace.createFolder', { root, path });
  useAppStore.getState().applyWorkspaceChange(root, { kind: 'folder', path, removed: false });
}

export async function deleteItem(path: string): Promise<void> {
  const root = openRoot();
  await api().request('workspace.delete', { root, path });
  const s = useAppStore.getState();
  const isFolder = s.workspace?.requests[path] === undefined;
  s.applyWorkspaceChange(
    root,
    isFolder ? { kind: 'folder', path, removed: true } : { kind: 'request', path, removed: true },
  );
  s.unlinkSaved(root, path);
}

/** Renames or moves an item; open tabs follow it. The watcher reports the new files. */
async function relocated(root: string, from: string, to: string): Promise<void> {
  const s = useAppStore.getState();
  const request = s.workspace?.requests[from];
  const version = s.workspace?.versions[from];
  if (request && version) {
    s.applyWorkspaceChange(root, { kind: 'request', path: from, removed: true });
    s.putSavedRequest(root, to, request, version);
    useAppStore.getState().relinkSaved(root, from, to);
  } else {
    // A folder: the watcher brings the requests under their new paths; reload to be sure at once.
    const snapshot = await api().request('workspace.open', { root, create: false });
    useAppStore.getState().relinkSaved(root, from, to);
    showSnapshot(snapshot);
  }
}

export async function renameItem(path: string, name: string): Promise<void> {
  const root = openRoot();
  const to = await api().request('workspace.rename', { root, path, name });
  await relocated(root, path, to);
}

/** Moves an item into `folder` ('' for the top level). */
export async function moveItem(path: string, folder: string): Promise<void> {
  const root = openRoot();
  const name = itemName(path);
  const to = folder ? `${folder}/${name}` : name;
  if (to === path) return;
  await api().request('workspace.move', { root, from: path, to });
  await relocated(root, path, to);
}

export async function duplicateItem(path: string): Promise<void> {
  const root = openRoot();
  await api().request('workspace.duplicate', { root, path });
  showSnapshot(await api().request('workspace.open', { root, create: false }));
}

/** Takes effect at once (the next call uses it); remembered for the next start in the engine. */
export async function selectEnvironment(name: string | null): Promise<void> {
  const root = openRoot();
  const before = useAppStore.getState().workspace?.activeEnvironment ?? null;
  useAppStore.getState().setActiveEnvironment(root, name);
  try {
    await api().request('environment.setActive', { root, name });
  } catch (error) {
    useAppStore.getState().setActiveEnvironment(root, before);
    throw error;
  }
}

/**
 * Writes an environment file and answers its new version. `baseVersion` is the version the
 * editor's copy came from (null: a new environment); the engine refuses (CONFLICT) when the file
 * on disk is another one. Undefined: overwrite, the user chose to.
 */
export async function saveEnvironment(
  name: string,
  environment: EnvironmentFile,
  baseVersion: string | null | undefined,
): Promise<string> {
  const root = openRoot();
  const version = await api().request('environment.save', {
    root,
    name,
    environment,
    ...(baseVersion !== undefined ? { baseVersion } : {}),
  });
  await refreshEnvironments(root);
  return version;
}

/** Reads the environments from disk again (the watcher may not have reported a change yet). */
export async function reloadEnvironments(): Promise<void> {
  await refreshEnvironments(openRoot());
}

export async function deleteEnvironment(name: string): Promise<void> {
  const root = openRoot();
  await api().request('environment.delete', { root, name });
  if (useAppStore.getState().workspace?.activeEnvironment === name) await selectEnvironment(null);
  await refreshEnvironments(root);
}

/** Stores a secret's value outside the workspace; it is never read back, only where it comes from. */
export async function setSecret(environment: string, name: string, value: string): Promise<void> {
  const root = openRoot();
  await api().request('secret.set', { root, environment, name, value });
  await refreshEnvironments(root);
}

export function exportCollection(folder?: string): Promise<string> {
  return api().request('collection.export', { root: openRoot(), ...(folder ? { folder } : {}) });
}

export async function importCollection(text: string, into?: string): Promise<string[]> {
  const root = openRoot();
  const paths = await api().request('collection.import', { root, text, ...(into ? { into } : {}) });
  showSnapshot(await api().request('workspace.open', { root, create: false }));
  return paths;
}

export function listHistory(query: string): Promise<HistorySummary[]> {
  const q = query.trim();
  return q ? api().request('history.search', { query: q, limit: 200 }) : api().request('history.list', { limit: 200 });
}

export function clearHistory(): Promise<null> {
  return api().request('history.clear', {});
}

/** Reopens a recorded call as a new tab: its target, method, messages, metadata and deadline. */
export async function openHistoryEntry(id: string): Promise<void> {
  const entry: HistoryEntry = await api().request('history.get', { id });
  const [first, ...rest] = entry.requests;
  openUnsavedRequest({
    version: 1,
    target: entry.target,
    method: entry.method,
    ...(rest.length ? { messages: entry.requests } : { body: first ?? '{}' }),
    metadata: entry.metadata,
    ...(entry.deadlineMs !== undefined ? { deadlineMs: entry.deadlineMs } : {}),
  });
}
