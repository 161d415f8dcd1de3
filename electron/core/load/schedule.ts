import type { LoadPlan, LoadSchedule } from '../../../shared/model/load';

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

/** How long a schedule at rate 0 waits before looking again: its rate may rise later. */
const IDLE_LOOK_MS = 10;

/**
 * When the call after one sent at `t` is due, for a sender that carries `share` of the rate
 * (each worker thread sends its part). Spacing follows the rate at `t`; at rate 0 the sender
 * looks again shortly, since a ramp may rise from zero.
 */
export function nextSendTime(schedule: LoadSchedule, t: number, share: number): number {
  const rate = rateAt(schedule, t) * share;
  return rate > 0 ? t + 1000 / rate : t + IDLE_LOOK_MS;
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

/** Splits `total` into `parts` whole shares that differ by at most one (the first ones larger). */
export function splitEvenly(total: number, parts: number): number[] {
  const base = Math.floor(total / parts);
  const rest = total - base * parts;
  return Array.from({ length: parts }, (_, i) => base + (i < rest ? 1 : 0));
}
