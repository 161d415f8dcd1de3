import { describe, expect, it } from 'vitest';
import { JsonValueSplitter, splitJsonValues } from './json-stream';

describe('JsonValueSplitter', () => {
  it('splits concatenated and newline-separated values', () => {
    expect(splitJsonValues('{"a":1}{"b":"}{"}\n\n  {"c":[1,{"d":2}]}\n')).toEqual([
      '{"a":1}',
      '{"b":"}{"}',
      '{"c":[1,{"d":2}]}',
    ]);
    expect(splitJsonValues('{"s":"quote \\" brace }"} 12 true "x"')).toEqual([
      '{"s":"quote \\" brace }"}',
      '12',
      'true',
      '"x"',
    ]);
    expect(splitJsonValues('  ')).toEqual([]);
  });

  it('emits values as soon as they complete, across chunks', () => {
    const s = new JsonValueSplitter();
    expect(s.push('{"a":')).toEqual([]);
    expect(s.push('1}\n{"b"')).toEqual(['{"a":1}']);
    expect(s.push(':2}')).toEqual(['{"b":2}']);
    expect(s.end()).toEqual([]);
  });

  it('fails on unfinished or unbalanced input', () => {
    expect(() => splitJsonValues('{"a":1')).toThrow(/ends in the middle/);
    expect(() => splitJsonValues('}')).toThrow(/unexpected/);
  });

  it('refuses a value that grows past the limit instead of holding an endless one', () => {
    const s = new JsonValueSplitter(20);
    expect(s.push('{"a":1}{"b":"')).toEqual(['{"a":1}']);
    expect(() => s.push('x'.repeat(30))).toThrow(
      'a request message is larger than the 20 bytes limit for a request data file (or it never ends)',
    );
  });
});
