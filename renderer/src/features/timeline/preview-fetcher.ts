import type { MessagePage } from '../../../../shared/contract';

/** What the fetcher reads and fills: the call's timeline log. */
export interface PreviewCache {
  preview: (position: number) => string | undefined;
  setPreview: (position: number, json: string) => void;
}

/** Asks the engine for the messages from `from` on, cut to a preview length. */
export type FetchPreviews = (from: number, count: number) => Promise<Pick<MessagePage, 'first' | 'messages'>>;

/** At most this many messages per request: rows between two shown rows may be fetched too. */
export const MAX_SPAN = 500;

/**
 * Fills the previews of the message rows on screen, one request at a time. The rows wanted are
 * whatever `want` said last; each answer, whenever it lands, is followed by a request for the
 * rows still missing then. So rows that came on screen while a request was in flight (the last
 * rows of a stream that just ended, which nothing else will redraw) are always asked for, and the
 * rows converge to their previews whatever order answers and row changes come in.
 *
 * Bounded: every answer either fills at least one wanted row or, if it filled none, stops the
 * asking until the rows wanted change.
 */
export class PreviewFetcher {
  private wanted: readonly number[] = [];
  private inFlight = false;
  private disposed = false;
  /** The missing rows of a request that filled none of them: not asked for again as they are. */
  private fruitless: string | undefined;

  constructor(
    private readonly cache: PreviewCache,
    private readonly fetch: FetchPreviews,
    /** Called when an answer filled rows, so the view redraws them. */
    private readonly onFilled: () => void,
  ) {}

  /** The message positions on screen now. */
  want(positions: readonly number[]): void {
    this.wanted = positions;
    this.askForMissing();
  }

  /** The view went away or shows another call: late answers are dropped. */
  dispose(): void {
    this.disposed = true;
  }

  private askForMissing(): void {
    if (this.inFlight || this.disposed) return;
    const missing = this.wanted.filter((p) => this.cache.preview(p) === undefined);
    if (missing.length === 0) return;
    const missingKey = missing.join(',');
    if (missingKey === this.fruitless) return;
    const from = Math.min(...missing);
    const to = Math.min(Math.max(...missing), from + MAX_SPAN - 1);
    const asked = missing.filter((p) => p <= to);
    this.inFlight = true;
    this.fetch(from, to - from + 1)
      .then(
        (page) => {
          for (const m of page.messages) this.cache.setPreview(m.position, m.json);
          // Messages the engine no longer keeps get a placeholder, so they are not asked for again.
          for (const p of asked) if (p < page.first) this.cache.setPreview(p, '');
        },
        () => {
          for (const p of asked) if (this.cache.preview(p) === undefined) this.cache.setPreview(p, '');
        },
      )
      .finally(() => {
        this.inFlight = false;
        if (this.disposed) return;
        const filled = asked.some((p) => this.cache.preview(p) !== undefined);
        this.fruitless = filled ? undefined : missingKey;
        if (filled) this.onFilled();
        this.askForMissing();
      });
  }
}
