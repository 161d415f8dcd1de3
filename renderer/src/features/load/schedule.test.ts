import { describe, expect, it } from 'vitest';
import { rateAt } from '../../../../shared/model/load-schedule';
import { schedulePoints, settlesAt } from './schedule';

describe('the rate schedule preview', () => {
  it('knows when a step schedule reaches its end rate', () => {
    expect(settlesAt({ kind: 'step', start: 10, step: 10, stepDurationMs: 5000, end: 35 })).toBe(15_000);
  });

  it('knows when a ramp stops changing: its end, its maximum duration, or never', () => {
    expect(settlesAt({ kind: 'line', start: 100, step: -20, end: 40 })).toBe(3000);
    expect(settlesAt({ kind: 'line', start: 0, step: 10, maxDurationMs: 2000 })).toBe(2000);
    expect(settlesAt({ kind: 'line', start: 0, step: 10 })).toBeUndefined();
    // An end behind the start is where the engine holds the rate from the first moment.
    const behind = { kind: 'line', start: 50, step: 10, end: 20 } as const;
    expect(settlesAt(behind)).toBe(0);
    expect(rateAt(behind, 0)).toBe(20);
  });

  it('draws stairs for steps with a bounded number of points, following the engine’s rates', () => {
    const step = { kind: 'step', start: 10, step: 10, stepDurationMs: 5000, end: 35 } as const;
    const points = schedulePoints(step, 20_000, 4);
    expect(points).toEqual([
      { t: 0, value: 10 },
      { t: 5000, value: 10 },
      { t: 5000, value: 20 },
      { t: 10_000, value: 20 },
      { t: 10_000, value: 30 },
      { t: 15_000, value: 30 },
      { t: 15_000, value: 35 },
      { t: 20_000, value: 35 },
    ]);
    expect(schedulePoints({ ...step, stepDurationMs: 100 }, 60_000, 60).length).toBeLessThanOrEqual(122);
  });
});
