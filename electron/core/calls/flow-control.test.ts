import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../demo';
import { CallRunner } from './call-runner';
import { ChannelPool } from './channel-pool';
import { demoMethod, demoRegistry, record, sleep, target, until } from '../test-support/call-helpers';

let server: DemoServer;
let pool: ChannelPool;
let engine: CallRunner;

beforeAll(async () => {
  server = await startDemoServer();
  pool = new ChannelPool();
  engine = new CallRunner(pool);
});
afterAll(async () => {
  engine.dispose();
  pool.dispose();
  await server.stop();
});

describe('flow control', () => {
  it('pause stops reading so the server blocks; resume delivers everything in order', async () => {
    const count = 20_000;
    let seen = 0;
    const r = record(
      engine,
      {
        target: target({ address: server.address }),
        method: 'Ticker',
        messages: [JSON.stringify({ count, payloadBytes: 1024 })],
      },
      (e) => {
        if (e.type === 'received') seen++;
      },
    );
    await until(() => seen > 0);
    r.handle.pause();
    // Let in-flight bytes settle (windows and buffers fill), then the server must stay stuck
    // waiting for 'drain'. Settling is polled rather than slept so a busy machine cannot flake it.
    let sentAtPause = -1;
    for (let i = 0; i < 40 && sentAtPause !== server.stats.ticksSent; i++) {
      sentAtPause = server.stats.ticksSent;
      await sleep(250);
    }
    await sleep(500);
    expect(server.stats.ticksSent).toBe(sentAtPause);
    expect(server.stats.ticksBlocked).toBe(1);
    // Far fewer than all: HTTP/2 windows plus a few buffers, not the whole 20 MB stream.
    expect(sentAtPause).toBeLessThan(count / 2);
    const seenWhilePaused = seen;
    await sleep(100);
    expect(seen).toBe(seenWhilePaused);
    r.handle.resume();
    const s = await r.done;
    expect(s.code).toBe(0);
    expect(seen).toBe(count);
    const seqs = r.ofType('received').map((e) => e.index);
    expect(seqs[count - 1]).toBe(count - 1);
    // The status comes after the last message even though it arrived while paused.
    expect(r.events.at(-1)?.type).toBe('status');
  });

  it('a paused stream whose server already finished still delivers every message, then the status', async () => {
    const r = record(engine, {
      target: target({ address: server.address }),
      method: 'Ticker',
      messages: ['{"count":5}'],
    });
    r.handle.pause();
    await sleep(200);
    r.handle.resume();
    expect((await r.done).code).toBe(0);
    expect(r.received()).toHaveLength(5);
  });

  it('cancelling a paused stream whose server already ended finishes at once', async () => {
    const r = record(engine, {
      target: target({ address: server.address }),
      method: 'Ticker',
      messages: ['{"count":5}'],
    });
    const sentBefore = server.stats.ticksSent;
    r.handle.pause();
    // The server finishes (it ends the call right after its fifth tick); its messages and status
    // then sit unread behind the pause once they have crossed loopback.
    await until(() => server.stats.ticksSent >= sentBefore + 5);
    await sleep(300);
    const unread = 5 - r.ofType('received').length;
    expect(unread).toBeGreaterThan(0);
    r.handle.cancel();
    // A cancel that waited on the paused reads would hang here (the test's timeout ends it).
    const s = await r.done;
    expect(s).toMatchObject({ code: 0 });
    expect(r.events.at(-1)?.type).toBe('status');
  });

  it('reads 100,000 messages of ~1 KiB without holding JSON (lazy)', async () => {
    let n = 0;
    let bytes = 0;
    const started = performance.now();
    const events: { type: string }[] = [];
    const pool2 = new ChannelPool();
    const engine2 = new CallRunner(pool2);
    const h = engine2.start(
      {
        target: target({ address: server.address }),
        method: demoMethod('Ticker'),
        registry: demoRegistry(),
        messages: ['{"count":100000,"payloadBytes":1000}'],
      },
      (e) => {
        if (e.type === 'received') {
          n++;
          bytes += e.size;
        } else events.push(e);
      },
    );
    const s = await h.done;
    const secs = (performance.now() - started) / 1000;
    expect(s.code).toBe(0);
    expect(n).toBe(100_000);
    expect(bytes).toBeGreaterThan(100_000_000);
    console.log(`100k x 1 KiB in ${secs.toFixed(2)} s (${Math.round(n / secs)} msg/s)`);
    engine2.dispose();
    pool2.dispose();
  }, 60_000);
});
