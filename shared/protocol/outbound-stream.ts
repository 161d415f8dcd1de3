import type { ErrorData } from '../model/errors';
import { CancelSignal } from './cancel';
import type { StreamSink } from './define';
import type { ServerEnvelope } from './envelope';

export interface BatchOptions {
  /** Most events in one message. */
  maxEvents: number;
  /** How long a partial batch may wait for company, in ms. */
  intervalMs: number;
  /** Queue length above which push() tells the producer to pause. */
  highWater: number;
}

type Immediate = (callback: () => void) => unknown;
const setImmediateOfHost = (globalThis as { setImmediate?: Immediate }).setImmediate;

/**
 * Runs a callback as its own task right after the current one. setTimeout(0) would do, but Node
 * stretches it to at least 1 ms: a full batch, or the end of a unary call, would wait that long
 * for nothing. setImmediate runs after pending I/O instead; hosts without it fall back.
 */
function soon(callback: () => void): void {
  if (setImmediateOfHost) setImmediateOfHost(callback);
  else setTimeout(callback, 0);
}

export const DEFAULT_BATCH_OPTIONS: BatchOptions = { maxEvents: 512, intervalMs: 16, highWater: 4096 };

/**
 * Server side of one stream: queues events, sends them in batches only while the caller has
 * credit, and tells the producer to pause when the queue grows. One message per batch rather
 * than per event is what keeps a fast gRPC stream from flooding the transport; credit is what
 * keeps a slow consumer from making the queue grow without bound.
 */
export class OutboundStream<E> implements StreamSink<E> {
  readonly signal = new CancelSignal();
  private queue: E[] = [];
  private credit: number;
  private timer: unknown = undefined;
  /** A flush is queued to run right after the current task (see `soon`). */
  private flushSoon = false;
  private ending: { error?: ErrorData } | undefined;
  private finished = false;
  private paused = false;
  private drainListeners = new Set<() => void>();

  constructor(
    private readonly id: number,
    initialCredit: number,
    private readonly send: (envelope: ServerEnvelope) => void,
    private readonly onFinished: () => void,
    private readonly options: BatchOptions = DEFAULT_BATCH_OPTIONS,
  ) {
    this.credit = initialCredit;
  }

  push(event: E): boolean {
    if (this.finished || this.ending || this.signal.cancelled) return false;
    this.queue.push(event);
    this.schedule();
    if (this.queue.length >= this.options.highWater) this.paused = true;
    return !this.paused;
  }

  onDrain(listener: () => void): () => void {
    this.drainListeners.add(listener);
    return () => this.drainListeners.delete(listener);
  }

  end(error?: ErrorData): void {
    if (this.finished || this.ending) return;
    this.ending = error ? { error } : {};
    this.schedule();
  }

  addCredit(n: number): void {
    if (this.finished) return;
    this.credit += n;
    this.schedule();
  }

  /** The caller cancelled or went away: drop everything, tell the producer, send nothing more. */
  cancel(reason: string): void {
    if (this.finished) return;
    this.finished = true;
    this.queue = [];
    this.clearTimer();
    this.signal.cancel(reason);
    this.onFinished();
  }

  private schedule(): void {
    if (this.finished) return;
    const closing = this.ending !== undefined;
    // Without credit there is nothing to send; addCredit() schedules again.
    if (this.credit === 0 && !(closing && this.queue.length === 0)) return;
    const full = this.queue.length >= this.options.maxEvents;
    if (full || closing) {
      // A full batch (or the end) goes out as soon as the current task is done.
      if (this.flushSoon) return;
      this.clearTimer();
      this.flushSoon = true;
      soon(() => {
        if (this.flushSoon) this.flush();
      });
    } else if (this.timer === undefined && this.queue.length > 0) {
      this.timer = setTimeout(() => this.flush(), this.options.intervalMs);
    }
  }

  private flush(): void {
    this.clearTimer();
    if (this.finished) return;
    while (this.queue.length > 0 && this.credit > 0) {
      const n = Math.min(this.queue.length, this.credit, this.options.maxEvents);
      const events = this.queue.splice(0, n);
      this.credit -= n;
      this.send({ t: 'batch', id: this.id, events });
    }
    if (this.paused && this.queue.length <= this.options.highWater / 2) {
      this.paused = false;
      for (const listener of [...this.drainListeners]) listener();
    }
    if (this.queue.length === 0 && this.ending) {
      this.finished = true;
      this.send(this.ending.error ? { t: 'end', id: this.id, error: this.ending.error } : { t: 'end', id: this.id });
      this.onFinished();
    } else if (this.queue.length > 0) {
      this.schedule();
    }
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.flushSoon = false;
  }
}
