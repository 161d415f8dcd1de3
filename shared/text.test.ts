import { describe, expect, it } from 'vitest';
import { formatSize, lineColumn } from './text';

describe('text helpers', () => {
  it('lineColumn: 1-based, as editors show it', () => {
    const text = 'ab\ncd\n\nef';
    expect(lineColumn(text, 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn(text, 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumn(text, 7)).toEqual({ line: 4, column: 1 });
    expect(lineColumn(text, text.length)).toEqual({ line: 4, column: 3 });
  });

  it('formatSize: limits as messages say them', () => {
    expect(formatSize(20)).toBe('20 bytes');
    expect(formatSize(1536)).toBe('1.5 KiB');
    expect(formatSize(64 * 1024 * 1024)).toBe('64 MiB');
  });
});
