import { describe, expect, it } from 'vitest';
import type { LoadProgress } from '../../../../shared/model/load';
import { figuresOfProgress } from './figures';

const latency = { p50: 1, p90: 2, p99: 3, p999: 4, max: 5, mean: 1.5 };
const point = { t: 250, rps: 400, p50: 1, p90: 2, p99: 3, errors: 1 };
const progress: LoadProgress = {
  type: 'progress',
  runId: 'r1',
  phase: 'measuring',
  elapsedMs: 1000,
  calls: 100,
  rps: 400,
  latency,
  histogram: [
    { mark: 0.001, count: 60, frequency: 0.6 },
    { mark: 0.004, count: 40, frequency: 0.4 },
  ],
  statusCodes: { UNAVAILABLE: 3, OK: 90, DEADLINE_EXCEEDED: 7 },
  firstErrors: [
    { code: 'UNAVAILABLE', message: 'connection refused', count: 3 },
    { code: 'DEADLINE_EXCEEDED', message: 'deadline exceeded after 20 s', count: 7 },
  ],
  point,
};

describe('a snapshot as the window draws it', () => {
  it('turns the ghz buckets (upper bounds in seconds) into bars in milliseconds', () => {
    expect(figuresOfProgress(progress, []).bins).toEqual([
      { fromMs: 0, toMs: 1, count: 60 },
      { fromMs: 1, toMs: 4, count: 40 },
    ]);
  });

  it('counts every status but OK as an error, lists OK first and the failures by count with their first messages', () => {
    const figures = figuresOfProgress(progress, []);
    expect(figures.errors).toBe(10);
    expect(figures.statuses).toEqual([
      { name: 'OK', count: 90, firstErrors: [] },
      { name: 'DEADLINE_EXCEEDED', count: 7, firstErrors: ['deadline exceeded after 20 s'] },
      { name: 'UNAVAILABLE', count: 3, firstErrors: ['connection refused'] },
    ]);
  });

  it('draws the charts from the points kept so far', () => {
    const figures = figuresOfProgress(progress, [point, { ...point, t: 500, rps: 420, p99: 6 }]);
    expect(figures.rpsOverTime).toEqual([
      { t: 250, value: 400 },
      { t: 500, value: 420 },
    ]);
    expect(figures.p99OverTime.map((p) => p.value)).toEqual([3, 6]);
  });
});
