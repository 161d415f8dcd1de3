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
});
