import { mkdir, open, stat, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';

interface Held {
  handle: FileHandle;
  ino: number;
}

/** What a write found on disk before it appended: another process's lines make `size` larger. */
export interface BeforeWrite {
  /** The file's size before this write; 0 when it did not exist. */
  size: number;
}

/**
 * Appends text to one file through a handle it keeps open, so an append costs a stat and a write
 * instead of mkdir, open, write and close. The stat is what keeps it safe beside other processes:
 * one that trims the file replaces it by a rename, and a handle held on the old file would write
 * into a file nobody reads; when the path names another file (or none), the handle is reopened.
 * The folder is made only when opening finds it missing.
 */
export class AppendWriter {
  private held: Held | undefined;

  constructor(
    readonly file: string,
    private readonly mode: number,
  ) {}

  async append(text: string, before: (found: BeforeWrite) => Promise<void>): Promise<void> {
    const onDisk = await stat(this.file).catch(() => undefined);
    if (this.held && onDisk?.ino !== this.held.ino) await this.close();
    this.held ??= await this.open();
    await before({ size: onDisk?.size ?? 0 });
    try {
      await this.held.handle.appendFile(text);
    } catch (err) {
      // A handle that failed once is not trusted again: the next append opens afresh.
      await this.close();
      throw err;
    }
  }

  private async open(): Promise<Held> {
    let handle: FileHandle;
    try {
      handle = await open(this.file, 'a', this.mode);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      await mkdir(dirname(this.file), { recursive: true, mode: 0o700 });
      handle = await open(this.file, 'a', this.mode);
    }
    try {
      return { handle, ino: (await handle.stat()).ino };
    } catch (err) {
      await handle.close();
      throw err;
    }
  }

  async close(): Promise<void> {
    const held = this.held;
    this.held = undefined;
    await held?.handle.close().catch(() => undefined);
  }
}
