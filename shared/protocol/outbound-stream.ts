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
  /** How many pushed events each queued entry stands for (more than one once coalesced). */
  private weights: number[] = [];
  /** Pushed events waiting: credit, batch size and the high-water mark count these. */
  private queuedWeight = 0;
  private credit: number;
  private timer: unknown = undefined;
  /** A flush is queued to run right after the current task (see `soon`). */
  private flushSoon = false;
  private ending: { error?: ErrorData } | undefined;
  private finished = false;
  private paused = false;
  private drainListeners = new Set<() => void>();
  private merge: ((last: E, next: E) => boolean) | undefined;

  constructor(
    private readonly id: number,
    private readonly initialCredit: number,
    private readonly send: (envelope: ServerEnvelope) => void,
    private readonly onFinished: () => void,
    private readonly options: BatchOptions = DEFAULT_BATCH_OPTIONS,
  ) {
    this.credit = initialCredit;
  }

  coalesce(merge: (last: E, next: E) => boolean): void {
    this.merge = merge;
  }

  push(event: E): boolean {
    if (this.finished || this.ending || this.signal.cancelled) return false;
    const last = this.queue[this.queue.length - 1];
    // An entry stands for at most what one batch, and the caller's whole credit, can carry.
    const room = Math.min(this.options.maxEvents, this.initialCredit) - (this.weights[this.weights.length - 1] ?? 0);
    if (this.merge && last !== undefined && room > 0 && this.merge(last, event)) {
      this.weights[this.weights.length - 1]! += 1;
    } else {
      this.queue.push(event);
      this.weights.push(1);
    }
    this.queuedWeight++;
    this.schedule();
    if (this.queuedWeight >= this.options.highWater) this.paused = true;
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
    this.stop(reason);
  }

  /** The stream cannot go on: drop what waits, tell the producer, and end at once with `error`. */
  fail(error: ErrorData): void {
    if (this.finished) return;
    this.stop(error.message);
    this.send({ t: 'end', id: this.id, error });
  }

  private stop(reason: string): void {
    this.finished = true;
    this.queue = [];
    this.weights = [];
    this.queuedWeight = 0;
    this.clearTimer();
    this.signal.cancel(reason);
    this.onFinished();
  }

  private schedule(): void {
    if (this.finished) return;
    const closing = this.ending !== undefined;
    // Without credit there is nothing to send; addCredit() schedules again.
    if (this.credit <= 0 && !(closing && this.queue.length === 0)) return;
    // Nor when the next entry needs more credit than is left; addCredit() schedules again.
    if (this.queue.length > 0 && this.weights[0]! > Math.min(this.credit, this.options.maxEvents)) return;
    if (closing) {
      // Nothing comes after the end: waiting for the task to finish would only delay the last
      // batch (a unary call's whole answer) by a turn of the event loop.
      this.flush();
      return;
    }
    if (this.queuedWeight >= this.options.maxEvents) {
      // A full batch goes out as soon as the current task is done.
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
      // As many entries as credit and batch size allow, counted in pushed events. No entry is
      // heavier than the initial credit, so once the caller returns its credit each one fits.
      const budget = Math.min(this.credit, this.options.maxEvents);
      let k = 0;
      let weight = 0;
      while (k < this.queue.length && weight + this.weights[k]! <= budget) weight += this.weights[k++]!;
      if (k === 0) break;
      const events = this.queue.splice(0, k);
      this.weights.splice(0, k);
      this.queuedWeight -= weight;
      this.credit -= weight;
      const batch: ServerEnvelope =
        weight === k ? { t: 'batch', id: this.id, events } : { t: 'batch', id: this.id, events, n: weight };
      // The last batch of an ending stream carries the end: one frame, and no credit sent back for it.
      if (this.queue.length === 0 && this.ending) {
        this.finished = true;
        this.send({ ...batch, end: this.ending });
        this.onFinished();
        return;
      }
      this.send(batch);
    }
    if (this.paused && this.queuedWeight <= this.options.highWater / 2) {
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
