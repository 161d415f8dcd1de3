/** A count with thousands separators, the same on every machine: "12,345". */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
