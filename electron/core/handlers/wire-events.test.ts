import { describe, expect, it } from 'vitest';
import type { EngineCallEvent } from '../../../shared/model/call';
import { MessageEvent } from '../calls/message-event';
import { mergeRuns, wireEvents } from './wire-events';

describe('wireEvents', () => {
  let rendered = 0;
  const received = (index: number, t: number, size = 10): EngineCallEvent =>
    new MessageEvent('received', t, index, new Uint8Array(size), {
      render: () => {
        rendered++;
        return `{"n":${index}}`;
      },
      emitDefaults: false,
    });

  it('sends JSON with the first messages and slow ones only, never rendering the rest', () => {
    const toWire = wireEvents();
    rendered = 0;
    const fast = Array.from({ length: 1000 }, (_, i) => toWire(received(i, i * 0.01)));
    expect(fast.filter((e) => e.type === 'received' && e.json !== undefined)).toHaveLength(20);
    expect(rendered).toBe(20);
    expect(fast[500]).toEqual({ type: 'received-run', t: 5, index: 500, times: [5], sizes: [10] });
    // A pause of 50 ms or more: the next message carries its JSON again.
    expect(toWire(received(1000, 100))).toMatchObject({ json: '{"n":1000}' });
    expect(toWire(received(1001, 100.01))).toMatchObject({ type: 'received-run' });
  });

  it('never inlines messages over 256 KiB', () => {
    const toWire = wireEvents();
    expect(toWire(received(0, 0, 300 * 1024))).toMatchObject({ type: 'received-run' });
    expect(toWire(received(1, 1, 1024))).toHaveProperty('json');
  });

  it('makes plain objects of what crosses, without the lazy getter', () => {
    const wire = wireEvents()(received(0, 0));
    expect(Object.getOwnPropertyDescriptor(wire, 'json')?.get).toBeUndefined();
  });
});

describe('mergeRuns', () => {
  const run = (index: number, n: number) => ({
    type: 'received-run' as const,
    t: index,
    index,
    times: Array.from({ length: n }, (_, i) => index + i),
    sizes: Array.from({ length: n }, () => 3),
  });

  it('packs consecutive runs, up to a bound, and nothing else', () => {
    const a = run(0, 2);
    expect(mergeRuns(a, run(2, 3))).toBe(true);
    expect(a).toMatchObject({ index: 0, times: [0, 1, 2, 3, 4], sizes: [3, 3, 3, 3, 3] });
    expect(mergeRuns(a, run(7, 1))).toBe(false); // not the next message
    expect(mergeRuns(a, { type: 'half-closed', t: 9 })).toBe(false);
    expect(mergeRuns(run(0, 250), run(250, 10))).toBe(false);
  });
});
