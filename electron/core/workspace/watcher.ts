import { relative, sep } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { AppError } from '../../../shared/model/errors';
import type { WorkspaceChange, WorkspaceProblem } from '../../../shared/model/workspace';
import { parseEnvironmentFile, parseSavedRequest, parseWorkspaceFile } from '../../../shared/workspace/format';
import { displayPath, roleOf } from './layout';
import { toProblem, type WorkspaceStore } from './workspace-store';

const RECHECK_MS = 150;

export interface WorkspaceWatcher {
  close(): Promise<void>;
}

/**
 * Reports files changed in the workspace by anyone but this store (git pull, an editor, another
 * window). Resolves once the initial scan is done, so a change made after it is never missed.
 */
export async function watchWorkspace(store: WorkspaceStore, onChange: (change: WorkspaceChange) => void, onError?: (err: unknown) => void): Promise<WorkspaceWatcher> {
  const root = store.root;
  let closed = false;
  const watcher: FSWatcher = watch(root, {
    ignoreInitial: true,
    // Dot entries are .git and the temporary files of atomic writes.
    ignored: (path) => relative(root, path).split(sep).some((part) => part.startsWith('.')),
  });

  const fileChanged = async (file: string, removed: boolean, isDirectory: boolean, recheck = false): Promise<void> => {
    const role = roleOf(root, file, isDirectory);
    if (!role || closed) return;
    if (role.kind === 'folder') return onChange({ kind: 'folder', path: role.path, removed });
    if (removed) {
      store.ownWrites.delete(file);
      if (role.kind === 'workspace') return onChange({ kind: 'workspace' });
      if (role.kind === 'request') return onChange({ kind: 'request', path: role.path, removed: true });
      return onChange({ kind: 'environment', name: role.name, removed: true });
    }
    const shown = displayPath(root, file);
    const broken = (problem: WorkspaceProblem) => {
      if (role.kind === 'workspace') onChange({ kind: 'workspace', problem });
      else if (role.kind === 'request') onChange({ kind: 'request', path: role.path, removed: false, problem });
      else onChange({ kind: 'environment', name: role.name, removed: false, problem });
    };
    let text: string;
    try {
      text = await store.read(file);
    } catch (err) {
      if (err instanceof AppError && err.code === 'NOT_FOUND') return; // gone again already; its unlink event follows
      return broken(toProblem(err, shown)); // a FIFO, a device, a file over the limit
    }
    if (store.ownWrites.get(file) === text) {
      // Our own save. Someone else may have written right after it within the file system's
      // timestamp granularity, which the watcher reports as one event: look once more shortly.
      if (!recheck) setTimeout(() => report(fileChanged(file, false, false, true)), RECHECK_MS).unref();
      else store.ownWrites.delete(file);
      return;
    }
    store.ownWrites.delete(file);
    try {
      if (role.kind === 'workspace') onChange({ kind: 'workspace', workspace: parseWorkspaceFile(text, shown) });
      else if (role.kind === 'request') onChange({ kind: 'request', path: role.path, removed: false, request: parseSavedRequest(text, shown) });
      else onChange({ kind: 'environment', name: role.name, removed: false, environment: parseEnvironmentFile(text, shown) });
    } catch (err) {
      broken(toProblem(err, shown));
    }
  };
  const report = (p: Promise<void> | void) => void Promise.resolve(p).catch((err: unknown) => onError?.(err));

  watcher
    .on('add', (f) => report(fileChanged(f, false, false)))
    .on('change', (f) => report(fileChanged(f, false, false)))
    .on('unlink', (f) => report(fileChanged(f, true, false)))
    .on('addDir', (f) => report(fileChanged(f, false, true)))
    .on('unlinkDir', (f) => report(fileChanged(f, true, true)))
    .on('error', (err) => onError?.(err));
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  return {
    close: () => {
      closed = true;
      return watcher.close();
    },
  };
}
