import type { LoadErrorSample, LoadTimePoint } from '../../../shared/model/load';
import { addEncoded, newHistogram, percentileMs, type Histogram } from './latency';
import type { WorkerTick } from './worker-protocol';

/** Points the report keeps over time: beyond this, neighbours are merged and the spacing doubles. */
export const MAX_SERIES_POINTS = 600;
/** Error kinds kept as first errors and in errorDistribution. */
const MAX_ERROR_KINDS = 100;
/**
 * The live rate's span: the windows of the last second at least. The engine closes a window on
 * its timer and each worker ticks on its own, so one window may hold none of a worker's ticks and
 * the next two; alone it would read 0 calls/s, then twice the rate.
 */
const LIVE_RATE_SPAN_MS = 1000;

/**
 * What the workers measured, added up in the engine: the whole run's histogram and counts, the
 * current window's (for the live numbers and the charts over time), the first error of each kind.
 */
export class RunState {
  readonly total: Histogram = newHistogram();
  private window: Histogram = newHistogram();
  private windowEnded = 0;
  private windowErrors = 0;
  ended = 0;
  warmupEnded = 0;
  sent = 0;
  received = 0;
  abandoned = 0;
  readonly statusCodes: Record<string, number> = {};
  readonly errors: Record<string, number> = {};
  readonly firstErrors: LoadErrorSample[] = [];
  firstStart?: number;
  lastEnd?: number;
  measuring = false;
  readonly series: LoadTimePoint[] = [];
  private seriesSpacingMs = 1000;
  private pending?: { t: number; ended: number; errors: number; histogram: Histogram };
  /** The latest windows' calls and lengths, newest last, as many as the live rate's span needs. */
  private readonly recent: Array<{ ended: number; spanMs: number }> = [];

  add(tick: WorkerTick): void {
    if (tick.phase === 'measuring') this.measuring = true;
    if (tick.ended) {
      addEncoded(this.total, tick.histogram);
      addEncoded(this.window, tick.histogram);
    }
    this.ended += tick.ended;
    this.windowEnded += tick.ended;
    this.warmupEnded += tick.warmupEnded;
    this.sent += tick.sent;
    this.received += tick.received;
    this.abandoned += tick.abandoned;
    for (const [code, n] of Object.entries(tick.statusCodes))
      this.statusCodes[code] = (this.statusCodes[code] ?? 0) + n;
    for (const [text, n] of Object.entries(tick.errors)) {
      this.windowErrors += n;
      const known = this.errors[text] !== undefined;
      if (!known && Object.keys(this.errors).length >= MAX_ERROR_KINDS) continue;
      this.errors[text] = (this.errors[text] ?? 0) + n;
      const code = text.slice(0, text.indexOf(':'));
      const sample = this.firstErrors.find((e) => e.code === code);
      if (sample) sample.count += n;
      else this.firstErrors.push({ code, message: text.slice(code.length + 2), count: n });
    }
    if (tick.firstStart !== undefined) this.firstStart = Math.min(this.firstStart ?? Infinity, tick.firstStart);
    if (tick.lastEnd !== undefined) this.lastEnd = Math.max(this.lastEnd ?? 0, tick.lastEnd);
  }

  /** Closes the current window as a point at `t` ms (since measuring began) that lasted `spanMs`. */
  closeWindow(t: number, spanMs: number, targetRps?: number): LoadTimePoint {
    const point: LoadTimePoint = {
      t,
      rps: this.liveRate(spanMs),
      ...(targetRps !== undefined ? { targetRps } : {}),
      p50: percentileMs(this.window, 50),
      p90: percentileMs(this.window, 90),
      p99: percentileMs(this.window, 99),
      errors: this.windowErrors,
    };
    this.keep(t, targetRps);
    this.window.reset();
    this.windowEnded = 0;
    this.windowErrors = 0;
    return point;
  }

  /** Calls per second over the windows of the last LIVE_RATE_SPAN_MS, this one included. */
  private liveRate(spanMs: number): number {
    this.recent.push({ ended: this.windowEnded, spanMs });
    let ended = 0;
    let span = 0;
    let used = 0;
    while (used < this.recent.length && span < LIVE_RATE_SPAN_MS) {
      const window = this.recent[this.recent.length - 1 - used]!;
      ended += window.ended;
      span += window.spanMs;
      used++;
    }
    this.recent.splice(0, this.recent.length - used);
    return span > 0 ? (ended * 1000) / span : 0;
  }

  /** Adds the window to the series point it belongs to (points are seriesSpacingMs apart). */
  private keep(t: number, targetRps?: number): void {
    const slot = Math.floor(t / this.seriesSpacingMs) * this.seriesSpacingMs;
    if (this.pending && this.pending.t !== slot) this.flush(targetRps);
    this.pending ??= { t: slot, ended: 0, errors: 0, histogram: newHistogram() };
    this.pending.ended += this.windowEnded;
    this.pending.errors += this.windowErrors;
    this.pending.histogram.add(this.window);
  }

  flush(targetRps?: number): void {
    const p = this.pending;
    if (!p) return;
    this.pending = undefined;
    this.series.push({
      t: p.t,
      rps: (p.ended * 1000) / this.seriesSpacingMs,
      ...(targetRps !== undefined ? { targetRps } : {}),
      p50: percentileMs(p.histogram, 50),
      p90: percentileMs(p.histogram, 90),
      p99: percentileMs(p.histogram, 99),
      errors: p.errors,
    });
    p.histogram.destroy();
    if (this.series.length > MAX_SERIES_POINTS) this.halve();
  }

  /** Twice the spacing, half the points: rates averaged, latencies the worse of the two (no histogram is kept per point). */
  private halve(): void {
    const merged: LoadTimePoint[] = [];
    for (let i = 0; i < this.series.length; i += 2) {
      const a = this.series[i]!;
      const b = this.series[i + 1];
      merged.push(
        b
          ? {
              ...a,
              rps: (a.rps + b.rps) / 2,
              p50: Math.max(a.p50, b.p50),
              p90: Math.max(a.p90, b.p90),
              p99: Math.max(a.p99, b.p99),
              errors: a.errors + b.errors,
            }
          : a,
      );
    }
    this.series.splice(0, this.series.length, ...merged);
    this.seriesSpacingMs *= 2;
  }
}
