import { randomUUID } from 'node:crypto';
import { rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../shared/model/errors';
import type { HistoryEntry, HistorySummary } from '../../../shared/model/workspace';
import { writeFileAtomic } from '../fs/atomic-write';
import { FILE_KINDS, readUserText, UserFileError } from '../fs/read-user-file';
import { SerialQueue } from '../fs/serial-queue';
import { AppendWriter } from './append-writer';

export interface HistoryLimits {
  /** Entries kept; the oldest go first. */
  maxEntries: number;
  /** Size of the history file, in bytes. */
  maxBytes: number;
}

/** Reads before trimming anyway, when other processes keep appending while it reads. */
const MAX_TRIM_RETRIES = 5;

const DEFAULT_HISTORY_LIMITS: HistoryLimits = { maxEntries: 1000, maxBytes: 16 * 1024 * 1024 };

export interface HistoryWriteOptions {
  /**
   * An append within this many ms of the last write waits until then, so calls made one after
   * another cost a write each `spacingMs` rather than one each (a stat and a write on the thread
   * pool, and two wake-ups of the engine's loop, between every two calls). 0: write at once.
   * Reading, flush() and close() write what waits first, so nothing read or quit misses it.
   */
  spacingMs: number;
}

export type NewHistoryEntry = Omit<HistoryEntry, 'id'> & { id?: string };

interface Pending {
  entry: HistoryEntry;
  resolve: (entry: HistoryEntry) => void;
  reject: (err: unknown) => void;
}

function summarize(entry: HistoryEntry): HistorySummary {
  const { id, at, durationMs, method, status, error, requestPath, responseCount, tests } = entry;
  // The address dialled (plain variables applied) says more in a list than `{{host}}`.
  return {
    id,
    at,
    durationMs,
    method,
    status,
    error,
    requestPath,
    responseCount,
    ...(tests ? { tests } : {}),
    address: entry.resolvedAddress ?? entry.target.address,
  };
}

/**
 * Every call, newest last, one JSON line per entry in the app's data folder (not the workspace).
 * Appending a line is cheap and a crash can only leave a torn last line, which reading skips;
 * trimming to the limits rewrites the file atomically. One store per process; the CLI and the
 * app may append to the same file (O_APPEND keeps lines whole).
 *
 * Appending is off a call's path: entries wait in memory while a write is under way and go out
 * together in the next one, in the order they came, turned into lines only then; each append's
 * promise settles when its line is on disk (or with the error that kept it off). `close()` writes
 * what is waiting. With `spacingMs` (the engine's), entries also wait for the spacing since the
 * last write, so the JSON of a call's entry is made in that later task, not in the call's own.
 */
export class HistoryStore {
  private entries: HistoryEntry[] | undefined;
  /** Each entry's line as it is on disk: trimming rewrites them without reading the file again. */
  private lines: string[] = [];
  private bytes = 0;
  private readonly queue = new SerialQueue();
  private readonly writer: AppendWriter;
  private pending: Pending[] = [];
  /** Writes made so far: a burst of entries takes fewer writes than it has entries. */
  writes = 0;
  /** A write of `pending` is in the queue. */
  private booked = false;
  private spacingTimer: ReturnType<typeof setTimeout> | undefined;
  private lastWriteAt = Number.NEGATIVE_INFINITY;

  constructor(
    readonly file: string,
    private readonly limits: HistoryLimits = DEFAULT_HISTORY_LIMITS,
    private readonly writeOptions: HistoryWriteOptions = { spacingMs: 0 },
  ) {
    this.writer = new AppendWriter(file, 0o600);
  }

  static inDataDir(dataDir: string, limits?: HistoryLimits, writeOptions?: HistoryWriteOptions): HistoryStore {
    return new HistoryStore(join(dataDir, 'history', 'history.jsonl'), limits, writeOptions);
  }

  /** The entries, after every entry appended before this call is written. */
  private loaded(): Promise<HistoryEntry[]> {
    this.bookWrite();
    return this.queue.run(() => this.load());
  }

  private async load(): Promise<HistoryEntry[]> {
    // Another process (`loupe run` beside the app) may have appended since: read it again then.
    if (this.entries && (await this.sizeOnDisk()) === this.bytes) return this.entries;
    return (await this.read()).entries;
  }

  /** The file as it is on disk now; the cache follows it. `lines` are the entries' own lines. */
  private async read(): Promise<{ entries: HistoryEntry[]; lines: string[] }> {
    let text = '';
    try {
      text = await readUserText(this.file, FILE_KINDS.appData);
    } catch (err) {
      if (!(err instanceof UserFileError && err.reason === 'not-found'))
        throw new AppError('UNAVAILABLE', `Cannot read the history: ${(err as Error).message}`);
    }
    const entries: HistoryEntry[] = [];
    const lines: string[] = [];
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        entries.push(JSON.parse(line) as HistoryEntry);
        lines.push(line + '\n');
      } catch {
        // A torn last line from a crash mid-append: skip it, keep the rest.
      }
    }
    this.entries = entries;
    this.lines = lines;
    this.bytes = Buffer.byteLength(text);
    return { entries, lines };
  }

  private async sizeOnDisk(): Promise<number> {
    try {
      return (await stat(this.file)).size;
    } catch {
      return 0;
    }
  }

  append(input: NewHistoryEntry): Promise<HistoryEntry> {
    const entry: HistoryEntry = { ...input, id: input.id ?? randomUUID() };
    return new Promise((resolve, reject) => {
      // The first entry waiting books the write (after the spacing); later ones ride along with it.
      const first = this.pending.length === 0;
      this.pending.push({ entry, resolve, reject });
      if (!first || this.booked || this.spacingTimer) return;
      const wait = this.lastWriteAt + this.writeOptions.spacingMs - performance.now();
      if (wait > 0) this.spacingTimer = setTimeout(() => this.bookWrite(), wait);
      else this.bookWrite();
    });
  }

  /** Queues the write of what waits, now (readers and close() call it too). */
  private bookWrite(): void {
    clearTimeout(this.spacingTimer);
    this.spacingTimer = undefined;
    if (this.booked || this.pending.length === 0) return;
    this.booked = true;
    void this.queue.run(() => {
      this.booked = false;
      this.lastWriteAt = performance.now();
      return this.writePending();
    });
  }

  private async writePending(): Promise<void> {
    const batch = this.linesOf(this.pending);
    this.pending = [];
    if (batch.length === 0) return;
    const text = batch.map((p) => p.line).join('');
    try {
      await this.writer.append(text, async ({ size }) => {
        // Only another process's lines make the file differ from what this store knows.
        if (!this.entries || size !== this.bytes) await this.read();
      });
      this.writes++;
    } catch (err) {
      const error = new AppError('UNAVAILABLE', `Cannot write the history to ${this.file}: ${(err as Error).message}`);
      for (const p of batch) p.reject(error);
      return;
    }
    this.entries!.push(...batch.map((p) => p.entry));
    this.lines.push(...batch.map((p) => p.line));
    this.bytes += Buffer.byteLength(text);
    // Trimmed before the callers hear, so a settled append leaves the file within its limits.
    // No call waits on this: the engine has sent the call's last event before it appends.
    try {
      if (this.over(this.entries!.length, this.bytes)) await this.trim();
    } catch (err) {
      for (const p of batch) p.reject(err);
      return;
    }
    for (const p of batch) p.resolve(p.entry);
  }

  /** Each entry with its line; one that cannot be JSON fails its own append, not the others'. */
  private linesOf(pending: Pending[]): (Pending & { line: string })[] {
    const lines: (Pending & { line: string })[] = [];
    for (const p of pending) {
      try {
        lines.push({ ...p, line: JSON.stringify(p.entry) + '\n' });
      } catch (err) {
        p.reject(new AppError('INTERNAL', `Cannot write a history entry: ${(err as Error).message}`));
      }
    }
    return lines;
  }

  /** Writes what is waiting; resolves when every entry appended before it is on disk or failed. */
  flush(): Promise<void> {
    this.bookWrite();
    return this.queue.run(() => Promise.resolve());
  }

  /** Writes what is waiting and lets the file go. Appending later opens it again. */
  close(): Promise<void> {
    this.bookWrite();
    return this.queue.run(() => this.writer.close());
  }

  private over(count: number, bytes: number): boolean {
    return count > this.limits.maxEntries || bytes > this.limits.maxBytes;
  }

  /**
   * Drops the oldest entries down to 90% of the limits, so trimming is not paid on every append.
   * It trims what is on disk, not what this store last read: another process (a second window,
   * `loupe run` with the same data folder) may have appended meanwhile, and the rewrite would
   * lose its lines. A line appended between that read and the rename would be lost all the same,
   * so the file is read again if it grew, and the limits are checked again on what was read.
   * While the file is the size this store left it, what it holds is what this store knows: the
   * lines kept in memory are trimmed instead (reading and parsing 1,000 entries again each time
   * cost the engine about as much CPU as a unary call).
   */
  private async trim(): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      const unchanged = attempt === 0 && this.entries !== undefined && (await this.sizeOnDisk()) === this.bytes;
      const { entries, lines } = unchanged ? { entries: this.entries!, lines: this.lines } : await this.read();
      const bytes = this.bytes;
      if (!this.over(lines.length, bytes)) return;
      let kept = lines.reduce((n, l) => n + Buffer.byteLength(l), 0);
      let drop = Math.max(0, lines.length - Math.floor(this.limits.maxEntries * 0.9));
      for (let i = 0; i < drop; i++) kept -= Buffer.byteLength(lines[i]!);
      while (kept > this.limits.maxBytes * 0.9 && drop < lines.length) kept -= Buffer.byteLength(lines[drop++]!);
      if ((await this.sizeOnDisk()) !== bytes && attempt < MAX_TRIM_RETRIES) continue;
      const text = lines.slice(drop).join('');
      await writeFileAtomic(this.file, text, 0o600);
      entries.splice(0, drop);
      lines.splice(0, drop);
      this.bytes = Buffer.byteLength(text);
      return;
    }
  }

  /** Newest first; `before` is an entry id to page from. */
  async list(options: { limit?: number; before?: string } = {}): Promise<HistorySummary[]> {
    const entries = await this.loaded();
    let end = entries.length;
    if (options.before) {
      const at = entries.findIndex((e) => e.id === options.before);
      if (at >= 0) end = at;
    }
    const limit = options.limit ?? 100;
    return entries
      .slice(Math.max(0, end - limit), end)
      .reverse()
      .map(summarize);
  }

  /**
   * Newest first, entries whose method, address, status, request path, metadata, request or
   * response text contain every word of the query (case-insensitive).
   */
  async search(query: string, limit = 100): Promise<HistorySummary[]> {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    const entries = await this.loaded();
    const found: HistorySummary[] = [];
    for (let i = entries.length - 1; i >= 0 && found.length < limit; i--) {
      const e = entries[i]!;
      const haystack = [
        e.method,
        e.target.address,
        e.resolvedAddress,
        e.environment,
        e.status?.name,
        e.status?.message,
        e.error,
        e.requestPath,
        ...e.metadata.map((m) => `${m.name}: ${m.value}`),
        ...e.requests,
        ...e.responses,
      ]
        .filter(Boolean)
        .join('\n')
        .toLowerCase();
      if (words.every((w) => haystack.includes(w))) found.push(summarize(e));
    }
    return found;
  }

  async get(id: string): Promise<HistoryEntry> {
    const entry = (await this.loaded()).find((e) => e.id === id);
    if (!entry) throw new AppError('NOT_FOUND', `No history entry '${id}'`);
    return entry;
  }

  clear(): Promise<void> {
    this.bookWrite();
    return this.queue.run(async () => {
      await this.writer.close();
      await rm(this.file, { force: true });
      this.entries = [];
      this.lines = [];
      this.bytes = 0;
    });
  }
}
