import type { LoadSchedule } from '../../../shared/model/load';
import { rateAt } from '../../../shared/model/load-schedule';

export { describeSchedule, rateAt } from '../../../shared/model/load-schedule';

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

/** Splits `total` into `parts` whole shares that differ by at most one (the first ones larger). */
export function splitEvenly(total: number, parts: number): number[] {
  const base = Math.floor(total / parts);
  const rest = total - base * parts;
  return Array.from({ length: parts }, (_, i) => base + (i < rest ? 1 : 0));
}
