import { describe, expect, it } from 'vitest';
import type { CallEvent } from '../../../../shared/model/call';
import { TimelineLog } from '../../state/timeline-log';
import { allRows, DirectionRows } from './row-source';

const message = (type: 'sent' | 'received', i: number): CallEvent => ({ type, t: i, index: i, size: 1, json: '{}' });

describe('timeline row sources', () => {
  it('filters by direction incrementally and finds where a row is shown', () => {
    const log = new TimelineLog(1_000_000);
    const sent = new DirectionRows(log, 'sent');
    log.append([
      { type: 'headers', t: 0, metadata: [] },
      message('sent', 0),
      message('received', 0),
      message('sent', 1),
    ]);
    let rows = sent.update();
    expect(rows.count).toBe(2);
    expect([rows.rowAt(0), rows.rowAt(1)]).toEqual([1, 3]);
    log.append([message('received', 1), message('sent', 2)]);
    rows = sent.update();
    expect(rows.count).toBe(3);
    expect(rows.indexOfRow(5)).toBe(2);
    expect(rows.indexOfRow(4)).toBeUndefined();
    expect(allRows(log).count).toBe(6);
  });

  it('skips rows the log let go of', () => {
    const log = new TimelineLog(1000);
    const received = new DirectionRows(log, 'received');
    log.append(Array.from({ length: 3000 }, (_, i) => message('received', i)));
    expect(received.update().count).toBe(3000);
    log.append(Array.from({ length: 9000 }, (_, i) => message('received', 3000 + i)));
    const rows = received.update();
    expect(log.first).toBeGreaterThan(0);
    expect(rows.count).toBe(log.end - log.first);
    expect(rows.rowAt(0)).toBe(log.first);
    expect(rows.indexOfRow(log.first - 1)).toBeUndefined();
    const all = allRows(log);
    expect([all.count, all.rowAt(0), all.indexOfRow(log.end - 1)]).toEqual([
      log.end - log.first,
      log.first,
      log.end - log.first - 1,
    ]);
  });
});
