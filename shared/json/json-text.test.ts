import { describe, expect, it } from 'vitest';
import {
  JsonSyntaxError,
  MAX_NESTING,
  NumberLiteral,
  parseExactJson,
  reformatJson,
  stringifyExact,
  stringifyJson,
} from './json-text';

describe('parseExactJson', () => {
  it('reads integer literals beyond 2^53 as exact bigints, everything else as JSON.parse does', () => {
    const text =
      '{"a": 9007199254740993, "b": [-9223372036854775808, 18446744073709551615], "c": 9007199254740991, "d": 1.5, "e": 1e21, "f": "9007199254740993"}';
    expect(parseExactJson(text)).toEqual({
      bigIntegers: 3,
      marked: 3,
      value: {
        a: 9007199254740993n,
        b: [-9223372036854775808n, 18446744073709551615n],
        c: 9007199254740991,
        d: 1.5,
        e: 1e21,
        f: '9007199254740993',
      },
    });
  });

  it('with wholeDecimals, keeps whole-valued literals with a fraction or an exponent as typed, with their exact value', () => {
    const text = '{"a": 1e3, "b": 9007199254740993.5, "c": 1.5, "d": [-12.0, 9007199254740993e0, 0e999999999], "e": 2}';
    const { value, bigIntegers, marked } = parseExactJson(text, { wholeDecimals: true });
    expect({ bigIntegers, marked }).toEqual({ bigIntegers: 0, marked: 5 });
    const v = value as { a: NumberLiteral; b: NumberLiteral; c: number; d: NumberLiteral[]; e: number };
    expect([v.a, v.b, ...v.d].map((n) => [n.text, n.exactInteger(), Number(n)])).toEqual([
      ['1e3', 1000n, 1000],
      ['9007199254740993.5', undefined, 9007199254740994],
      ['-12.0', -12n, -12],
      ['9007199254740993e0', 9007199254740993n, 9007199254740992],
      ['0e999999999', 0n, 0],
    ]);
    expect([v.c, v.e]).toEqual([1.5, 2]);
    expect(new NumberLiteral('1.234e2').exactInteger()).toBeUndefined();
    expect(new NumberLiteral('1.230e3').exactInteger()).toBe(1230n);
    expect(new NumberLiteral('-5000e-3').exactInteger()).toBe(-5n);
    expect(new NumberLiteral('5001e-3').exactInteger()).toBeUndefined();
  });

  it("never mistakes the user's own strings for big numbers, whatever they contain", () => {
    const tricky = ['\u00009007199254740993', '\u0000\u00001', '\u0000', 'x\u00002'];
    const text = JSON.stringify({ s: tricky, n: '0' }).replace('"0"', '12345678901234567890');
    expect(parseExactJson(text).value).toEqual({ s: tricky, n: 12345678901234567890n });
  });

  it('points at the first syntax error by line and column', () => {
    const err = (() => {
      try {
        parseExactJson('{\n  "a": 1,\n  oops\n}');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(JsonSyntaxError);
    expect(err).toMatchObject({ line: 3, column: 3, reason: 'expected a double-quoted property name, unexpected "o"' });
  });

  it('refuses nesting deeper than it can read, by position, instead of overflowing the stack', () => {
    const deep = `{"a": ${'['.repeat(50_000)}${']'.repeat(50_000)}}`;
    expect(() => parseExactJson(deep)).toThrow(
      new JsonSyntaxError(1, 1006, `values are nested more than ${MAX_NESTING} levels deep`),
    );
    expect(parseExactJson(`${'['.repeat(MAX_NESTING)}9007199254740993${']'.repeat(MAX_NESTING)}`).bigIntegers).toBe(1);
  });
});

describe('reformatJson', () => {
  it('lays out like JSON.stringify with indentation, and on one line with indent 0', () => {
    const value = { a: [1, { b: 'x, y: [z]', c: {} }, []], d: null, e: true, f: 'q"uote\\' };
    const compact = JSON.stringify(value);
    expect(reformatJson(compact)).toBe(JSON.stringify(value, null, 2));
    expect(reformatJson(JSON.stringify(value, null, 4), 0)).toBe(compact);
  });

  it('keeps number literals as typed, where JSON.stringify(JSON.parse()) would round them', () => {
    expect(reformatJson('{"fixed":9007199254740993,"u":18446744073709551615,"d":1.50}')).toBe(
      '{\n  "fixed": 9007199254740993,\n  "u": 18446744073709551615,\n  "d": 1.50\n}',
    );
  });

  it('leaves text that is not JSON alone', () => {
    expect(reformatJson('{"a": {{id}}}')).toBeUndefined();
  });
});

describe('stringifyExact and stringifyJson', () => {
  const value = { a: -0, b: [0, -0, 1.5, { c: -0 }], d: 'x', e: [], f: {}, g: null, h: true };

  it('write a negative zero as -0, where JSON.stringify writes 0', () => {
    expect(stringifyExact(-0)).toBe('-0');
    expect(stringifyJson(-0, 2)).toBe('-0');
    expect(JSON.parse(stringifyJson(value, 0))).toEqual(value);
    expect(Object.is((JSON.parse(stringifyExact(value)) as { b: number[] }).b[1], -0)).toBe(true);
  });

  it('lay values out as JSON.stringify does, in every indentation', () => {
    const plain = { a: 1, b: [0, 1.5, { c: 'x' }], e: [], f: {}, g: null, h: true };
    for (const indent of [0, 2, 4]) {
      expect(stringifyJson(plain, indent)).toBe(JSON.stringify(plain, null, indent));
      expect(stringifyExact(plain, 0, { indent })).toBe(JSON.stringify(plain, null, indent));
    }
    expect(stringifyJson({ a: [-0] }, 0)).toBe('{"a":[-0]}');
    expect(stringifyJson({ a: [-0] }, 2)).toBe('{\n  "a": [\n    -0\n  ]\n}');
  });
});
