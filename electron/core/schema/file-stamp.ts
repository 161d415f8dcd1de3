import { stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { resolve } from 'node:path';

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
