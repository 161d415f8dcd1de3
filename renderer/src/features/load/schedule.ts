import type { LoadSchedule } from '../../../../shared/model/load';

/** The rate a ramp has reached `t` ms in, held at `end` and after `maxDurationMs`. */
function ramped(start: number, change: number, end: number | undefined): number {
  const rate = start + change;
  if (end === undefined) return Math.max(0, rate);
  return Math.max(0, change >= 0 ? Math.min(rate, Math.max(start, end)) : Math.max(rate, Math.min(start, end)));
}

/** Calls per second the schedule asks for `tMs` after measuring starts (its definition in shared/model/load). */
export function rateAt(schedule: LoadSchedule, tMs: number): number {
  if (schedule.kind === 'const') return schedule.rps;
  const t = schedule.maxDurationMs === undefined ? tMs : Math.min(tMs, schedule.maxDurationMs);
  if (schedule.kind === 'step') {
    const steps = Math.floor(t / schedule.stepDurationMs);
    return ramped(schedule.start, steps * schedule.step, schedule.end);
  }
  return ramped(schedule.start, (t / 1000) * schedule.step, schedule.end);
}

/** When the schedule stops changing: its end rate reached, or its maximum duration; undefined if never. */
export function settlesAt(schedule: LoadSchedule): number | undefined {
  if (schedule.kind === 'const') return 0;
  const perMs = schedule.kind === 'step' ? schedule.step / schedule.stepDurationMs : schedule.step / 1000;
  let reach: number | undefined;
  if (schedule.end !== undefined && perMs !== 0 && Math.sign(schedule.end - schedule.start) === Math.sign(perMs)) {
    reach = (schedule.end - schedule.start) / perMs;
    if (schedule.kind === 'step') reach = Math.ceil(reach / schedule.stepDurationMs) * schedule.stepDurationMs;
  }
  if (schedule.maxDurationMs !== undefined) reach = Math.min(reach ?? Infinity, schedule.maxDurationMs);
  return reach;
}

/** The schedule in words, for the preview's caption and for screen readers. */
export function describeSchedule(schedule: LoadSchedule): string {
  const r = (n: number): string => `${+n.toFixed(3)} calls/s`;
  if (schedule.kind === 'const') return `A constant ${r(schedule.rps)}`;
  const change = `${schedule.step >= 0 ? '+' : '−'}${+Math.abs(schedule.step).toFixed(3)}`;
  const every = schedule.kind === 'step' ? `every ${+(schedule.stepDurationMs / 1000).toFixed(3)} s` : 'per second';
  const to = schedule.end !== undefined ? ` up to ${r(schedule.end)}` : '';
  const settles = settlesAt(schedule);
  const held = settles !== undefined ? `, held from ${+(settles / 1000).toFixed(1)} s on` : '';
  return `From ${r(schedule.start)}, ${change} ${every}${to}${held}`;
}

/**
 * Points of the schedule's rate over `horizonMs`, at most `samples` + 1, for the preview: a step
 * schedule sampled where each step begins so the stairs stay sharp.
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
    // A vertical edge where a step begins: the old rate up to here, then the new one.
    if (schedule.kind === 'step' && previous && previous.value !== value) points.push({ t, value: previous.value });
    points.push({ t, value });
  }
  return points;
}
