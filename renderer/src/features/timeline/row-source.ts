import type { TimelineLog } from '../../state';

export type DirectionFilter = 'all' | 'sent' | 'received';

/** The rows a timeline shows, in order: all of the log's, or those a filter lets through. */
export interface RowSource {
  readonly count: number;
  /** Log row number of the i-th shown row. */
  rowAt: (i: number) => number;
  /** Where a log row is shown, if it is. */
  indexOfRow: (row: number) => number | undefined;
}

export function allRows(log: TimelineLog): RowSource {
  const first = log.first;
  return {
    count: log.end - first,
    rowAt: (i) => first + i,
    indexOfRow: (row) => (row >= first && row < log.end ? row - first : undefined),
  };
}

/**
 * A growing, sorted list of row numbers; rows the log let go are skipped from the front. Used for
 * filtered views, which are extended as the call grows instead of being recomputed.
 */
export class MatchingRows implements RowSource {
  private rows = new Int32Array(1024);
  private start = 0;
  private length = 0;

  constructor(private readonly log: TimelineLog) {}

  push(row: number): void {
    if (this.length === this.rows.length) {
      // Compact what was let go before growing.
      const kept = this.rows.subarray(this.start, this.length);
      const next = new Int32Array(Math.max(1024, kept.length * 2));
      next.set(kept);
      this.rows = next;
      this.length = kept.length;
      this.start = 0;
    }
    this.rows[this.length++] = row;
  }

  private trim(): void {
    const first = this.log.first;
    while (this.start < this.length && this.rows[this.start]! < first) this.start++;
  }

  get count(): number {
    this.trim();
    return this.length - this.start;
  }

  rowAt(i: number): number {
    return this.rows[this.start + i]!;
  }

  indexOfRow(row: number): number | undefined {
    this.trim();
    let lo = this.start;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.rows[mid]! < row) lo = mid + 1;
      else hi = mid;
    }
    return lo < this.length && this.rows[lo] === row ? lo - this.start : undefined;
  }
}

/** Keeps a direction-filtered view up to date with the log, scanning only new rows. */
export class DirectionRows {
  readonly rows: MatchingRows;
  private scanned: number;

  constructor(
    readonly log: TimelineLog,
    readonly direction: 'sent' | 'received',
  ) {
    this.rows = new MatchingRows(log);
    this.scanned = log.first;
  }

  update(): RowSource {
    const end = this.log.end;
    for (let row = Math.max(this.scanned, this.log.first); row < end; row++) {
      if (this.log.kindOf(row) === this.direction) this.rows.push(row);
    }
    this.scanned = end;
    return this.rows;
  }
}
