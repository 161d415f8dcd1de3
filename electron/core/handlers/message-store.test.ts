import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LoupeContract } from '../../../shared/contract';
import type { EngineCallEvent } from '../../../shared/model/call';
import { CancelSignal } from '../../../shared/protocol/cancel';
import type { ErrorData } from '../../../shared/model/errors';
import type { RpcClient } from '../../../shared/protocol/client';
import type { MessageRenderer } from '../calls/codec';
import { MessageEvent } from '../calls/message-event';
import { startDemoServer, type DemoServer } from '../demo';
import { MessageStore } from './message-store';
import { connectEngine, disposeEngines } from '../test-support/engine-connection';

/* The engine keeps a call's messages so the UI can read them again (here: with default values). */

let demo: DemoServer;
beforeAll(async () => {
  demo = await startDemoServer();
});
afterEach(disposeEngines);
afterAll(() => demo.stop());
const connect = () => connectEngine().client;

function run(
  client: RpcClient<LoupeContract>,
  callId: string,
  method: string,
  body: string,
): Promise<ErrorData | undefined> {
  return new Promise((resolve) => {
    client.subscribe(
      'call.open',
      { target: { address: demo.address }, callId, method, messages: [body] },
      {
        onEvents: () => undefined,
        onEnd: resolve,
      },
    );
  });
}

