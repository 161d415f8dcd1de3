import { describe, expect, it } from 'vitest';
import { describeSchedule, rateAt, schedulePoints, settlesAt } from './schedule';

describe('the rate schedule preview', () => {
  it('steps up every step duration and holds at the end rate', () => {
    const step = { kind: 'step', start: 10, step: 10, stepDurationMs: 5000, end: 35 } as const;
    expect([0, 4999, 5000, 10_000, 15_000, 60_000].map((t) => rateAt(step, t))).toEqual([10, 10, 20, 30, 35, 35]);
    expect(settlesAt(step)).toBe(15_000);
  });

  it('ramps linearly per second, downwards too, and stops changing after its maximum duration', () => {
    const down = { kind: 'line', start: 100, step: -20, end: 40 } as const;
    expect([0, 1500, 3000, 9000].map((t) => rateAt(down, t))).toEqual([100, 70, 40, 40]);
    const capped = { kind: 'line', start: 0, step: 10, maxDurationMs: 2000 } as const;
    expect(rateAt(capped, 10_000)).toBe(20);
    expect(settlesAt(capped)).toBe(2000);
    expect(settlesAt({ kind: 'line', start: 0, step: 10 })).toBeUndefined();
  });

  it('never asks for a negative rate', () => {
    expect(rateAt({ kind: 'line', start: 10, step: -5 }, 10_000)).toBe(0);
  });

  it('draws at most twice its samples, and says the schedule in words', () => {
    const step = { kind: 'step', start: 1, step: 1, stepDurationMs: 100 } as const;
    expect(schedulePoints(step, 60_000, 60).length).toBeLessThanOrEqual(122);
    expect(describeSchedule({ kind: 'const', rps: 250 })).toBe('A constant 250 calls/s');
    expect(describeSchedule({ kind: 'step', start: 10, step: 10, stepDurationMs: 5000, end: 35 })).toBe(
      'From 10 calls/s, +10 every 5 s up to 35 calls/s, held from 15 s on',
    );
  });
});
