import { describe, expect, it } from 'vitest';
import { messagesAsJson } from './messages-as-json';

describe('messagesAsJson', () => {
  it('shows one message as itself and several as an indented array, keeping int64 strings intact', () => {
    const one = '{\n  "id": "9007199254740993"\n}';
    expect(messagesAsJson([one])).toBe(one);
    const many = messagesAsJson(['{\n  "a": 1\n}', '{\n  "a": 2\n}']);
    expect(many).toBe('[\n  {\n    "a": 1\n  },\n  {\n    "a": 2\n  }\n]');
    expect(JSON.parse(many)).toEqual([{ a: 1 }, { a: 2 }]);
  });
});
