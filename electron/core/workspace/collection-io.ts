import { exportCollection, importCollection } from '../../../shared/workspace/collection';
import type { WorkspaceStore } from './workspace-store';

/** The collection (or one folder of it, paths made relative to it) as one JSON text. */
export async function exportWorkspaceCollection(store: WorkspaceStore, folder?: string): Promise<string> {
  const content = await store.load();
  const prefix = folder ? `${folder}/` : '';
  const inside = (p: string) => !folder || p.startsWith(prefix);
  return exportCollection({
    targets: content.workspace.targets,
    folders: content.folders.filter(inside).map((p) => p.slice(prefix.length)),
    requests: content.requests
      .filter((r) => inside(r.path))
      .map((r) => ({ path: r.path.slice(prefix.length), request: r.request })),
  });
}

/**
 * Adds an exported collection under `into`. Requests never overwrite (a taken path gets " (2)");
 * a named target the workspace lacks is added, one it already has is left as it is.
 */
export async function importWorkspaceCollection(store: WorkspaceStore, text: string, into = ''): Promise<string[]> {
  const current = await store.load();
  const taken = new Set([...current.requests.map((r) => r.path), ...current.folders]);
  const content = importCollection(text, into, taken);
  const missingTargets = Object.entries(content.targets).filter(([name]) => !(name in current.workspace.targets));
  if (missingTargets.length) {
    const workspace = await store.readWorkspaceFile();
    await store.saveWorkspaceFile({
      ...workspace,
      targets: { ...workspace.targets, ...Object.fromEntries(missingTargets) },
    });
  }
  for (const folder of content.folders) await store.createFolder(folder);
  for (const { path, request } of content.requests) await store.saveRequest(path, request);
  return content.requests.map((r) => r.path);
}
