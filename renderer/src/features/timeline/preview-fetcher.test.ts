import { describe, expect, it } from 'vitest';
import type { MessagePage } from '../../../../shared/contract';
import { TimelineLog } from '../../state/timeline-log';
import { MAX_SPAN, PreviewFetcher } from './preview-fetcher';

/* The timeline asks the engine for the previews of the rows on screen. These tests play the
 * engine by hand: each request waits until the test answers it, so every ordering of answers
 * and row changes is reproduced exactly, whatever the machine's speed. */

type Page = Pick<MessagePage, 'first' | 'messages'>;

interface PendingRequest {
  from: number;
  count: number;
  answer(page?: Partial<Page>): Promise<void>;
  fail(): Promise<void>;
}

/** Settled promise callbacks run on the microtask queue; let them all run. */
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

function engineByHand(kept: { first: number; total: number } = { first: 0, total: 1_000_000 }) {
  const requests: PendingRequest[] = [];
  const fetch = (from: number, count: number): Promise<Page> =>
    new Promise((resolve, reject) => {
      const page = (): Page => {
        const messages = [];
        for (let p = Math.max(from, kept.first); p < Math.min(from + count, kept.total); p++) {
          messages.push({ position: p, index: p, direction: 'received' as const, t: p, size: 1, json: `{"seq":${p}}` });
        }
        return { first: kept.first, messages };
      };
      requests.push({
        from,
        count,
        answer: async (override) => {
          resolve({ ...page(), ...override });
          await flush();
        },
        fail: async () => {
          reject(new Error('engine gone'));
          await flush();
        },
      });
    });
  return { requests, fetch };
}

/** Answers each request in turn, including those the answers lead to; bounded. */
async function answerAll(requests: PendingRequest[]): Promise<void> {
  for (let i = 0; i < requests.length; i++) {
    if (i > 20) throw new Error('more requests than rows: the fetcher is looping');
    await requests[i]!.answer();
  }
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('PreviewFetcher', () => {
  it('asks once for the rows on screen and fills their previews', async () => {
    const log = new TimelineLog(1000);
    const engine = engineByHand();
    let landed = 0;
    const fetcher = new PreviewFetcher(log, engine.fetch, () => landed++);
    fetcher.want(range(0, 10));
    fetcher.want(range(0, 10)); // a re-render with the same rows: no second request
    expect(engine.requests.map((r) => [r.from, r.count])).toEqual([[0, 10]]);
    await engine.requests[0]!.answer();
    expect(range(0, 10).map((p) => log.preview(p))).toEqual(range(0, 10).map((p) => `{"seq":${p}}`));
    expect(landed).toBe(1);
    expect(engine.requests).toHaveLength(1);
  });

  it('rows that appear while a request is in flight are asked for when it lands', async () => {
    const log = new TimelineLog(1000);
    const engine = engineByHand();
    const fetcher = new PreviewFetcher(log, engine.fetch, () => undefined);
    fetcher.want(range(0, 10));
    // The stream ends: the final rows come on screen while the first answer is on its way.
    fetcher.want(range(5, 15));
    expect(engine.requests).toHaveLength(1);
    await engine.requests[0]!.answer();
    // Nothing else re-renders an ended stream: the fetcher itself must go on.
    expect(engine.requests.map((r) => [r.from, r.count])).toEqual([
      [0, 10],
      [10, 5],
    ]);
    await engine.requests[1]!.answer();
    expect(range(5, 15).every((p) => log.preview(p) === `{"seq":${p}}`)).toBe(true);
  });

  it('an answer that lands after the rows on screen changed still fills what it covered, then the new rows are asked for', async () => {
    const log = new TimelineLog(1000);
    const engine = engineByHand();
    const fetcher = new PreviewFetcher(log, engine.fetch, () => undefined);
    fetcher.want(range(0, 10));
    fetcher.want(range(100, 110)); // scrolled away before the answer
    fetcher.want(range(200, 210)); // and again
    await engine.requests[0]!.answer();
    // Only the rows on screen now are asked for, not those scrolled past meanwhile.
    expect(engine.requests.map((r) => r.from)).toEqual([0, 200]);
    await engine.requests[1]!.answer();
    expect(range(200, 210).every((p) => log.preview(p) !== undefined)).toBe(true);
    expect(engine.requests).toHaveLength(2);
  });

  it('rows spread wider than one request are all filled, a request at a time', async () => {
    const log = new TimelineLog(1000);
    const engine = engineByHand();
    const fetcher = new PreviewFetcher(log, engine.fetch, () => undefined);
    const shown = [0, 1, MAX_SPAN + 10, 3 * MAX_SPAN]; // a filtered view: far apart rows
    fetcher.want(shown);
    await answerAll(engine.requests);
    expect(shown.map((p) => log.preview(p))).toEqual(shown.map((p) => `{"seq":${p}}`));
    expect(engine.requests.map((r) => r.from)).toEqual([0, MAX_SPAN + 10, 3 * MAX_SPAN]);
  });

  it('messages the engine let go are marked, not asked for again', async () => {
    const log = new TimelineLog(1000);
    const engine = engineByHand({ first: 5, total: 1000 });
    const fetcher = new PreviewFetcher(log, engine.fetch, () => undefined);
    fetcher.want(range(0, 10));
    await engine.requests[0]!.answer();
    expect(range(0, 5).map((p) => log.preview(p))).toEqual(['', '', '', '', '']);
    expect(log.preview(5)).toBe('{"seq":5}');
    fetcher.want(range(0, 10));
    expect(engine.requests).toHaveLength(1);
  });

  it('an answer that covers none of the rows asked for does not start a loop of requests', async () => {
    const log = new TimelineLog(1000);
    const engine = engineByHand({ first: 0, total: 3 }); // the engine knows fewer messages than shown
    const fetcher = new PreviewFetcher(log, engine.fetch, () => undefined);
    fetcher.want(range(0, 6));
    await answerAll(engine.requests);
    // The first answer filled 0-2; one more asks for 3-5, which fills nothing: asking stops there.
    expect(engine.requests.map((r) => [r.from, r.count])).toEqual([
      [0, 6],
      [3, 3],
    ]);
    expect(log.preview(2)).toBe('{"seq":2}');
    fetcher.want(range(0, 6)); // a redraw with the same rows
    expect(engine.requests).toHaveLength(2);
    // Asked again only when the rows on screen change.
    fetcher.want(range(1, 7));
    expect(engine.requests).toHaveLength(3);
  });

  it('a failed request marks its rows instead of retrying forever, and later rows are still asked for', async () => {
    const log = new TimelineLog(1000);
    const engine = engineByHand();
    const fetcher = new PreviewFetcher(log, engine.fetch, () => undefined);
    fetcher.want(range(0, 3));
    fetcher.want(range(0, 6));
    await engine.requests[0]!.fail();
    expect(range(0, 3).map((p) => log.preview(p))).toEqual(['', '', '']);
    expect(engine.requests.map((r) => r.from)).toEqual([0, 3]);
  });

  it('after dispose (another call shown) a late answer neither re-renders nor asks again', async () => {
    const log = new TimelineLog(1000);
    const engine = engineByHand();
    let landed = 0;
    const fetcher = new PreviewFetcher(log, engine.fetch, () => landed++);
    fetcher.want(range(0, 3));
    fetcher.want(range(0, 6));
    fetcher.dispose();
    await engine.requests[0]!.answer();
    expect(landed).toBe(0);
    expect(engine.requests).toHaveLength(1);
  });
});
