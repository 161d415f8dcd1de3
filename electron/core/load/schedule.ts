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

/** The longest stretch over which a changing rate is taken as constant, ms. */
const STEP_MS = 10;
/** Steps looked ahead for the next call: beyond that (1000 s at rate 0) the sender looks again then. */
const MAX_STEPS = 100_000;

/**
 * When the call after one sent at `t` is due, for a sender that carries `share` of the rate
 * (each worker thread sends its part): the time by which the schedule's rate, added up from `t`,
 * comes to one call. A changing rate is followed in steps of at most STEP_MS, so a ramp from zero
 * starts sending as soon as it rises rather than at the pace of its first tiny rate.
 */
export function nextSendTime(schedule: LoadSchedule, t: number, share: number): number {
  if (schedule.kind === 'const') return t + 1000 / (schedule.rps * share);
  let owed = 1;
  let at = t;
  for (let i = 0; i < MAX_STEPS; i++) {
    const rate = rateAt(schedule, at) * share;
    const step = rate > 0 ? Math.min(1000 / rate, STEP_MS) : STEP_MS;
    const calls = (rate * step) / 1000;
    if (calls >= owed) return at + (owed * 1000) / rate;
    owed -= calls;
    at += step;
  }
  return at;
}

/** A step or line schedule that can never send: it starts at zero and does not rise. */
export function neverSends(schedule: LoadSchedule): boolean {
  return schedule.kind !== 'const' && schedule.start === 0 && (schedule.step <= 0 || schedule.end === 0);
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
