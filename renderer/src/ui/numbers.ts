/**
 * One formatter for every count: `toLocaleString` builds a locale formatter on each call, which
 * a stream's counters, redrawn several times a second, paid on every redraw.
 */
const COUNT_FORMAT = new Intl.NumberFormat('en-US');

/** A count with thousands separators, the same on every machine: "12,345". */
export function formatCount(n: number): string {
  return COUNT_FORMAT.format(n);
}
