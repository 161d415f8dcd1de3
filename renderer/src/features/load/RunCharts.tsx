import { memo } from 'react';
import type { RunFigures } from './figures';
import { formatMs, formatRate } from './format';
import { Histogram } from './Histogram';
import { TimeChart, type TimePoint } from './TimeChart';

function last(points: readonly TimePoint[]): number | undefined {
  return points[points.length - 1]?.value;
}

function rpsSummary(points: readonly TimePoint[]): string {
  if (points.length === 0) return 'Calls per second over time: no data yet';
  const max = Math.max(...points.map((p) => p.value));
  return `Calls per second over time: now ${formatRate(last(points)!)}, highest ${formatRate(max)}`;
}

function p99Summary(points: readonly TimePoint[]): string {
  if (points.length === 0) return 'p99 latency over time: no data yet';
  const max = Math.max(...points.map((p) => p.value));
  return `p99 latency over time: now ${formatMs(last(points)!)}, highest ${formatMs(max)}`;
}

/** The histogram and the two charts over time, side by side where the panel is wide enough. */
export const RunCharts = memo(function RunCharts({ figures }: { figures: RunFigures }) {
  return (
    <div className="load-charts">
      <Histogram bins={figures.bins} />
      <TimeChart title="Calls/s" points={figures.rpsOverTime} format={formatRate} summary={rpsSummary} />
      <TimeChart title="p99 latency" points={figures.p99OverTime} format={formatMs} summary={p99Summary} />
    </div>
  );
});
