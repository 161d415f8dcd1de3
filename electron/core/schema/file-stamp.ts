import { readdir, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';

/**
 * What the file system says of a file without reading it: size, modification and change times,
 * inode. Any write changes the change time (which no tool can set back), so a file whose stamp
 * is the one recorded still holds the bytes recorded with it, as git's index assumes; unless it
 * was written in the same clock tick as the recording, which is why a recently modified file's
 * stamp is never trusted (see trusted()).
 */
export type FileStamp = [size: number, mtimeMs: number, ctimeMs: number, ino: number];

/** File systems with whole-second times: a file changed this close to the recording may not show it. */
const RACY_MS = 2000;

export const stampOf = (s: Stats): FileStamp => [s.size, s.mtimeMs, s.ctimeMs, s.ino];

export async function stampFile(path: string): Promise<FileStamp | undefined> {
  try {
    const s = await stat(path);
    return s.isFile() ? stampOf(s) : undefined;
  } catch {
    return undefined;
  }
}

export const sameStamp = (a: FileStamp | undefined, b: FileStamp | undefined) =>
  !!a && !!b && a.length === b.length && a.every((v, i) => v === b[i]);

/** True when `now` is the recorded stamp and it was old enough at recording to be relied on. */
export function trusted(recorded: FileStamp | undefined, now: FileStamp | undefined, recordedAt: number): boolean {
  if (!recorded || !sameStamp(recorded, now)) return false;
  return recorded[1] < recordedAt - RACY_MS && recorded[2] < recordedAt - RACY_MS;
}

/** The first root holding `name` (protoc's rule) and its stamp, in one stat per root tried. */
export async function locateInRoots(
  name: string,
  roots: string[],
): Promise<{ path: string; stamp: FileStamp } | undefined> {
  for (const root of roots) {
    const path = resolve(root, name);
    const stamp = await stampFile(path);
    if (stamp) return { path, stamp };
  }
  return undefined;
}

/**
 * A test for "this path, relative to baseDir, certainly does not exist", from one listing of
 * baseDir. Inputs named relative to an import path ("google/api/http.proto") are looked for in
 * the folder first, and each stat that fails costs an error object (all of googleapis: 7,184 per
 * load). Case and Unicode form are ignored, so a case-insensitive file system is never answered
 * wrong; absolute paths and unlistable folders are never "certainly absent".
 */
export async function absenceTest(baseDir: string): Promise<(path: string) => boolean> {
  const fold = (name: string) => name.normalize('NFC').toLowerCase();
  const names = await readdir(baseDir).then(
    (list) => new Set(list.map(fold)),
    () => undefined,
  );
  if (!names) return () => false;
  return (path) => {
    if (isAbsolute(path)) return false;
    const first = path.split(/[\\/]/)[0]!;
    return first !== '' && first !== '.' && first !== '..' && !names.has(fold(first));
  };
}
