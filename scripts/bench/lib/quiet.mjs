// Waiting for the machine to settle before a timed start, so a start is not timed against work
// the bench itself just set off (a fresh Chromium context keeps its processes busy for ~1 s).
import { cpus } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

function cpuTimes() {
  let idle = 0;
  let all = 0;
  for (const { times } of cpus()) {
    idle += times.idle;
    all += times.user + times.nice + times.sys + times.idle + times.irq;
  }
  return { idle, all };
}

/**
 * Resolves once the cores were at least `idle` idle over one window of `windowMs`, or after
 * `maxMs` (a machine busy with other work never settles; then the start is timed as it is).
 * Returns how long it waited.
 */
export async function untilQuiet({ idle = 0.8, windowMs = 100, maxMs = 3000 } = {}) {
  const t0 = performance.now();
  let before = cpuTimes();
  while (performance.now() - t0 < maxMs) {
    await sleep(windowMs);
    const now = cpuTimes();
    const share = (now.idle - before.idle) / Math.max(1, now.all - before.all);
    before = now;
    if (share >= idle) break;
  }
  return performance.now() - t0;
}