describe('call.messages', () => {
  it('renders a finished call again, with or without default values, without calling the server', async () => {
    const client = connect();
    expect(await run(client, 'echo-1', 'loupe.demo.v1.Demo/Echo', '{"message":"hi"}')).toBeUndefined();
    const plain = await client.request('call.messages', { callId: 'echo-1' });
    expect(plain.total).toBe(2); // the request sent and the response received
    const response = plain.messages.find((m) => m.direction === 'received')!;
    expect(JSON.parse(response.json)).not.toHaveProperty('metadataCount');
    const withDefaults = await client.request('call.messages', { callId: 'echo-1', emitDefaults: true });
    const full = JSON.parse(withDefaults.messages.find((m) => m.direction === 'received')!.json);
    expect(full).toMatchObject({ message: 'hi', metadataCount: 0 });
  });

  it('forgets a call on call.release', async () => {
    const client = connect();
    await run(client, 'echo-2', 'loupe.demo.v1.Demo/Echo', '{}');
    expect(await client.request('call.release', { callId: 'echo-2' })).toBeNull();
    await expect(client.request('call.messages', { callId: 'echo-2' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('MessageStore', () => {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  // Stand-in "wire bytes": the JSON itself, so rendering is easy to check.
  const render: MessageRenderer = (direction, bytes, { emitDefaults }) =>
    `{"dir":"${direction}",${decoder.decode(bytes).slice(1, -1)},"defaults":${emitDefaults}}`;
  const event = (index: number, body = `{"n":${index}}`, type: 'sent' | 'received' = 'received'): EngineCallEvent => {
    const bytes = encoder.encode(body);
    return new MessageEvent(type, index, index, bytes, { render: () => body, emitDefaults: false });
  };
  const limits = { defaultKeep: 100, maxBytesPerCall: 1_000_000 };

  it('keeps the newest messages per call and says how many it let go', () => {
    const store = new MessageStore(limits);
    store.open('c', render);
    for (let i = 0; i < 10_000; i++) store.record('c', event(i));
    const page = store.read('c', { count: 3, emitDefaults: true });
    expect(page.total).toBe(10_000);
    // Always at least what the UI may still show: `keep` plus one of its chunks.
    expect(page.first).toBeGreaterThanOrEqual(10_000 - 100 - 2 * 4096);
    expect(page.first).toBeLessThanOrEqual(10_000 - 100 - 4096);
    expect(page.messages.map((m) => m.index)).toEqual([9997, 9998, 9999]);
    expect(page.messages[0]).toMatchObject({
      position: 9997,
      t: 9997,
      size: 10,
      json: '{"dir":"received","n":9997,"defaults":true}',
    });
    // Reading before what is kept starts at the oldest kept message.
    expect(store.read('c', { from: 0, count: 1, emitDefaults: false }).messages[0]?.position).toBe(page.first);
  });

  it('lets go of the oldest messages when a call keeps too many bytes, whatever the count', () => {
    const store = new MessageStore({ defaultKeep: 1000, maxBytesPerCall: 1000 });
    store.open('c', render);
    for (let i = 0; i < 50; i++) store.record('c', event(i, `{"pad":"${'x'.repeat(90)}"}`));
    const page = store.read('c', { from: 0, count: 100, emitDefaults: false });
    expect(page.total).toBe(50);
    expect(page.messages.length).toBeLessThanOrEqual(10);
    expect(page.messages.length).toBeGreaterThan(5);
    expect(page.messages.at(-1)?.index).toBe(49);
  });

  it('cuts previews to the length asked for and says so', () => {
    const store = new MessageStore(limits);
    store.open('c', render);
    store.record('c', event(0, `{"text":"${'a'.repeat(500)}"}`));
    const [row] = store.read('c', { from: 0, count: 1, emitDefaults: false, preview: 40 }).messages;
    expect(row?.json).toHaveLength(40);
    expect(row?.truncated).toBe(true);
    expect(store.read('c', { from: 0, count: 1, emitDefaults: false }).messages[0]?.truncated).toBeUndefined();
  });

  it('cuts an indented text too: the first slice of a big response is indented like the rest', () => {
    const store = new MessageStore(limits);
    const pretty: MessageRenderer = (_d, bytes, { pretty: indent }) =>
      indent ? JSON.stringify(JSON.parse(decoder.decode(bytes)), null, 2) : decoder.decode(bytes);
    store.open('c', pretty);
    store.record('c', event(0, '{"a":1,"b":2}'));
    const [row] = store.read('c', { from: 0, count: 1, emitDefaults: false, pretty: true, preview: 9 }).messages;
    expect(row).toMatchObject({ json: '{\n  "a": ', truncated: true });
  });

  it('serves a message text in slices from one rendering, and says how long the whole is', () => {
    const store = new MessageStore(limits);
    let renders = 0;
    const counting: MessageRenderer = (...args) => {
      renders++;
      return render(...args);
    };
    store.open('c', counting);
    store.record('c', event(0, `{"text":"${'ab'.repeat(50)}"}`));
    const whole = render('received', encoder.encode(`{"text":"${'ab'.repeat(50)}"}`), { emitDefaults: false });
    const slices: string[] = [];
    for (let offset = 0; offset < whole.length; offset += 16) {
      const slice = store.jsonSlice('c', { position: 0, offset, length: 16, emitDefaults: false, pretty: false });
      expect(slice).toMatchObject({ offset, total: whole.length });
      slices.push(slice.text);
    }
    expect(slices.join('')).toBe(whole);
    expect(renders).toBe(1);
    // Another form of the same message is another rendering.
    const withDefaults = store.jsonSlice('c', {
      position: 0,
      offset: 0,
      length: 1000,
      emitDefaults: true,
      pretty: false,
    });
    expect(withDefaults.text).toContain('"defaults":true');
    expect(renders).toBe(2);
    // Past the end: an empty slice, not an error.
    expect(
      store.jsonSlice('c', { position: 0, offset: 10_000, length: 16, emitDefaults: true, pretty: false }),
    ).toMatchObject({
      text: '',
      total: withDefaults.total,
    });
  });

  it('says which message is missing when a slice is asked of one not kept', () => {
    const store = new MessageStore(limits);
    store.open('c', render);
    store.record('c', event(0));
    expect(() =>
      store.jsonSlice('c', { position: 3, offset: 0, length: 16, emitDefaults: false, pretty: false }),
    ).toThrow("Call 'c' has no message 3 (it has 1).");
    store.release('c');
    expect(() =>
      store.jsonSlice('c', { position: 0, offset: 0, length: 16, emitDefaults: false, pretty: false }),
    ).toThrow(/released/);
  });

  it('finds messages by text, case-insensitively, by direction, from a position, up to a limit', async () => {
    const store = new MessageStore({ defaultKeep: 100_000, maxBytesPerCall: 100_000_000 });
    store.open('c', render);
    for (let i = 0; i < 30_000; i++)
      store.record('c', event(i, i % 1000 === 7 ? `{"word":"Needle${i}"}` : `{"n":${i}}`, i % 2 ? 'received' : 'sent'));
    const all = await store.find('c', { text: 'needle', limit: 1000 });
    expect(all.positions).toEqual(Array.from({ length: 30 }, (_, k) => k * 1000 + 7));
    expect(all.scannedTo).toBe(30_000);
    expect((await store.find('c', { text: 'NEEDLE', direction: 'sent', limit: 1000 })).positions).toEqual([]);
    const later = await store.find('c', { text: 'needle', from: 20_000, limit: 2 });
    expect(later).toMatchObject({ positions: [20_007, 21_007], scannedTo: 21_008 });
  });

  it('a search stops when it is cancelled', async () => {
    const store = new MessageStore({ defaultKeep: 1_000_000, maxBytesPerCall: 1e9 });
    store.open('c', render);
    for (let i = 0; i < 300_000; i++) store.record('c', event(i));
    const signal = new CancelSignal();
    const search = store.find('c', { text: 'never', limit: 10 }, signal);
    signal.cancel();
    await expect(search).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
