import type { CallEvent, CallStatus, EngineCallEvent, MetadataEntry, ReceivedRun } from '../../../shared/model/call';
import { TIMELINE_CHUNK_ROWS } from '../../../shared/model/keep';
import { CallScripts } from './call-scripts';

export type RowKind = 'sent' | 'received' | 'event';
const KIND_CODES: readonly RowKind[] = ['sent', 'received', 'event'];

export interface TimelineRow {
  /** Row number since the call started (rows let go keep their numbers). */
  row: number;
  kind: RowKind;
  /** Milliseconds since the call started. */
  t: number;
  /** Message rows: index within its direction, engine position, bytes on the wire. */
  index: number;
  position: number;
  size: number;
  /** Event rows: the event itself. */
  event?: CallEvent;
}

/** Rows live in fixed-size chunks of typed arrays: 100,000 rows cost about 2 MB, not 100,000 objects. */
const CHUNK = TIMELINE_CHUNK_ROWS;

class Chunk {
  readonly kind = new Uint8Array(CHUNK);
  readonly t = new Float64Array(CHUNK);
  readonly index = new Int32Array(CHUNK);
  /** For event rows: the position the next message will have, so positions never decrease. */
  readonly position = new Int32Array(CHUNK);
  readonly size = new Int32Array(CHUNK);
}

const PREVIEW_CACHE = 4000;

/**
 * A call's timeline in the renderer, outside React state: typed-array rows for every event, the
 * few non-message events themselves, counters, and a bounded cache of message previews. Keeps
 * about `keep` rows; older ones are let go a chunk at a time and counted. The JSON of messages
 * stays in the engine, which the views ask for the rows they show.
 */
export class TimelineLog {
  private readonly chunks: Chunk[] = [];
  /** Chunk number of chunks[0]. */
  private firstChunk = 0;
  private rows = 0;
  private readonly events = new Map<number, CallEvent>();
  private readonly previews = new Map<number, string>();

  sent = 0;
  received = 0;
  bytesSent = 0;
  bytesReceived = 0;
  /** Messages whose rows were let go. */
  droppedMessages = 0;
  startedAt: number | undefined;
  headers: MetadataEntry[] = [];
  trailers: MetadataEntry[] = [];
  status: CallStatus | undefined;
  errors: string[] = [];
  halfClosed = false;
  /** What the call's scripts did: logs, tests, snapshots, failures (for the Tests tab). */
  readonly scriptsOutcome = new CallScripts();
  /** Wall-clock time of the last event, for rates. */
  lastT = 0;
  /** Bumped by `publish`: what the views last drew from. */
  version = 0;
  private readonly watchers = new Set<() => void>();

  constructor(readonly keep: number) {}

  /**
   * Watches `publish` (useSyncExternalStore's shape). The counts and rows of a running call reach
   * the views here rather than through the store: a redraw then re-renders only what shows them,
   * not everything that reads the tab's call.
   */
  readonly subscribe = (watcher: () => void): (() => void) => {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  };

  /** Tells the views the log changed; called at most once per redraw (see call-actions). */
  publish(): void {
    this.version++;
    for (const watcher of this.watchers) watcher();
  }

  /**
   * Hears what a view's later redraw cost (the previews of the rows a publish brought, filled in
   * when they arrive), so the redraw spacing counts it with the publish (call-actions).
   */
  onLaterRedraw: ((ms: number, frameTime: number) => void) | undefined;

  /** The oldest row still kept. */
  get first(): number {
    return this.firstChunk * CHUNK;
  }

  /** One past the newest row. */
  get end(): number {
    return this.rows;
  }

  get messages(): number {
    return this.sent + this.received;
  }

  append(events: readonly CallEvent[]): void {
    for (const event of events) {
      if (event.type === 'received-run') this.addRun(event);
      else this.add(event);
    }
    // Let go of whole chunks, keeping at least `keep` rows.
    while (this.rows - (this.firstChunk + 1) * CHUNK >= this.keep && this.chunks.length > 1) this.dropChunk();
  }

  /** The chunk and slot of the next row, making room for it. */
  private slot(): { chunk: Chunk; at: number } {
    const row = this.rows;
    const chunkNo = Math.floor(row / CHUNK);
    if (chunkNo - this.firstChunk >= this.chunks.length) this.chunks.push(new Chunk());
    return { chunk: this.chunks[chunkNo - this.firstChunk]!, at: row % CHUNK };
  }

  /** Messages that came without JSON, packed: straight into the arrays, no object per message. */
  private addRun(run: ReceivedRun): void {
    for (let i = 0; i < run.times.length; i++) {
      const { chunk, at } = this.slot();
      const size = run.sizes[i]!;
      chunk.kind[at] = 1;
      chunk.t[at] = run.times[i]!;
      chunk.index[at] = run.index + i;
      chunk.position[at] = this.sent + this.received;
      chunk.size[at] = size;
      this.received++;
      this.bytesReceived += size;
      this.rows++;
    }
    this.lastT = run.times[run.times.length - 1] ?? this.lastT;
  }

