import { describe, expect, it } from 'vitest';
import { findNext, type Lines } from './find-in-lines';

const lines = (texts: string[]): Lines => ({ lineCount: texts.length, line: (i) => texts[i] ?? '' });

/** A clock that moves 1 ms per reading, so slicing depends on work done, not on the machine. */
function steppingClock() {
  let t = 0;
  return () => t++;
}

describe('findNext', () => {
  const text = lines(['{', '  "Name": "alpha"', '  "other": "name and NAME"', '}']);

  it('finds case-insensitively from a match on, then wraps round to the start', async () => {
    const first = await findNext(text, 'name', undefined);
    expect(first).toEqual({ line: 1, column: 3 });
    const second = await findNext(text, 'name', first);
    expect(second).toEqual({ line: 2, column: 12 });
    const third = await findNext(text, 'name', second);
    expect(third).toEqual({ line: 2, column: 21 });
    expect(await findNext(text, 'name', third)).toEqual(first);
  });

  it('says there is none when nothing matches, and finds a lone match again from itself', async () => {
    expect(await findNext(text, 'missing', undefined)).toBeUndefined();
    const only = await findNext(text, 'alpha', undefined);
    expect(await findNext(text, 'alpha', only)).toEqual(only);
  });

  it('yields to the page while it scans a long text, and stops when cancelled', async () => {
    const many = lines(Array.from({ length: 10_000 }, (_, i) => (i === 9_000 ? 'needle' : `row ${i}`)));
    let yields = 0;
    const found = await findNext(many, 'needle', undefined, {
      budgetMs: 100,
      now: steppingClock(),
      yieldToPage: async () => void yields++,
    });
    expect(found).toEqual({ line: 9_000, column: 0 });
    // One per 100 lines looked at (the clock moves 1 ms a reading): deterministic on any machine.
    expect(yields).toBe(90);

    let asked = 0;
    const stopped = await findNext(many, 'needle', undefined, {
      budgetMs: 100,
      now: steppingClock(),
      yieldToPage: async () => undefined,
      cancelled: () => ++asked >= 3,
    });
    expect(stopped).toBeUndefined();
    expect(asked).toBe(3);
  });
});
