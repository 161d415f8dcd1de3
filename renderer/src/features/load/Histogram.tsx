import { memo } from 'react';
import { formatCount, formatMs } from './format';

/** One bar: the calls whose latency fell in [fromMs, toMs). */
export interface HistogramBin {
  fromMs: number;
  toMs: number;
  count: number;
}

const WIDTH = 360;
const HEIGHT = 120;
const AXIS = 16;

/** The bin holding the most calls, for the text summary (charts are also read aloud). */
function tallest(bins: readonly HistogramBin[]): HistogramBin | undefined {
  let best: HistogramBin | undefined;
  for (const bin of bins) if (bin.count > 0 && (!best || bin.count > best.count)) best = bin;
  return best;
}

export function histogramSummary(bins: readonly HistogramBin[]): string {
  const total = bins.reduce((sum, b) => sum + b.count, 0);
  const top = tallest(bins);
  if (!top) return 'Latency histogram: no calls yet';
  return `Latency histogram: ${formatCount(total)} calls in ${bins.filter((b) => b.count > 0).length} buckets; most (${formatCount(top.count)}) took ${formatMs(top.fromMs)} to ${formatMs(top.toMs)}`;
}

/**
 * Latency histogram in plain SVG: one bar per bin, equal widths (the engine's bins widen with
 * latency, so the tail stays readable), heights on a square-root scale so a few slow calls still
 * show beside thousands of fast ones. Memoized: redrawn only when a new snapshot arrives.
 */
export const Histogram = memo(function Histogram({ bins }: { bins: readonly HistogramBin[] }) {
  const max = Math.max(1, ...bins.map((b) => b.count));
  const barWidth = bins.length > 0 ? WIDTH / bins.length : WIDTH;
  const plot = HEIGHT - AXIS;
  const ticks = bins.length > 0 ? [0, Math.floor(bins.length / 2), bins.length - 1] : [];
  const summary = histogramSummary(bins);
  return (
    <figure className="load-chart">
      <figcaption>Latency histogram</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary} className="histogram">
        <line x1={0} x2={WIDTH} y1={plot} y2={plot} className="axis" />
        {bins.map((bin, i) => {
          const h = bin.count === 0 ? 0 : Math.max(1, Math.sqrt(bin.count / max) * (plot - 2));
          return (
            <rect
              key={i}
              x={i * barWidth + 0.5}
              y={plot - h}
              width={Math.max(0.5, barWidth - 1)}
              height={h}
              className="bar"
              data-count={bin.count}
            >
              <title>
                {formatMs(bin.fromMs)}–{formatMs(bin.toMs)}: {formatCount(bin.count)} calls
              </title>
            </rect>
          );
        })}
        {ticks.map((i) => (
          <text
            key={i}
            x={Math.min(WIDTH - 2, Math.max(2, i * barWidth + barWidth / 2))}
            y={HEIGHT - 3}
            textAnchor={i === 0 ? 'start' : i === bins.length - 1 ? 'end' : 'middle'}
            className="tick"
          >
            {formatMs(bins[i]!.fromMs)}
          </text>
        ))}
      </svg>
    </figure>
  );
});
