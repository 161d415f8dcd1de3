import { memo } from 'react';
import type { LoadSchedule } from '../../../../shared/model/load';
import { describeSchedule } from '../../../../shared/model/load-schedule';
import { schedulePoints, settlesAt } from './schedule';

const WIDTH = 240;
const HEIGHT = 64;
const TOP = 10;
const BOTTOM = 12;
const DEFAULT_HORIZON_MS = 60_000;

/** How much of the schedule to draw: the planned duration, else until it settles and a bit more. */
function horizonOf(schedule: LoadSchedule, durationMs: number | undefined): number {
  if (durationMs !== undefined) return durationMs;
  const settles = settlesAt(schedule);
  return settles !== undefined && settles > 0 ? settles * 1.25 : DEFAULT_HORIZON_MS;
}

/** The rate the schedule asks for over time, drawn small beside its parameters, and said in words. */
export const SchedulePreview = memo(function SchedulePreview({
  schedule,
  durationMs,
}: {
  schedule: LoadSchedule;
  durationMs?: number;
}) {
  const horizon = horizonOf(schedule, durationMs);
  const points = schedulePoints(schedule, horizon);
  const max = Math.max(1e-9, ...points.map((p) => p.value));
  const plot = HEIGHT - TOP - BOTTOM;
  const line = points
    .map((p) => `${((p.t / horizon) * WIDTH).toFixed(1)},${(TOP + plot - (p.value / max) * plot).toFixed(1)}`)
    .join(' ');
  // The report's own words for the schedule, so the preview and the report read alike.
  const words = describeSchedule({ schedule, concurrency: 1 });
  return (
    <figure className="schedule-preview">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`Rate schedule: ${words}`}>
        <line x1={0} x2={WIDTH} y1={TOP + plot} y2={TOP + plot} className="axis" />
        <polyline points={line} className="series" />
        <text x={2} y={TOP - 1} className="tick">
          {+max.toFixed(1)}/s
        </text>
        <text x={WIDTH - 2} y={HEIGHT - 1} textAnchor="end" className="tick">
          {+(horizon / 1000).toFixed(1)} s
        </text>
      </svg>
      <figcaption>{words[0]!.toUpperCase() + words.slice(1)}</figcaption>
    </figure>
  );
});
