import { createHash } from 'node:crypto';
// Parts are read synchronously (see below), and only from a regular file opened as user files
// are (no FIFO can block the open), at offsets and lengths checked against its size.
// eslint-disable-next-line no-restricted-imports
import { close, fstat, open, readSync } from 'node:fs';
import { promisify } from 'node:util';
import { notAFile, OPEN_FLAGS } from '../fs/read-user-file';

/**
 * A compile cache file (descriptors, source info) held open and read one file's part at a time,
 * when that part is first needed: a reload of all of googleapis then reads 83 MB less before it
 * answers, and a file whose comments nobody asks for is never read at all. Each part carries its
 * own digest, so a damaged byte is found where it is read, without hashing the whole file first.
 *
 * A part is read synchronously: its readers (linking a file, a comment lookup) are synchronous,
 * and one part is a few kilobytes of a file the engine wrote itself, usually in the page cache.
 * The file stays open while any file decoded from it may still read from it, so a newer entry
 * pruning it (compile-cache.ts) takes nothing from a schema in use.
 */

/** [offset, length, digest] of one file's part. */
export type Slice = [number, number, string];

/** What a part is checked against: 64 bits of SHA-256 find damage; nothing here guards against intent. */
export const sliceDigest = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex').slice(0, 16);

export interface SlicedFile {
  size: number;
  /** The part's bytes; undefined when they are not the ones recorded (then `onDamage` has run once). */
  read(slice: Slice): Uint8Array | undefined;
}

const openFile = promisify(open);
const statFile = promisify(fstat);
// Closed once no decoded file can read from it any more.
const closing = new FinalizationRegistry<number>((fd) => close(fd, () => undefined));

/** Opens `path` for reading parts; throws when it cannot be opened or is not a regular file. */
export async function openSliced(path: string, onDamage: () => void): Promise<SlicedFile> {
  const fd = await openFile(path, OPEN_FLAGS);
  let size: number;
  try {
    const stats = await statFile(fd);
    const wrong = notAFile(stats);
    if (wrong) throw new Error(`${path}: ${wrong.why}`);
    size = stats.size;
  } catch (error) {
    close(fd, () => undefined);
    throw error;
  }
  let damaged = false;
  const file: SlicedFile = {
    size,
    read([offset, length, digest]) {
      const bytes = Buffer.allocUnsafe(length);
      let got = 0;
      try {
        while (got < length) {
          const n = readSync(fd, bytes, got, length - got, offset + got);
          if (n === 0) break;
          got += n;
        }
      } catch {
        got = -1;
      }
      if (got === length && sliceDigest(bytes) === digest) return bytes;
      if (!damaged) onDamage();
      damaged = true;
      return undefined;
    },
  };
  closing.register(file, fd);
  return file;
}

/** Whether every part lies within a file of `size` bytes. */
export function slicesFit(slices: Slice[], size: number): boolean {
  return slices.every(
    ([offset, length, digest]) =>
      Number.isSafeInteger(offset) &&
      Number.isSafeInteger(length) &&
      offset >= 0 &&
      length >= 0 &&
      offset + length <= size &&
      typeof digest === 'string',
  );
}
