import { describe, expect, it } from 'vitest';
import type { LoadSchedule } from '../../../shared/model/load';
import { describeSchedule, neverSends, nextSendTime, rateAt, splitEvenly } from './schedule';

/** The send times a sender carrying `share` of the rate follows for `ms`, from its own clock. */
function sendTimes(schedule: LoadSchedule, ms: number, share = 1): number[] {
  const times: number[] = [];
  for (let t = 0; t < ms && times.length < 1_000_000; t = nextSendTime(schedule, t, share)) times.push(t);
  return times;
}
const inWindow = (times: number[], from: number, to: number) => times.filter((t) => t >= from && t < to).length;

describe('rate schedules (ghz --load-schedule)', () => {
  it('const: the same rate throughout, split across senders', () => {
    const times = sendTimes({ kind: 'const', rps: 200 }, 2000);
    expect(times.length / 2).toBeCloseTo(200, 0);
    // Four senders with a quarter each send as many calls as one with all of it.
    const quarter = sendTimes({ kind: 'const', rps: 200 }, 2000, 0.25);
    expect((quarter.length * 4) / times.length).toBeCloseTo(1, 1);
  });

  it('step: adds the step every step duration, holds at the end', () => {
    const s: LoadSchedule = { kind: 'step', start: 10, step: 20, stepDurationMs: 1000, end: 50 };
    expect([0, 999, 1000, 2500, 3000, 9000].map((t) => rateAt(s, t))).toEqual([10, 10, 30, 50, 50, 50]);
    const times = sendTimes(s, 4000);
    expect(inWindow(times, 0, 1000)).toBeCloseTo(10, -1);
    expect(inWindow(times, 1000, 2000) / inWindow(times, 0, 1000)).toBeCloseTo(3, 0);
    expect(inWindow(times, 3000, 4000) / inWindow(times, 0, 1000)).toBeCloseTo(5, 0);
  });

  it('line: a linear ramp by step per second, capped by end and max duration', () => {
    const s: LoadSchedule = { kind: 'line', start: 100, step: 100, end: 300 };
    expect([0, 500, 1000, 2000, 5000].map((t) => rateAt(s, t))).toEqual([100, 150, 200, 300, 300]);
    expect(rateAt({ kind: 'line', start: 100, step: 100, maxDurationMs: 1000 }, 5000)).toBe(200);
    expect(rateAt({ kind: 'line', start: 100, step: -100 }, 5000)).toBe(0);
    const times = sendTimes(s, 3000);
    // The second second carries the ramp from 200 to 300: about 250 calls, 2.5 times the first's 100 to 200... as ratios.
    expect(inWindow(times, 1000, 2000) / inWindow(times, 0, 1000)).toBeCloseTo(250 / 150, 1);
  });

  it('a ramp from zero starts sending once the rate rises', () => {
    const times = sendTimes({ kind: 'line', start: 0, step: 100 }, 1000);
    expect(times.length).toBeGreaterThan(30);
    // The first second carries 0..100 calls/s: about 50 calls, the next about 150.
    expect(inWindow(times, 0, 1000)).toBeGreaterThan(40);
    expect(neverSends({ kind: 'line', start: 0, step: 0 })).toBe(true);
    expect(neverSends({ kind: 'line', start: 0, step: 1 })).toBe(false);
  });

  it('describes itself and splits evenly', () => {
    expect(describeSchedule({ concurrency: 5 })).toBe('as fast as 5 concurrent calls go (no rate limit)');
    expect(
      describeSchedule({ concurrency: 5, schedule: { kind: 'step', start: 1, step: 2, stepDurationMs: 5000, end: 9 } }),
    ).toBe('step from 1 calls/s by 2 every 5 s, until 9 calls/s');
    expect(splitEvenly(10, 3)).toEqual([4, 3, 3]);
  });
});
