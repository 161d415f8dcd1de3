import { memo } from 'react';

export interface TimePoint {
  /** Milliseconds since the run started. */
  t: number;
  value: number;
}

const WIDTH = 360;
const HEIGHT = 90;
const TOP = 4;
const BOTTOM = 14;

/**
 * A value over the run's time in plain SVG: a line, its highest value at the top left and the
 * time span under it. `summary` turns the points into the sentence read aloud for the chart.
 */
export const TimeChart = memo(function TimeChart({
  title,
  points,
  format,
  summary,
}: {
  title: string;
  points: readonly TimePoint[];
  format: (value: number) => string;
  summary: (points: readonly TimePoint[]) => string;
}) {
  const max = Math.max(Number.MIN_VALUE, ...points.map((p) => p.value));
  const span = points.length > 1 ? points[points.length - 1]!.t - points[0]!.t : 0;
  const t0 = points[0]?.t ?? 0;
  const plot = HEIGHT - TOP - BOTTOM;
  const x = (t: number): number => (span > 0 ? ((t - t0) / span) * WIDTH : 0);
  const y = (v: number): number => TOP + plot - (v / max) * plot;
  const line = points.map((p) => `${x(p.t).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  return (
    <figure className="load-chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary(points)} className="time-chart">
        <line x1={0} x2={WIDTH} y1={TOP + plot} y2={TOP + plot} className="axis" />
        {points.length > 1 && <polyline points={line} className="series" />}
        {points.length > 0 && (
          <>
            <text x={2} y={TOP + 9} className="tick">
              {format(max)}
            </text>
            <text x={WIDTH - 2} y={HEIGHT - 3} textAnchor="end" className="tick">
              {(span / 1000).toFixed(span < 10_000 ? 1 : 0)} s
            </text>
          </>
        )}
      </svg>
    </figure>
  );
});
