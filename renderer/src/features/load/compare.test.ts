import { describe, expect, it } from 'vitest';
import type { LoadComparison, LoadRunSummary } from '../../../../shared/model/load';
import { comparedRows } from './compare';

const run = {} as LoadRunSummary;
const comparison = (metrics: LoadComparison['metrics']): LoadComparison => ({
  base: run,
  other: run,
  metrics,
  caveats: [],
});

describe('two runs side by side', () => {
  it('shows each measure formatted, its change, and the engine’s verdict in words as well as colour', () => {
    const rows = comparedRows(
      comparison([
        { metric: 'rps', base: 1000, other: 1200, change: 0.2, verdict: 'better' },
        { metric: 'p999', base: 4, other: 6, change: 0.5, verdict: 'worse' },
        { metric: 'p50', base: 1, other: 1, change: 0, verdict: 'same' },
      ]),
    );
    expect(rows).toEqual([
      {
        metric: 'rps',
        label: 'Calls/s',
        base: '1,000',
        other: '1,200',
        change: '+20.0%',
        verdict: 'better',
        verdictText: '▲ better',
      },
      {
        metric: 'p999',
        label: 'p99.9',
        base: '4.0 ms',
        other: '6.0 ms',
        change: '+50.0%',
        verdict: 'worse',
        verdictText: '▼ worse',
      },
      {
        metric: 'p50',
        label: 'p50',
        base: '1.0 ms',
        other: '1.0 ms',
        change: '±0%',
        verdict: 'same',
        verdictText: '= same',
      },
    ]);
  });

  it('compares error rates in points, and says "from 0" where a relative change has no base', () => {
    const [errors, calls] = comparedRows(
      comparison([
        { metric: 'errorRate', base: 0.01, other: 0.001, change: -0.9, verdict: 'better' },
        { metric: 'rps', base: 0, other: 50, verdict: 'better' },
      ]),
    );
    expect(errors).toMatchObject({ base: '1%', other: '0.1%', change: '−0.9 pts' });
    expect(calls).toMatchObject({ change: 'from 0' });
  });
});
