import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LoupeContract } from '../../../shared/contract';
import type { CallEvent } from '../../../shared/model/call';
import type { ErrorData } from '../../../shared/model/errors';
import type { RpcClient } from '../../../shared/protocol/client';
import { withLazyJson, withRenderer } from '../calls/codec';
import { startDemoServer, type DemoServer } from '../demo';
import { MessageStore } from './message-store';
import { connectEngine, disposeEngines } from './test-connection';

/* The engine keeps a call's messages so the UI can read them again (here: with default values). */

let demo: DemoServer;
beforeAll(async () => {
  demo = await startDemoServer();
});
afterEach(disposeEngines);
afterAll(() => demo.stop());
const connect = () => connectEngine().client;

function run(client: RpcClient<LoupeContract>, callId: string, method: string, body: string): Promise<ErrorData | undefined> {
  return new Promise((resolve) => {
    client.subscribe('call.open', { target: { address: demo.address }, callId, method, messages: [body] }, {
      onEvents: () => undefined,
      onEnd: resolve,
    });
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

describe('MessageStore bounds', () => {
  const event = (index: number): CallEvent =>
    withRenderer(
      withLazyJson({ type: 'received' as const, t: index, index, size: 1 }, () => `{"n":${index}}`),
      ({ emitDefaults }) => `{"n":${index},"defaults":${emitDefaults}}`,
    );

  it('keeps the newest messages per call and says how many it let go', () => {
    const store = new MessageStore(100);
    store.open('c');
    for (let i = 0; i < 1000; i++) store.record('c', event(i));
    const page = store.read('c', { count: 3, emitDefaults: true });
    expect(page.total).toBe(1000);
    expect(page.first).toBeGreaterThanOrEqual(900);
    expect(page.messages.map((m) => m.index)).toEqual([997, 998, 999]);
    expect(page.messages[0]?.json).toBe('{"n":997,"defaults":true}');
    // Reading before what is kept starts at the oldest kept message.
    expect(store.read('c', { from: 0, count: 1, emitDefaults: false }).messages[0]?.position).toBe(page.first);
  });
});
