import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { frameThrottle } from './frame-throttle';

/** A frame every 16 ms, as a visible window paints. */
const FRAME_MS = 16;

/** Lets the task after a run (where its cost is taken) happen; MessageChannel is not faked. */
const nextTask = () => new Promise<void>((resolve) => setImmediate(resolve));

/** One run now, and the task after it (where the throttle measures what the run cost). */
async function runOnce(throttle: ReturnType<typeof frameThrottle>): Promise<void> {
  throttle.request();
  throttle.flush();
  await nextTask();
}

describe('frameThrottle', () => {
  beforeEach(() => {
    // Node has no frames: placeholders the fake timers then replace with a 16 ms frame clock.
    vi.stubGlobal('requestAnimationFrame', () => 0);
    vi.stubGlobal('cancelAnimationFrame', () => undefined);
    vi.useFakeTimers({
      toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame', 'performance'],
    });
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('runs once per frame however many requests came, and not sooner than the spacing', () => {
    const runs: number[] = [];
    const throttle = frameThrottle(() => runs.push(performance.now()), { minIntervalMs: 50 });
    for (let t = 0; t < 200; t += 5) {
      throttle.request();
      vi.advanceTimersByTime(5);
    }
    expect(runs.length).toBeGreaterThanOrEqual(3);
    expect(runs.length).toBeLessThanOrEqual(5);
    for (let i = 1; i < runs.length; i++) expect(runs[i]! - runs[i - 1]!).toBeGreaterThanOrEqual(50);
  });

  it('runs without a frame after the fallback delay (a hidden window)', () => {
    vi.useRealTimers();
    vi.stubGlobal('requestAnimationFrame', () => 1); // frames never come
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const callback = vi.fn();
    const throttle = frameThrottle(callback, { minIntervalMs: 50, fallbackMs: 250 });
    throttle.request();
    vi.advanceTimersByTime(249);
    expect(callback).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('flush runs a pending run at once, and nothing when none is pending', () => {
    const callback = vi.fn();
    const throttle = frameThrottle(callback, { minIntervalMs: 50 });
    throttle.flush();
    expect(callback).not.toHaveBeenCalled();
    throttle.request();
    throttle.flush();
    expect(callback).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000); // the frame and the fallback asked for do not run it again
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('spaces runs by a multiple of what the last one cost, within the bounds', async () => {
    let cost = 5;
    const throttle = frameThrottle(() => vi.advanceTimersByTime(cost), {
      minIntervalMs: 50,
      maxIntervalMs: 250,
      costFactor: 4,
    });
    await runOnce(throttle);
    expect(throttle.intervalMs).toBe(50); // 4 x 5 ms is under the floor
    cost = 30;
    await runOnce(throttle);
    expect(throttle.intervalMs).toBe(120);
    cost = 100;
    await runOnce(throttle);
    expect(throttle.intervalMs).toBe(250); // 400 ms, held to the ceiling
    cost = 1;
    await runOnce(throttle);
    expect(throttle.intervalMs).toBe(50); // a cheap run brings the rate back
  });

  it('counts what a run caused later as part of its cost, until the next run', async () => {
    const throttle = frameThrottle(() => vi.advanceTimersByTime(20), {
      minIntervalMs: 50,
      maxIntervalMs: 250,
      costFactor: 4,
    });
    await runOnce(throttle);
    expect(throttle.intervalMs).toBe(80);
    throttle.addCost(10); // a view drew again when what the run showed arrived
    expect(throttle.intervalMs).toBe(120);
    await runOnce(throttle);
    expect(throttle.intervalMs).toBe(80); // the next run starts its own count
  });

  it('waits the spacing as lengthened while it waited', async () => {
    const runs: number[] = [];
    const throttle = frameThrottle(
      () => {
        runs.push(performance.now());
        vi.advanceTimersByTime(20);
      },
      { minIntervalMs: 50, maxIntervalMs: 250, costFactor: 4 },
    );
    throttle.request();
    vi.advanceTimersByTime(FRAME_MS);
    await nextTask();
    throttle.request(); // asked for at once: 80 ms after the first run, as things stand
    throttle.addCost(30); // then the first run's follow-up: 200 ms
    vi.advanceTimersByTime(150);
    expect(runs).toHaveLength(1);
    vi.advanceTimersByTime(60 + FRAME_MS);
    expect(runs).toHaveLength(2);
    expect(runs[1]! - runs[0]!).toBeGreaterThanOrEqual(200);
  });

  it('waits the adapted spacing before the next run', async () => {
    const runs: number[] = [];
    let cost = 40;
    const throttle = frameThrottle(
      () => {
        runs.push(performance.now());
        vi.advanceTimersByTime(cost);
      },
      { minIntervalMs: 50, maxIntervalMs: 250, costFactor: 4 },
    );
    throttle.request();
    vi.advanceTimersByTime(FRAME_MS);
    await nextTask();
    expect(runs).toHaveLength(1);
    cost = 0;
    for (let t = 0; t < 400; t += 10) {
      throttle.request();
      vi.advanceTimersByTime(10);
    }
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(runs[1]! - runs[0]!).toBeGreaterThanOrEqual(160);
  });

  it('keeps a fixed spacing without a cost factor', async () => {
    const throttle = frameThrottle(() => vi.advanceTimersByTime(100), { minIntervalMs: 50 });
    throttle.request();
    throttle.flush();
    await nextTask();
    expect(throttle.intervalMs).toBe(50);
  });
});
