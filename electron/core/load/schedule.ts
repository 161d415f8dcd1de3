import type { LoadSchedule } from '../../../shared/model/load';
import { rateAt } from '../../../shared/model/load-schedule';

export { describeSchedule, rateAt } from '../../../shared/model/load-schedule';

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

/** Splits `total` into `parts` whole shares that differ by at most one (the first ones larger). */
export function splitEvenly(total: number, parts: number): number[] {
  const base = Math.floor(total / parts);
  const rest = total - base * parts;
  return Array.from({ length: parts }, (_, i) => base + (i < rest ? 1 : 0));
}
