import { describe, expect, it } from 'vitest';
import type { CallEvent } from '../../../../shared/model/call';
import { messagesAsJson, summarizeCall } from './summarize-call';

const received = (i: number): CallEvent => ({ type: 'received', t: i, index: i, size: 2, json: `{"n":"${i}"}` });

describe('summarizeCall', () => {
  it('keeps the last messages and counts the ones it let go', () => {
    const events: CallEvent[] = [
      { type: 'headers', t: 0, metadata: [{ name: 'x', value: '1' }] },
      ...Array.from({ length: 5 }, (_, i) => received(i)),
      { type: 'trailers', t: 9, metadata: [{ name: 'y', value: '2' }] },
      { type: 'status', t: 9, status: { code: 3, name: 'INVALID_ARGUMENT', message: 'bad', details: [{ type: 'google.rpc.ErrorInfo', json: { reason: 'R' } }] } },
    ];
    const view = summarizeCall(events, 2);
    expect(view.messages).toEqual(['{"n":"3"}', '{"n":"4"}']);
    expect(view.omitted).toBe(3);
    expect(view.headers).toEqual([{ name: 'x', value: '1' }]);
    expect(view.trailers).toEqual([{ name: 'y', value: '2' }]);
    expect(view.details[0]?.type).toBe('google.rpc.ErrorInfo');
  });

  it('shows one message as itself and several as an array, keeping int64 strings intact', () => {
    expect(messagesAsJson(['{"id":"9007199254740993"}'])).toBe('{\n  "id": "9007199254740993"\n}');
    expect(JSON.parse(messagesAsJson(['{"a":1}', '{"a":2}']))).toEqual([{ a: 1 }, { a: 2 }]);
  });
});
