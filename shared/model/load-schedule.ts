import type { LoadPlan, LoadSchedule } from './load';

/*
 * What a rate schedule asks for and how it reads: the engine's generator, its report and the
 * k6 export, and the window's preview of the schedule all use these, so they never disagree.
 */

/**
 * The rate a schedule asks for at `t` ms after measuring began, in calls per second (ghz's
 * --load-schedule: const, step and line, held at `end` once reached, or at whatever it reached
 * after `maxDurationMs`). A schedule that would go below zero stops at zero.
 */
export function rateAt(schedule: LoadSchedule, t: number): number {
  if (schedule.kind === 'const') return schedule.rps;
  const held = schedule.maxDurationMs === undefined ? t : Math.min(t, schedule.maxDurationMs);
  const raw =
    schedule.kind === 'step'
      ? schedule.start + schedule.step * Math.floor(held / schedule.stepDurationMs)
      : schedule.start + (schedule.step * held) / 1000;
  const bounded =
    schedule.end === undefined ? raw : schedule.step >= 0 ? Math.min(raw, schedule.end) : Math.max(raw, schedule.end);
  return Math.max(0, bounded);
}

/** The schedule in words, for the report and the CLI's first line. */
export function describeSchedule(plan: Pick<LoadPlan, 'schedule' | 'concurrency'>): string {
  const s = plan.schedule;
  if (!s) return `as fast as ${plan.concurrency} concurrent calls go (no rate limit)`;
  if (s.kind === 'const') return `constant ${s.rps} calls/s`;
  const until = [
    s.end !== undefined ? `until ${s.end} calls/s` : '',
    s.maxDurationMs !== undefined ? `for at most ${s.maxDurationMs / 1000} s` : '',
  ]
    .filter(Boolean)
    .join(', ');
  const how =
    s.kind === 'step'
      ? `step from ${s.start} calls/s by ${s.step} every ${s.stepDurationMs / 1000} s`
      : `linear ramp from ${s.start} calls/s by ${s.step} calls/s each second`;
  return until ? `${how}, ${until}` : how;
}
