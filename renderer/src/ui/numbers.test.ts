import { describe, expect, it } from 'vitest';
import { formatCount } from './numbers';

describe('formatCount', () => {
  it('groups thousands with commas whatever the machine locale', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(200_000)).toBe('200,000');
    expect(formatCount(1_234_567)).toBe('1,234,567');
  });

  it('writes fractions and negatives as toLocaleString did', () => {
    expect(formatCount(-12_345)).toBe('-12,345');
    expect(formatCount(1234.5)).toBe((1234.5).toLocaleString('en-US'));
    expect(formatCount(Number.POSITIVE_INFINITY)).toBe('∞');
  });

  it('groups whole numbers exactly as the en-US locale does, across magnitudes and signs', () => {
    const intl = new Intl.NumberFormat('en-US');
    for (let digits = 1; digits <= 16; digits++) {
      for (const n of [10 ** (digits - 1), 10 ** digits - 1, Math.floor(10 ** digits / 3)]) {
        const value = Math.min(n, Number.MAX_SAFE_INTEGER);
        expect(formatCount(value)).toBe(intl.format(value));
        expect(formatCount(-value)).toBe(intl.format(-value));
      }
    }
    expect(formatCount(Number.MAX_SAFE_INTEGER)).toBe(intl.format(Number.MAX_SAFE_INTEGER));
  });
});
