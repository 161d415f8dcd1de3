import { describe, expect, it } from 'vitest';
import { asciiJson } from './ascii-json';

describe('asciiJson', () => {
  const value = {
    comment: 'Größe in µs — 東京 😀 "quoted" \\ back\nslash \u2028',
    nested: [{ é: 'ü' }, 1, null, true],
  };

  it('writes nothing past ASCII', () => {
    expect(asciiJson(value)).toMatch(/^[\x20-\x7e]*$/);
  });

  it('reads back as the same value, astral characters included', () => {
    expect(JSON.parse(asciiJson(value))).toEqual(value);
  });

  it('is plain JSON when there is nothing to escape', () => {
    expect(asciiJson({ a: 'b', n: [1, 2] })).toBe(JSON.stringify({ a: 'b', n: [1, 2] }));
  });
});
