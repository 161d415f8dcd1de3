export interface LineMatch {
  line: number;
  /** 0-based, in characters. */
  column: number;
}

export interface Lines {
  readonly lineCount: number;
  line(index: number): string;
}

export interface SliceOptions {
  /** Work at most this long before yielding to the page (ms). */
  budgetMs?: number;
  now?: () => number;
  /** Lets the page handle input and paint; resolves when the search may go on. */
  yieldToPage?: () => Promise<void>;
  /** Checked after each yield: a newer search (or a closed view) stops this one. */
  cancelled?: () => boolean;
}

const DEFAULT_BUDGET_MS = 8;

/**
 * The next line (after `from`, wrapping round to the start once) that contains `needle`,
 * case-insensitively. A response of a million lines is scanned in slices of a few milliseconds
 * that yield to the page, so typing or clicking is handled while it searches. Undefined: no match
 * anywhere, or cancelled.
 */
export async function findNext(
  lines: Lines,
  needle: string,
  from: LineMatch | undefined,
  options: SliceOptions = {},
): Promise<LineMatch | undefined> {
  const budget = options.budgetMs ?? DEFAULT_BUDGET_MS;
  const now = options.now ?? (() => performance.now());
  const yieldToPage = options.yieldToPage ?? (() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  const wanted = needle.toLowerCase();
  if (wanted === '') return undefined;
  const count = lines.lineCount;
  const startLine = from ? from.line : 0;
  let sliceStart = now();
  // Line `startLine` is looked at twice: after `from` first, then before it once wrapped round.
  for (let step = 0; step <= count; step++) {
    const index = (startLine + step) % count;
    const text = lines.line(index).toLowerCase();
    const after = step === 0 && from ? from.column + 1 : 0;
    const column = text.indexOf(wanted, after);
    if (column !== -1 && !(step === count && from && column > from.column)) return { line: index, column };
    if (now() - sliceStart >= budget) {
      await yieldToPage();
      if (options.cancelled?.()) return undefined;
      sliceStart = now();
    }
  }
  return undefined;
}
