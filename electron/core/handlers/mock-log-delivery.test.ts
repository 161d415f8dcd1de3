import { describe, expect, it } from 'vitest';
import type { MockCallEntry, MockLogEvent } from '../../../shared/model/mock';
import type { StreamSink } from '../../../shared/protocol/define';
import { boundedEntry, deliver, MAX_ENTRY_JSON } from './mock-log-delivery';

const entry = (method: string, requests: unknown[] = [{}]): MockCallEntry => ({
  method,
  requests,
  rule: 'default answer',
  responses: 1,
  code: 0,
  message: '',
  startedAt: 0,
  durationMs: 1,
});

/** A reader whose queue is full until the test drains it. */
function slowReader() {
  const pushed: MockLogEvent[] = [];
  let full = false;
  const drains = new Set<() => void>();
  const sink = {
    push: (event: MockLogEvent) => {
      pushed.push(event);
      return !full;
    },
    onDrain: (listener: () => void) => {
      drains.add(listener);
      return () => drains.delete(listener);
    },
  } as unknown as StreamSink<MockLogEvent>;
  return {
    sink,
    pushed,
    fill: () => (full = true),
    drain: () => {
      full = false;
      for (const listener of [...drains]) listener();
    },
  };
}

describe('mock log delivery', () => {
  it('above the high-water mark counts calls instead of queueing them, and tells the reader once it drains', () => {
    const reader = slowReader();
    deliver(reader.sink, entry('a/One'));
    reader.fill();
    deliver(reader.sink, entry('a/Two')); // queued, and the queue is now full
    for (let i = 0; i < 1000; i++) deliver(reader.sink, entry('a/Dropped'));
    expect(reader.pushed).toHaveLength(2);
    reader.drain();
    deliver(reader.sink, entry('a/Three'));
    expect(reader.pushed).toEqual([
      { entry: expect.objectContaining({ method: 'a/One' }), status: 'OK' },
      { entry: expect.objectContaining({ method: 'a/Two' }), status: 'OK' },
      { skipped: 1000 },
      { entry: expect.objectContaining({ method: 'a/Three' }), status: 'OK' },
    ]);
  });

  it('names the status of a failed call', () => {
    const reader = slowReader();
    deliver(reader.sink, { ...entry('a/Fail'), code: 5, message: 'no such thing' });
    expect(reader.pushed).toEqual([{ entry: expect.objectContaining({ code: 5 }), status: 'NOT_FOUND' }]);
  });

  it('replaces requests and answer too large to log with a note, and leaves small ones as they are', () => {
    const small = entry('a/Small', [{ text: 'x' }]);
    expect(boundedEntry(small)).toBe(small);
    const huge = { ...entry('a/Huge', [{ text: 'x'.repeat(MAX_ENTRY_JSON) }]), answer: { ok: true } };
    const bounded = boundedEntry(huge);
    expect(bounded.requests).toEqual([expect.stringMatching(/characters of JSON: too large for the log/)]);
    expect(bounded.answer).toEqual(bounded.requests[0]);
    expect(bounded.method).toBe('a/Huge');
  });
});
