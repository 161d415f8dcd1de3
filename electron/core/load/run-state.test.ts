import { describe, expect, it } from 'vitest';
import { encodeHistogram, newHistogram, recordMs } from './latency';
import { RunState } from './run-state';
import type { WorkerTick } from './worker-protocol';

/** A worker's tick reporting `ended` calls of 5 ms each. */
function tick(ended: number): WorkerTick {
  const histogram = newHistogram();
  for (let i = 0; i < ended; i++) recordMs(histogram, 5);
  const encoded = encodeHistogram(histogram);
  histogram.destroy();
  return {
    type: 'tick',
    index: 0,
    phase: 'measuring',
    histogram: encoded,
    ended,
    warmupEnded: 0,
    statusCodes: { OK: ended },
    errors: {},
    sent: ended,
    received: ended,
    abandoned: 0,
  };
}

// The engine closes a window every 250 ms and each worker ticks every 250 ms on its own timer: a
// window may hold no tick and the next two. The clock is the test's: windows are closed by hand.
describe('the live rate', () => {
  it('does not drop to 0 for a window that happened to receive no tick', () => {
    const state = new RunState();
    const rates: number[] = [];
    // One tick every 250 ms, two of them late by a few milliseconds: a window then holds none.
    const pattern = [1, 1, 0, 2, 1, 1, 0, 2];
    pattern.forEach((ticks, i) => {
      for (let n = 0; n < ticks; n++) state.add(tick(25));
      rates.push(state.closeWindow((i + 1) * 250, 250).rps);
    });
    // 25 calls every 250 ms is 100 calls/s; one window alone reads 0 or 200.
    expect(Math.min(...rates)).toBeGreaterThan(0);
    expect(rates.slice(3)).toEqual([100, 100, 100, 100, 100]);
  });

  it('reads 0 once calls stop ending for a whole second, and the rate of the windows it has at the start', () => {
    const state = new RunState();
    state.add(tick(10));
    expect(state.closeWindow(250, 250).rps).toBe(40);
    const rates = [2, 3, 4, 5].map((n) => state.closeWindow(n * 250, 250).rps);
    expect(rates).toEqual([20, 10 / 0.75, 10, 0]);
  });
});
