import { cp, mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { requestScriptFile, SNAPSHOTS_DIR, snapshotFile } from '../../../shared/model/scripts';
import { checkInsideWorkspace } from './containment';

/**
 * Files that belong to a saved request or folder without being it: the request's script
 * (requests/<path>.js) and its approved snapshots (snapshots/<path>.json, or snapshots/<folder>/).
 * They move, copy and go with it, so a renamed request keeps its tests and a deleted one leaves
 * no script behind for a later request of the same name to pick up.
 */
function companions(path: string, kind: 'request' | 'folder'): string[] {
  return kind === 'request' ? [requestScriptFile(path), snapshotFile(path)] : [`${SNAPSHOTS_DIR}/${path}`];
}

const abs = (root: string, rel: string) => join(root, ...rel.split('/'));

async function present(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** Carries the companions of `from` to `to` with `carry` (a move or a copy). */
async function carryCompanions(
  root: string,
  from: string,
  to: string,
  kind: 'request' | 'folder',
  carry: (src: string, dest: string) => Promise<void>,
): Promise<void> {
  const targets = companions(to, kind);
  for (const [i, source] of companions(from, kind).entries()) {
    const src = abs(root, source);
    if (!(await present(src))) continue;
    const dest = abs(root, targets[i]!);
    await checkInsideWorkspace(root, dest);
    await mkdir(dirname(dest), { recursive: true });
    await carry(src, dest);
  }
}

/** Moves the companions of `from` to `to` (after the item itself moved). */
export function moveCompanions(root: string, from: string, to: string, kind: 'request' | 'folder'): Promise<void> {
  return carryCompanions(root, from, to, kind, (src, dest) => rename(src, dest));
}

/** Copies the companions of `from` beside a duplicate at `to`. */
export function copyCompanions(root: string, from: string, to: string, kind: 'request' | 'folder'): Promise<void> {
  return carryCompanions(root, from, to, kind, (src, dest) =>
    cp(src, dest, { recursive: true, errorOnExist: true, force: false }),
  );
}

export async function deleteCompanions(root: string, path: string, kind: 'request' | 'folder'): Promise<void> {
  for (const rel of companions(path, kind)) await rm(abs(root, rel), { recursive: true, force: true });
}
