import { describe, expect, it } from 'vitest';
import { AppError } from '../model/errors';
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
    const s = new JsonValueSplitter({ name: 'request data file', maxBytes: 20 });
    expect(s.push('{"a":1}{"b":"')).toEqual(['{"a":1}']);
    expect(() => s.push('x'.repeat(30))).toThrow(
      'a request message is larger than the 20 bytes limit for a request data file (or it never ends)',
    );
  });

  it('keeps every literal as typed: 64-bit integers are not rounded', () => {
    expect(splitJsonValues('{"id":18446744073709551615}\n9007199254740993')).toEqual([
      '{"id":18446744073709551615}',
      '9007199254740993',
    ]);
  });

  it('ends a bare value where a bracket or quote begins, and skips a byte order mark', () => {
    expect(splitJsonValues('\ufeff1{"a":2}true[3]"s"null')).toEqual(['1', '{"a":2}', 'true', '[3]', '"s"', 'null']);
    expect(splitJsonValues('{"a":"x"}\u00a0{"a":"y"}')).toEqual(['{"a":"x"}', '{"a":"y"}']);
  });

  it('names the message and its line and column in its errors, across chunks', () => {
    const unfinished = new JsonValueSplitter();
    expect(unfinished.push('{"a":1}\n{"a":2}\n  {"a"')).toEqual(['{"a":1}', '{"a":2}']);
    expect(unfinished.push(':\n3')).toEqual([]);
    expect(() => unfinished.end()).toThrow(
      'message #3 (from line 3, column 3) ends in the middle of a JSON value: {"a":\n3',
    );

    const closing = new JsonValueSplitter();
    expect(closing.push('{"a":1}\n')).toEqual(['{"a":1}']);
    let error: unknown;
    try {
      closing.push('  12 }');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'VALIDATION',
      message: "unexpected '}' at line 2, column 6 (after message #2)",
      details: { line: 2, column: 6 },
    });
    expect(() => splitJsonValues(']')).toThrow("unexpected ']' at line 1, column 1");
  });

  it('does not mistake brackets and escaped quotes inside strings for structure', () => {
    expect(splitJsonValues('"a \\"}" {"k":"[{\\\\"}')).toEqual(['"a \\"}"', '{"k":"[{\\\\"}']);
  });
});
