import { useAppStore } from '../state';
import { followScriptFile, scriptChanged } from '../state';
import { api } from './client';

/**
 * Workspace scripts: whether the open folder's scripts run (trust), a saved request's own script
 * (read into its tab, saved with the request), approving snapshots and the values scripts keep.
 */

/** Asks whether the open workspace has scripts and whether its folder is trusted. */
export async function refreshScriptsStatus(): Promise<void> {
  const root = useAppStore.getState().workspace?.root;
  if (!root) return useAppStore.getState().setScriptsStatus(undefined);
  const status = await api().request('scripts.status', { root });
  if (useAppStore.getState().workspace?.root === root) useAppStore.getState().setScriptsStatus({ root, ...status });
}

/** Trusts (or stops trusting) the open workspace's folder: its scripts run from the next call on. */
export async function trustWorkspace(trusted = true): Promise<void> {
  const root = useAppStore.getState().workspace?.root;
  if (!root) return;
  await api().request('scripts.trust', { root, trusted });
  await refreshScriptsStatus();
}

/** The scripts that also run around a saved request (workspace, folders), outermost first. */
export interface OuterScript {
  file: string;
  text: string;
}

/**
 * Reads the scripts of a tab's saved request: its own script becomes the tab's draft (edits
 * typed in the tab are kept), and the outer scripts that exist are answered for showing.
 */
export async function loadTabScripts(tabId: string): Promise<OuterScript[]> {
  const tab = useAppStore.getState().tabs[tabId];
  const saved = tab?.saved;
  if (!saved) return [];
  const read = await api().request('scripts.read', { root: saved.root, path: saved.path });
  const own = read.files.at(-1);
  const now = useAppStore.getState().tabs[tabId];
  // The tab moved on (another request, or unlinked) while the files were read.
  if (now?.saved?.root !== saved.root || now.saved.path !== saved.path) return [];
  useAppStore.getState().updateTab(tabId, { script: followScriptFile(now.script, own?.text ?? '') });
  return read.files.slice(0, -1).flatMap((f) => (f.text === null ? [] : [{ file: f.file, text: f.text }]));
}

/**
 * Saves a tab's script beside its request at `path` (called once the request itself is saved).
 * A tab saved where it already was writes only a changed script; saved elsewhere, its script
 * goes along. The tab remembers the text that was written, so typing meanwhile stays unsaved.
 */
export async function saveTabScript(tabId: string, root: string, path: string, sameFile: boolean): Promise<void> {
  const draft = useAppStore.getState().tabs[tabId]?.script;
  if (!draft || (sameFile ? !scriptChanged(draft) : draft.text === '')) return;
  const text = draft.text;
  await api().request('scripts.save', { root, path, text });
  const now = useAppStore.getState().tabs[tabId];
  if (now?.script) useAppStore.getState().updateTab(tabId, { script: { text: now.script.text, saved: text } });
  await refreshScriptsStatus();
}

/** Stores a snapshot test's received value as the request's approved one. */
export async function approveSnapshot(root: string, path: string, name: string, received: string): Promise<void> {
  await api().request('scripts.approve', { root, path, name, value: received });
}

/** The values scripts set with env.set for the open workspace's active environment. */
export function scriptValues(root: string, environment: string | null): Promise<Record<string, string>> {
  return api().request('scripts.values', { root, environment });
}

export async function forgetScriptValues(root: string, environment: string | null): Promise<void> {
  await api().request('scripts.clearValues', { root, environment });
}
