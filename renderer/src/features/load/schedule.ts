import type { LoadSchedule } from '../../../../shared/model/load';
import { rateAt } from '../../../../shared/model/load-schedule';

/** When the schedule stops changing (its end rate reached, or its maximum duration); undefined if never. */
export function settlesAt(schedule: LoadSchedule): number | undefined {
  if (schedule.kind === 'const') return 0;
  const perMs = schedule.kind === 'step' ? schedule.step / schedule.stepDurationMs : schedule.step / 1000;
  let reach: number | undefined;
  if (schedule.end !== undefined) {
    const distance = schedule.end - schedule.start;
    // An end on the other side of the start is held from the first moment (rateAt bounds it so).
    reach = perMs === 0 || Math.sign(distance) !== Math.sign(perMs) ? 0 : distance / perMs;
    if (schedule.kind === 'step') reach = Math.ceil(reach / schedule.stepDurationMs) * schedule.stepDurationMs;
  }
  if (schedule.maxDurationMs !== undefined) reach = Math.min(reach ?? Infinity, schedule.maxDurationMs);
  return reach;
}

/**
 * Points of the schedule's rate over `horizonMs` for the preview, at most 2 × `samples` + 2: where
 * the rate jumps between two samples (a step) the old rate is drawn up to the new one's sample, so
 * the stairs stay stairs.
 */
export function schedulePoints(
  schedule: LoadSchedule,
  horizonMs: number,
  samples = 60,
): Array<{ t: number; value: number }> {
  const points: Array<{ t: number; value: number }> = [];
  const every = horizonMs / samples;
  for (let i = 0; i <= samples; i++) {
    const t = i * every;
    const value = rateAt(schedule, t);
    const previous = points[points.length - 1];
    if (schedule.kind === 'step' && previous && previous.value !== value) points.push({ t, value: previous.value });
    points.push({ t, value });
  }
  return points;
}
