import { relative, sep } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { AppError } from '../../../shared/model/errors';
import type { WorkspaceChange, WorkspaceProblem } from '../../../shared/model/workspace';
import { parseEnvironmentFile, parseSavedRequest, parseWorkspaceFile } from '../../../shared/workspace/format';
import { displayPath, roleOf } from './layout';
import { toProblem, type WorkspaceStore } from './workspace-store';

/**
 * When to read a changed file again. chokidar drops a change event whose mtime equals the one it
 * last reported once the file has been read since (its atime then passes the mtime), and file
 * systems stamp mtimes with a coarse clock (a few ms on Linux, up to 2 s on some). So a second
 * write within one tick of the first (git pull right after our save; an editor that truncates,
 * then writes) has no event of its own. Every event is followed by these re-reads; a later read
 * can only see newer content, so a slow machine only makes them safer.
 */
const RECHECK_AFTER_MS = [150, 2_100];

export interface WorkspaceWatcher {
  close(): Promise<void>;
}

/**
 * Reports files changed in the workspace by anyone but this store (git pull, an editor, another
 * window). Resolves once the initial scan is done, so a change made after it is never missed.
 */
export async function watchWorkspace(
  store: WorkspaceStore,
  onChange: (change: WorkspaceChange) => void,
  onError?: (err: unknown) => void,
): Promise<WorkspaceWatcher> {
  const root = store.root;
  let closed = false;
  /** What each file held when last read, so a re-read reports only a change. */
  const lastRead = new Map<string, string>();
  const watcher: FSWatcher = watch(root, {
    ignoreInitial: true,
    // Dot entries are .git and the temporary files of atomic writes.
    ignored: (path) =>
      relative(root, path)
        .split(sep)
        .some((part) => part.startsWith('.')),
  });

  const fileChanged = async (file: string, removed: boolean, isDirectory: boolean, recheck?: number): Promise<void> => {
    const role = roleOf(root, file, isDirectory);
    if (!role || closed) return;
    if (role.kind === 'folder') return onChange({ kind: 'folder', path: role.path, removed });
    if (removed) {
      store.ownWrites.delete(file);
      lastRead.delete(file);
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
    if (closed) return;
    const previous = lastRead.get(file);
    lastRead.set(file, text);
    const next = recheck === undefined ? 0 : recheck + 1;
    if (next < RECHECK_AFTER_MS.length)
      setTimeout(() => report(fileChanged(file, false, false, next)), RECHECK_AFTER_MS[next]).unref();
    if (recheck !== undefined && text === previous) return;
    // Our own save, or what the app already has: the entry stays until someone else writes.
    if (store.ownWrites.get(file) === text) return;
    store.ownWrites.delete(file);
    try {
      if (role.kind === 'workspace') onChange({ kind: 'workspace', workspace: parseWorkspaceFile(text, shown) });
      else if (role.kind === 'request')
        onChange({ kind: 'request', path: role.path, removed: false, request: parseSavedRequest(text, shown) });
      else
        onChange({
          kind: 'environment',
          name: role.name,
          removed: false,
          environment: parseEnvironmentFile(text, shown),
        });
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
