import { describe, expect, it } from 'vitest';
import { parseIgnoreRules, prepareForDiff } from './diff-prep';

describe('prepareForDiff', () => {
  it('sorts keys at every depth, so key order makes no difference', () => {
    const a = prepareForDiff('{"b": 1, "a": {"y": [ {"d": 1, "c": 2} ], "x": 0}, "10": 1, "9": 2}', []);
    const b = prepareForDiff('{"9": 2, "a": {"x": 0, "y": [{"c": 2, "d": 1}]}, "10": 1, "b": 1}', []);
    expect(a.text).toBe(b.text);
    expect(a.text).toBe(
      '{\n  "10": 1,\n  "9": 2,\n  "a": {\n    "x": 0,\n    "y": [\n      {\n        "c": 2,\n        "d": 1\n      }\n    ]\n  },\n  "b": 1\n}',
    );
  });

  it('drops ignored fields: a name anywhere, * for any one key or index', () => {
    const rules = parseIgnoreRules('timestamp, *.id\n items.*.etag');
    expect(rules).toEqual({ rules: [['timestamp'], ['*', 'id'], ['items', '*', 'etag']], problems: [] });
    const text =
      '{"id": "top", "timestamp": "t0", "user": {"id": 7, "name": "a", "meta": {"timestamp": "t1"}}, "items": [{"etag": "x", "n": 1}]}';
    expect(JSON.parse(prepareForDiff(text, rules.rules).text)).toEqual({
      id: 'top',
      items: [{ n: 1 }],
      user: { meta: {}, name: 'a' },
    });
  });

  it('keeps 64-bit integers exact and leaves text that is not JSON as it is', () => {
    expect(prepareForDiff('{"n": 18446744073709551615}', []).text).toBe('{\n  "n": 18446744073709551615\n}');
    expect(prepareForDiff('not json {', [['a']])).toEqual({
      text: 'not json {',
      problem: expect.stringContaining('line 1'),
    });
  });

  it('says which rule is malformed', () => {
    expect(parseIgnoreRules('a..b, ok').problems).toEqual([
      '"a..b": a path of field names joined by dots, * for any one',
    ]);
  });
});
