import { describe, expect, it } from 'vitest';
import { useEngineWithDemo, until, received, lastStatus, failure } from '../test-support/engine-with-demo';

/* Cancellation and backpressure from the window's side of the contract down to the demo server. */

const kit = useEngineWithDemo();
const { connect, openCall } = kit;

describe('Engine: cancellation and backpressure', () => {
  it('cancelling the subscription cancels the gRPC call on the server and forgets the call id', async () => {
    const { client } = connect();
    const cancelledBefore = kit.demo.stats.callsCancelled;
    const call = openCall(client, {
      callId: 'ticker-cancel',
      method: 'loupe.demo.v1.Demo/Ticker',
      messages: ['{"count":1000000,"intervalMs":2}'],
    });
    await until('some ticks', () => received(call.events).length >= 3);
    call.sub.cancel();
    await until('server-side cancellation', () => kit.demo.stats.callsCancelled === cancelledBefore + 1);
    await until('call gone from the engine', () => kit.engine.calls.openCalls === 0);
    const err = await failure(client.request('call.send', { callId: 'ticker-cancel', message: '{}' }));
    expect(err.code).toBe('NOT_FOUND');
  });

  it('closing the client port cancels every call it opened', async () => {
    const { client, port } = connect();
    const cancelledBefore = kit.demo.stats.callsCancelled;
    const ticker = openCall(client, {
      callId: 'a',
      method: 'loupe.demo.v1.Demo/Ticker',
      messages: ['{"count":1000000,"intervalMs":2}'],
    });
    const chat = openCall(client, { callId: 'b', method: 'loupe.demo.v1.Demo/Chat' });
    await until(
      'both calls running',
      () => received(ticker.events).length > 0 && chat.events.some((e) => e.type === 'headers'),
    );
    port.close();
    expect(await ticker.ended).toMatchObject({ code: 'UNAVAILABLE' });
    expect(await chat.ended).toMatchObject({ code: 'UNAVAILABLE' });
    await until('server saw both cancellations', () => kit.demo.stats.callsCancelled === cancelledBefore + 2);
    await until('engine holds no calls', () => kit.engine.calls.openCalls === 0);
  });

  it('cancelling a stream whose consumer is stuck (engine paused) still cancels it on the server', async () => {
    const { client } = connect();
    const cancelledBefore = kit.demo.stats.callsCancelled;
    const call = openCall(
      client,
      {
        callId: 'stuck-cancel',
        method: 'loupe.demo.v1.Demo/Ticker',
        messages: [JSON.stringify({ count: 1_000_000, payloadBytes: 256 })],
      },
      () => new Promise<void>(() => undefined),
    );
    await until(
      'server blocked on flow control',
      () => kit.demo.stats.ticksBlocked === 1 && call.batches === 1,
      20_000,
    );
    call.sub.cancel();
    await until('server-side cancellation', () => kit.demo.stats.callsCancelled === cancelledBefore + 1);
    await until('server no longer blocked', () => kit.demo.stats.ticksBlocked === 0);
    await until('call gone from the engine', () => kit.engine.calls.openCalls === 0);
  }, 30_000);

  it('a consumer that returns no credit pauses reading, so the server blocks; releasing it completes the stream', async () => {
    const { client } = connect();
    const count = 60_000;
    const sentBefore = kit.demo.stats.ticksSent;
    let release = (): void => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const call = openCall(
      client,
      {
        callId: 'stuck',
        method: 'loupe.demo.v1.Demo/Ticker',
        messages: [JSON.stringify({ count, payloadBytes: 256 })],
      },
      () => gate,
    );
    // The server may block briefly while the stream starts; what matters is that it ends up
    // blocked for good. Settling is polled (bounded) since 'nothing more happens' has no event.
    let sentWhenBlocked = -1;
    await until(
      'server blocked for good on flow control',
      () => {
        const sent = kit.demo.stats.ticksSent - sentBefore;
        const settled = kit.demo.stats.ticksBlocked === 1 && sent === sentWhenBlocked;
        sentWhenBlocked = sent;
        return settled;
      },
      20_000,
      250,
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(kit.demo.stats.ticksBlocked).toBe(1);
    expect(kit.demo.stats.ticksSent - sentBefore).toBe(sentWhenBlocked);
    expect(sentWhenBlocked).toBeLessThan(count / 2);
    // The stuck consumer got exactly one batch (it never returned from it).
    expect(call.batches).toBe(1);
    release();
    expect(await call.ended).toBeUndefined();
    expect(received(call.events).map((e) => e.index)).toEqual(Array.from({ length: count }, (_, i) => i));
    expect(lastStatus(call.events)?.code).toBe(0);
    expect(kit.demo.stats.ticksBlocked).toBe(0);
  }, 60_000);
});
