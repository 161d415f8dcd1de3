import { describe, expect, it } from 'vitest';
import { MAX_LIVE_POINTS, withPoints } from './load-slice';

const at = (t: number) => ({ t, rps: t, p50: 1, p90: 1, p99: 1, errors: 0 });

describe('the live chart points of a run', () => {
  it('stay bounded however long the run, keeping its whole span', () => {
    let points = withPoints([], [at(0)]);
    for (let t = 1; t <= 10 * MAX_LIVE_POINTS; t++) points = withPoints(points, [at(t)]);
    expect(points.length).toBeLessThanOrEqual(MAX_LIVE_POINTS);
    expect(points.length).toBeGreaterThan(MAX_LIVE_POINTS / 2);
    expect(points[points.length - 1]!.t).toBe(10 * MAX_LIVE_POINTS);
    expect(points[0]!.t).toBe(0);
    // In time order still.
    expect(points.every((p, i) => i === 0 || p.t > points[i - 1]!.t)).toBe(true);
  });
});
