// The busy-machine variant (issue 23, target 9): a CPU-bound process spinning on the last core
// while a figure runs, as a laptop busy with other work would be. Pinned with taskset where it
// exists, so it takes one core and leaves the rest to the scheduler.
import { spawn, spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { stopChild } from './common.mjs';

const SPIN = 'for (;;) { Math.sqrt(Math.random()); }';

function hasTaskset() {
  return spawnSync('taskset', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Starts the spinner; `stop()` ends it. `how` says what it is, for the figure's notes. */
export function startBusyLoad() {
  const core = cpus().length - 1;
  const pinned = process.platform === 'linux' && hasTaskset();
  const child = pinned
    ? spawn('taskset', ['-c', String(core), process.execPath, '-e', SPIN], { stdio: 'ignore' })
    : spawn(process.execPath, ['-e', SPIN], { stdio: 'ignore' });
  return {
    how: pinned ? `a CPU-bound node process pinned to core ${core} (taskset)` : 'a CPU-bound node process (unpinned)',
    stop: () => stopChild(child),
  };
}

/** At most this drop from the quiet run (issue 23: "may drop by at most a third"). */
const MAX_DROP = 1 / 3;

/**
 * The busy run's entries against the quiet run's in the same bench run: for each entry that says
 * which way is better, how much of the quiet figure the busy one keeps (1 = no drop).
 */
export function busyDropEntries(quiet, busy) {
  const out = [];
  for (const b of busy.entries ?? []) {
    const q = (quiet.entries ?? []).find((e) => e.name === b.name);
    if (!q || !b.better || !Number.isFinite(q.value) || !Number.isFinite(b.value)) continue;
    // Higher-is-better keeps busy/quiet; lower-is-better (a task length) keeps quiet/busy, each
    // read as at least its floor (a longest task of 0 means none over the long-task threshold).
    const atLeast = (e) => Math.max(e.value, e.floor ?? 0);
    const kept = b.better === 'higher' ? b.value / q.value : b.value === 0 ? 1 : atLeast(q) / atLeast(b);
    const value = Math.round(Math.min(kept, 9.99) * 100) / 100;
    out.push({
      name: `${b.name}: busy kept of quiet (${q.value} -> ${b.value})`,
      value,
      unit: 'x',
      target: `>= ${Math.round((1 - MAX_DROP) * 100) / 100}`,
      pass: value >= 1 - MAX_DROP - 1e-9,
    });
  }
  return out;
}
