import type { LoadComparison, LoadMetricChange } from '../../../../shared/model/load';
import { formatCount, formatMs, formatRate } from './format';

/** One line of the side-by-side table: the figures as people read them and the verdict in words. */
export interface ComparedRow {
  metric: LoadMetricChange['metric'];
  label: string;
  base: string;
  other: string;
  change: string;
  verdict: LoadMetricChange['verdict'];
  /** The verdict as text, so it never rests on colour alone. */
  verdictText: string;
}

const LABELS: Record<LoadMetricChange['metric'], { label: string; format: (n: number) => string }> = {
  rps: { label: 'Calls/s', format: formatRate },
  p50: { label: 'p50', format: formatMs },
  p90: { label: 'p90', format: formatMs },
  p99: { label: 'p99', format: formatMs },
  p999: { label: 'p99.9', format: formatMs },
  max: { label: 'max', format: formatMs },
  mean: { label: 'mean', format: formatMs },
  errorRate: { label: 'Errors', format: (rate) => `${+(rate * 100).toFixed(rate < 0.001 ? 3 : 2)}%` },
  count: { label: 'Calls', format: formatCount },
};

const VERDICTS: Record<LoadMetricChange['verdict'], string> = {
  better: '▲ better',
  worse: '▼ worse',
  same: '= same',
};

function changeText(m: LoadMetricChange): string {
  if (m.metric === 'errorRate') {
    const points = (m.other - m.base) * 100;
    if (points === 0) return '±0 pts';
    return `${points > 0 ? '+' : '−'}${+Math.abs(points).toFixed(2)} pts`;
  }
  if (m.change === undefined) return m.other === m.base ? '±0%' : 'from 0';
  if (Math.abs(m.change) < 0.0005) return '±0%';
  return `${m.change > 0 ? '+' : '−'}${Math.abs(m.change * 100).toFixed(1)}%`;
}

/** The engine's comparison (its verdicts: which way is better is its call) as table rows. */
export function comparedRows(comparison: LoadComparison): ComparedRow[] {
  return comparison.metrics.map((m) => {
    const { label, format } = LABELS[m.metric];
    return {
      metric: m.metric,
      label,
      base: format(m.base),
      other: format(m.other),
      change: changeText(m),
      verdict: m.verdict,
      verdictText: VERDICTS[m.verdict],
    };
  });
}
