/**
 * The formatter for counts that are not whole numbers, built on first use: the first Intl
 * formatter a page builds loads its locale data, ~20 ms of the window's start-up on a slow
 * machine when this was a module constant. (One formatter, not `toLocaleString`, which builds
 * one on each call: a stream's counters are redrawn several times a second.)
 */
let fractionFormat: Intl.NumberFormat | undefined;

/** A count with thousands separators, the same on every machine: "12,345". */
export function formatCount(n: number): string {
  // Counts are whole numbers: grouped by hand, as Intl's en-US would, with no formatter at all.
  if (Number.isSafeInteger(n)) {
    const grouped = String(Math.abs(n)).replace(/\B(?=(\d{3})+$)/g, ',');
    return n < 0 ? `-${grouped}` : grouped;
  }
  fractionFormat ??= new Intl.NumberFormat('en-US');
  return fractionFormat.format(n);
}
