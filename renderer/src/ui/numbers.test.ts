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
  });
});
