// The renderer's speed unit: how long the same Chromium takes, in the page under test, for a
// fixed piece of the work a renderer does (parse a JSON text of a known size, lay out a known
// number of rows). A longest task expressed in this unit means the same on a slow or busy machine
// as on a fast one, so a target stated in milliseconds on README's machine becomes a number of
// units that holds everywhere.
/* global document -- the calibration runs in the page */

/**
 * The unit on the machine README's figures came from (2-core Xeon @ 2.80GHz, Node 20, Debian's
 * Chromium): the lowest calibration seen there, while it was busy; the final quiet run replaces
 * it (LOUPE_BENCH_REFERENCE_UNIT_MS overrides it meanwhile). Targets given in milliseconds on that
 * machine are divided by it.
 */
export const REFERENCE_UNIT_MS = Number(process.env.LOUPE_BENCH_REFERENCE_UNIT_MS) || 25;

const ROWS = 1000;
const REPEATS = 9;

/** Runs in the page: one sample is a JSON.parse of ~200 KiB plus a forced layout of 1,000 rows. */
const CALIBRATE = ({ rows, repeats }) => {
  const row = (i) => ({
    id: String(1e15 + i),
    name: `row ${i}`,
    tags: ['alpha', 'beta', 'gamma'],
    nested: { x: i / 7, ok: i % 2 === 0, none: null },
    text: 'The quick brown fox jumps over the lazy dog, again and again.',
  });
  const text = JSON.stringify(Array.from({ length: rows }, (_, i) => row(i)));
  const samples = [];
  // The first round warms the parser and the layout code paths and is not counted.
  for (let r = -1; r < repeats; r++) {
    const t0 = performance.now();
    const parsed = JSON.parse(text);
    const host = document.createElement('div');
    host.style.cssText = 'position:absolute;left:-20000px;top:0;width:900px;font:13px monospace;white-space:pre';
    for (let i = 0; i < parsed.length; i++) {
      const line = document.createElement('div');
      line.textContent = `${parsed[i].name}: ${parsed[i].text} ${parsed[i].nested.x}`;
      host.appendChild(line);
    }
    document.body.appendChild(host);
    if (host.offsetHeight <= 0) throw new Error('the calibration rows were not laid out');
    host.remove();
    if (r >= 0) samples.push(performance.now() - t0);
  }
  return { bytes: text.length, samples };
};

/** Measures the unit in `page` (before the figure, so it reflects the same moment and load). */
export async function calibrateRenderer(page) {
  const { bytes, samples } = await page.evaluate(CALIBRATE, { rows: ROWS, repeats: REPEATS });
  const sorted = [...samples].sort((a, b) => a - b);
  const unitMs = sorted[sorted.length >> 1];
  return {
    unitMs: Math.round(unitMs * 100) / 100,
    samples: samples.map((s) => Math.round(s * 10) / 10),
    what: `JSON.parse of ${Math.round(bytes / 1024)} KiB + layout of ${ROWS} rows in the page, median of ${REPEATS}`,
  };
}

/** Chromium reports only tasks longer than this (the Long Tasks API): a reading of 0 means "under it". */
const LONG_TASK_MS = 50;

/**
 * A duration in units, the target in units scaled from README's machine, and `floor`: the long
 * task threshold in units, what a reading of 0 stands for when comparing runs (busy.mjs).
 */
export function inUnits(ms, unitMs, referenceTargetMs) {
  const units = (x) => Math.round((x / unitMs) * 100) / 100;
  return {
    units: units(ms),
    targetUnits: Math.round((referenceTargetMs / REFERENCE_UNIT_MS) * 100) / 100,
    floor: units(LONG_TASK_MS),
  };
}
