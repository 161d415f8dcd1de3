import { randomBytes } from 'node:crypto';
import { lstat, mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The temporary file of an atomic write: `.<name>.<12 hex>.tmp` beside its target. */
const tempName = (name: string) => `.${name}.${randomBytes(6).toString('hex')}.tmp`;
const TEMP_NAME = /^\..+\.[0-9a-f]{12}\.tmp$/;

/**
 * A temporary file this old cannot belong to a write still in progress (one takes milliseconds);
 * younger ones may be another process's save, which deleting would make fail.
 */
export const STALE_TEMP_MS = 10 * 60_000;

/**
 * Writes a file so that a crash at any moment leaves either the old or the new content: write
 * a temporary file beside it, fsync it, rename it over the target, then fsync the folder.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o644): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const temp = join(dir, tempName(basename(path)));
  const handle = await open(temp, 'w', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  // The rename itself must reach the disk too; not every platform lets us open a folder.
  const dirHandle = await open(dir, 'r').catch(() => undefined);
  if (dirHandle) {
    await dirHandle.sync().catch(() => undefined);
    await dirHandle.close();
  }
}

/**
 * Removes the temporary files that a kill in the middle of writeFileAtomic left in `dir`, and with
 * `recursive` in the folders below it (not dot folders; symbolic links are not followed).
 * Answers how many it removed.
 */
export async function removeStaleTempFiles(
  dir: string,
  options: { recursive?: boolean; now?: number } = {},
): Promise<number> {
  const { recursive = false, now = Date.now() } = options;
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  let removed = 0;
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (recursive && !entry.name.startsWith('.')) removed += await removeStaleTempFiles(path, options);
    } else if (entry.isFile() && TEMP_NAME.test(entry.name)) {
      const info = await lstat(path).catch(() => undefined);
      if (info && now - info.mtimeMs > STALE_TEMP_MS) {
        await rm(path, { force: true });
        removed++;
      }
    }
  }
  return removed;
}