  private add(event: EngineCallEvent): void {
    // The running total of tests is what the Tests tab shows, not a moment of the call.
    if (event.type === 'tests') return void (this.scriptsOutcome.tests = event.summary);
    const row = this.rows;
    const { chunk, at } = this.slot();
    chunk.t[at] = event.t;
    this.lastT = event.t;
    if (event.type === 'sent' || event.type === 'received') {
      const position = this.messages;
      chunk.kind[at] = event.type === 'sent' ? 0 : 1;
      chunk.index[at] = event.index;
      chunk.position[at] = position;
      chunk.size[at] = event.size;
      if (event.type === 'sent') {
        this.sent++;
        this.bytesSent += event.size;
      } else {
        this.received++;
        this.bytesReceived += event.size;
      }
      this.setPreview(position, event.json);
    } else {
      chunk.kind[at] = 2;
      chunk.position[at] = this.messages;
      chunk.index[at] = -1;
      chunk.size[at] = 0;
      this.events.set(row, event);
      this.note(event);
    }
    this.rows++;
  }

  private note(event: EngineCallEvent): void {
    switch (event.type) {
      case 'started':
        this.startedAt = event.at;
        break;
      case 'headers':
        this.headers = event.metadata;
        break;
      case 'trailers':
        this.trailers = event.metadata;
        break;
      case 'half-closed':
        this.halfClosed = true;
        break;
      case 'status':
        this.status = event.status;
        break;
      case 'error':
        if (this.scriptsOutcome.noteError(event.message)) break;
        this.errors.push(event.hint ? `${event.message} (${event.hint})` : event.message);
        break;
      case 'scripts':
      case 'log':
      case 'test':
        this.scriptsOutcome.note(event);
        break;
      default:
        break;
    }
  }

  private dropChunk(): void {
    const chunk = this.chunks.shift()!;
    const base = this.firstChunk * CHUNK;
    for (let i = 0; i < CHUNK; i++) {
      if (chunk.kind[i] === 2) this.events.delete(base + i);
      else this.droppedMessages++;
    }
    this.firstChunk++;
  }

  row(row: number): TimelineRow | undefined {
    if (row < this.first || row >= this.rows) return undefined;
    const chunk = this.chunks[Math.floor(row / CHUNK) - this.firstChunk]!;
    const at = row % CHUNK;
    const kind = KIND_CODES[chunk.kind[at]!]!;
    return {
      row,
      kind,
      t: chunk.t[at]!,
      index: chunk.index[at]!,
      position: chunk.position[at]!,
      size: chunk.size[at]!,
      ...(kind === 'event' ? { event: this.events.get(row) } : {}),
    };
  }

  kindOf(row: number): RowKind | undefined {
    if (row < this.first || row >= this.rows) return undefined;
    return KIND_CODES[this.chunks[Math.floor(row / CHUNK) - this.firstChunk]!.kind[row % CHUNK]!];
  }

  /** The kept row of the message at engine position `position`, if any. */
  rowOfPosition(position: number): number | undefined {
    // Positions never decrease along the rows, so a binary search finds the first row at `position`;
    // event rows there precede the message itself.
    let lo = this.first;
    let hi = this.rows;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const chunk = this.chunks[Math.floor(mid / CHUNK) - this.firstChunk]!;
      if (chunk.position[mid % CHUNK]! < position) lo = mid + 1;
      else hi = mid;
    }
    for (let row = lo; row < this.rows; row++) {
      const r = this.row(row)!;
      if (r.position !== position) return undefined;
      if (r.kind !== 'event') return row;
    }
    return undefined;
  }

  /** Rows of events that are errors or a non-OK status, in order. */
  problemRows(): number[] {
    const rows: number[] = [];
    for (const [row, event] of this.events) {
      if (
        event.type === 'error' ||
        (event.type === 'status' && event.status.code !== 0) ||
        (event.type === 'test' && !event.result.passed)
      )
        rows.push(row);
    }
    return rows.sort((a, b) => a - b);
  }

  /** Non-message events still kept, in order (for export). */
  keptEvents(): Array<{ row: number; event: CallEvent }> {
    return [...this.events].sort((a, b) => a[0] - b[0]).map(([row, event]) => ({ row, event }));
  }

  preview(position: number): string | undefined {
    return this.previews.get(position);
  }

  setPreview(position: number, json: string): void {
    // A bounded cache, oldest first out: previews are fetched again when scrolled back to.
    if (this.previews.size >= PREVIEW_CACHE) {
      const oldest = this.previews.keys().next().value;
      if (oldest !== undefined) this.previews.delete(oldest);
    }
    this.previews.set(position, json.length > 400 ? json.slice(0, 400) : json);
  }
}
