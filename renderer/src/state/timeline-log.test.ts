import { describe, expect, it } from 'vitest';
import type { CallEvent } from '../../../shared/model/call';
import { TimelineLog } from './timeline-log';

const received = (i: number, json?: string): CallEvent =>
  json
    ? { type: 'received', t: i, index: i, size: 10 + i, json }
    : { type: 'received-run', t: i, index: i, times: [i], sizes: [10 + i] };
const sent = (i: number): CallEvent => ({ type: 'sent', t: i, index: i, size: 5, json: `{"s":${i}}` });

describe('TimelineLog', () => {
  it('keeps every event as a row with counters, and the call outcome apart', () => {
    const log = new TimelineLog(1000);
    log.append([
      {
        type: 'started',
        t: 0,
        at: 1_700_000_000_000,
        target: 'x:1',
        method: '/a.B/C',
        kind: 'bidi_streaming',
        options: {},
      },
      sent(0),
      { type: 'headers', t: 1, metadata: [{ name: 'x', value: '1' }] },
      received(0, '{"n":0}'),
      received(1),
      { type: 'half-closed', t: 2 },
      { type: 'trailers', t: 3, metadata: [{ name: 'y', value: '2' }] },
      { type: 'status', t: 3, status: { code: 3, name: 'INVALID_ARGUMENT', message: 'bad', details: [] } },
    ]);
    expect([log.first, log.end]).toEqual([0, 8]);
    expect([log.sent, log.received, log.bytesSent, log.bytesReceived]).toEqual([1, 2, 5, 21]);
    expect(log.row(1)).toMatchObject({ kind: 'sent', index: 0, position: 0, size: 5 });
    expect(log.row(4)).toMatchObject({ kind: 'received', index: 1, position: 2, size: 11 });
    expect(log.row(2)).toMatchObject({ kind: 'event', event: { type: 'headers' } });
    expect(log.preview(0)).toBe('{"s":0}');
    expect(log.preview(1)).toBe('{"n":0}');
    expect(log.preview(2)).toBeUndefined(); // arrived without JSON: read from the engine when shown
    expect(log.headers).toEqual([{ name: 'x', value: '1' }]);
    expect(log.trailers).toEqual([{ name: 'y', value: '2' }]);
    expect(log.halfClosed).toBe(true);
    expect(log.status?.name).toBe('INVALID_ARGUMENT');
    expect(log.startedAt).toBe(1_700_000_000_000);
    expect(log.problemRows()).toEqual([7]);
    expect(log.rowOfPosition(0)).toBe(1);
    expect(log.rowOfPosition(1)).toBe(3);
    expect(log.rowOfPosition(2)).toBe(4);
    expect(log.rowOfPosition(3)).toBeUndefined();
  });

  it('takes packed runs of messages as one row each', () => {
    const log = new TimelineLog(1000);
    log.append([
      { type: 'received', t: 0, index: 0, size: 5, json: '{}' },
      { type: 'received-run', t: 1, index: 1, times: [1, 2, 3], sizes: [6, 7, 8] },
      { type: 'status', t: 4, status: { code: 0, name: 'OK', message: '', details: [] } },
    ]);
    expect([log.end, log.received, log.bytesReceived]).toEqual([5, 4, 26]);
    expect(log.row(2)).toMatchObject({ kind: 'received', index: 2, position: 2, t: 2, size: 7 });
    expect(log.row(4)).toMatchObject({ kind: 'event', position: 4 });
    expect(log.rowOfPosition(3)).toBe(3);
  });

  it('lets go of the oldest rows a chunk at a time, keeping at least `keep`, and counts them', () => {
    const log = new TimelineLog(5000);
    const batch: CallEvent[] = [];
    for (let i = 0; i < 20_000; i++) batch.push(received(i));
    log.append(batch);
    expect(log.end).toBe(20_000);
    expect(log.end - log.first).toBeGreaterThanOrEqual(5000);
    expect(log.end - log.first).toBeLessThan(5000 + 4096);
    expect(log.droppedMessages).toBe(log.first);
    expect(log.row(log.first - 1)).toBeUndefined();
    expect(log.row(19_999)).toMatchObject({ index: 19_999, position: 19_999 });
    expect(log.rowOfPosition(10)).toBeUndefined();
    expect(log.rowOfPosition(19_000)).toBe(19_000);
  });

  it('holds 100,000 rows compactly and finds any by position', () => {
    const log = new TimelineLog(100_000);
    for (let b = 0; b < 100; b++) log.append(Array.from({ length: 1000 }, (_, i) => received(b * 1000 + i)));
    expect(log.end - log.first).toBe(100_000);
    for (const p of [0, 4095, 4096, 55_555, 99_999]) expect(log.rowOfPosition(p)).toBe(p);
  });
});
