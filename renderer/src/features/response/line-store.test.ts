import { describe, expect, it } from 'vitest';
import { LineStore } from './line-store';

describe('LineStore', () => {
  it('keeps the lines of a text that arrives in pieces cut anywhere, and the whole text', () => {
    const text = '{\n  "rows": [\n    {\n      "id": "9223372036854775807"\n    }\n  ]\n}';
    for (const size of [1, 2, 3, 7, 64]) {
      const store = new LineStore();
      for (let i = 0; i < text.length; i += size) store.append(text.slice(i, i + size));
      const lines = Array.from({ length: store.lineCount }, (_, i) => store.line(i));
      expect(lines).toEqual(text.split('\n'));
      expect(store.length).toBe(text.length);
      expect(store.text()).toBe(text);
    }
  });

  it('counts a trailing newline as an empty last line, and an empty text as one empty line', () => {
    const store = new LineStore();
    expect(store.lineCount).toBe(1);
    expect(store.line(0)).toBe('');
    store.append('a\n');
    expect([store.lineCount, store.line(0), store.line(1)]).toEqual([2, 'a', '']);
    store.append('b');
    expect([store.lineCount, store.line(1)]).toEqual([2, 'b']);
  });

  it('keeps many lines, and a line spread over several pieces, exactly', () => {
    const store = new LineStore();
    const lines = Array.from({ length: 5_000 }, (_, i) => `    "id": "${9_007_199_254_740_993n + BigInt(i)}",`);
    lines[2_500] = 'x'.repeat(50);
    const text = lines.join('\n');
    // Pieces of 7 characters: the long line is spread over eight of them.
    for (let i = 0; i < text.length; i += 7) store.append(text.slice(i, i + 7));
    expect(store.lineCount).toBe(5_000);
    expect(store.line(0)).toBe(lines[0]);
    expect(store.line(2_500)).toBe(lines[2_500]);
    expect(store.line(4_999)).toBe(lines[4_999]);
    expect(store.line(5_000)).toBe('');
    expect(store.text()).toBe(text);
    expect(store.line(1_234)).toBe(lines[1_234]);
  });
});
