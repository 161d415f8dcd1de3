import { describe, expect, it } from 'vitest';
import { messagesAsJson } from './messages-as-json';

describe('messagesAsJson', () => {
  it('shows one message as itself and several as an array, keeping int64 strings intact', () => {
    expect(messagesAsJson(['{"id":"9007199254740993"}'])).toBe('{\n  "id": "9007199254740993"\n}');
    expect(JSON.parse(messagesAsJson(['{"a":1}', '{"a":2}']))).toEqual([{ a: 1 }, { a: 2 }]);
  });
});
