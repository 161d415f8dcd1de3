import { describe, expect, it } from 'vitest';
import type { LoadProgress } from '../../../shared/model/load';
import type { LoadReport } from '../../../shared/model/load-report';
import type { LoadRunView } from '../state';
import { applyEvents } from './load-actions';

const snapshot = (calls: number): LoadProgress => ({
  type: 'progress',
  runId: 'run-1',
  phase: 'measuring',
  elapsedMs: calls * 10,
  calls,
  rps: 100,
  latency: { p50: 1, p90: 2, p99: 3, p999: 4, max: 5, mean: 1 },
  histogram: [],
  statusCodes: { OK: calls },
  firstErrors: [],
  point: { t: calls * 10, rps: 100, p50: 1, p90: 2, p99: 3, errors: 0 },
});

const starting: LoadRunView = { key: 'k', method: 'demo.Demo/Echo', phase: 'starting', points: [] };

describe('a batch of load.start events applied to the tab’s run', () => {
  it('keeps only the newest snapshot, and every snapshot’s chart point', () => {
    const run = { ...starting, ...applyEvents(starting, [snapshot(1), snapshot(2), snapshot(3)]) };
    expect(run.phase).toBe('running');
    expect(run.runId).toBe('run-1');
    expect(run.progress?.calls).toBe(3);
    expect(run.points.map((p) => p.t)).toEqual([10, 20, 30]);
  });

  it('ends the run with its report, and a stopping run stays stopping until the report comes', () => {
    const stopping: LoadRunView = { ...starting, phase: 'stopping', runId: 'run-1' };
    expect(applyEvents(stopping, [snapshot(4)]).phase).toBe('stopping');
    const report = { runId: 'run-1' } as LoadReport;
    const ended = applyEvents(stopping, [snapshot(5), { type: 'report', report }]);
    expect(ended).toMatchObject({ phase: 'finished', report });
  });
});
