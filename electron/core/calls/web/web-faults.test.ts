import * as http from 'node:http';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../../demo';
import { startDemoWebServer, type DemoWebServer } from '../../demo/web-server';
import { CallRunner } from '../call-runner';
import { ChannelPool } from '../channel-pool';
import { demoMethod, record, sleep, target, until } from '../../test-support/call-helpers';
import type { TargetSettingsInput } from '../../../../shared/model/target';

/* Flow control, cancel, deadlines, gzip, limits and the failures a web protocol meets: servers
 * that answer HTML, another content type, or gRPC only, and nothing listening. */

let web: DemoWebServer;
let grpcDemo: DemoServer;
let pool: ChannelPool;
let engine: CallRunner;

beforeAll(async () => {
  web = await startDemoWebServer();
  grpcDemo = await startDemoServer();
  pool = new ChannelPool();
  engine = new CallRunner(pool);
});
afterAll(async () => {
  engine.dispose();
  pool.dispose();
  await web.stop();
  await grpcDemo.stop();
});

/** Starts a call as the engine does: its connection prepared first. */
async function call(
  ...args: Parameters<typeof record> extends [unknown, ...infer R] ? R : never
): Promise<ReturnType<typeof record>> {
  await pool.prepare(args[0].target);
  return record(engine, ...args);
}

const on = (extra: Partial<TargetSettingsInput> = {}) =>
  target({ address: web.address, protocol: 'connect', ...extra });

/** A plain HTTP/1.1 server answering every request the same way. */
async function httpServer(
  status: number,
  contentType: string,
  body: string,
): Promise<{ address: string; close(): void }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(status, { 'content-type': contentType });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => server.close(),
  };
}

describe('pull-based reading', () => {
  it.each(['connect', 'grpc-web-text'] as const)(
    '%s over HTTP/2: pause stops the server, resume delivers everything in order',
    async (protocol) => {
      const count = 20_000;
      let seen = 0;
      const before = web.stats.ticksSent;
      const r = await call(
        {
          target: on({ protocol }),
          method: 'Ticker',
          messages: [JSON.stringify({ count, payloadBytes: 1024 })],
        },
        (e) => {
          if (e.type === 'received') seen++;
        },
      );
      await until(() => seen > 0);
      r.handle.pause();
      let sentAtPause = -1;
      for (let i = 0; i < 40 && sentAtPause !== web.stats.ticksSent; i++) {
        sentAtPause = web.stats.ticksSent;
        await sleep(250);
      }
      await sleep(500);
      expect(web.stats.ticksSent).toBe(sentAtPause);
      // Flow-control windows and socket buffers, not the whole 20 MB stream.
      expect(sentAtPause - before).toBeLessThan(count / 2);
      const seenWhilePaused = seen;
      await sleep(100);
      expect(seen).toBe(seenWhilePaused);
      r.handle.resume();
      expect((await r.done).code).toBe(0);
      expect(seen).toBe(count);
      expect(r.events.at(-1)?.type).toBe('status');
    },
  );

  it('over HTTP/1.1 the engine reads nothing while paused (TCP and the socket buffers push back)', async () => {
    let seen = 0;
    const r = await call(
      {
        target: on({ protocol: 'grpc-web', httpVersion: '1.1' }),
        method: 'Ticker',
        messages: [JSON.stringify({ count: 5000, payloadBytes: 1024 })],
      },
      (e) => {
        if (e.type === 'received') seen++;
      },
    );
    await until(() => seen > 0);
    r.handle.pause();
    await sleep(100);
    const seenWhilePaused = seen;
    await sleep(300);
    expect(seen).toBe(seenWhilePaused);
    r.handle.resume();
    expect((await r.done).code).toBe(0);
    expect(seen).toBe(5000);
  });
});

describe('the call ends as asked', () => {
  it('cancel mid-stream: CANCELLED at once, and the server sees it', async () => {
    const before = web.stats.callsCancelled;
    const r = await call({ target: on(), method: 'Ticker', messages: ['{"count":1000,"intervalMs":20}'] });
    await until(() => r.ofType('received').length >= 2);
    r.handle.cancel();
    const status = await r.done;
    expect(status).toMatchObject({ code: 1, name: 'CANCELLED' });
    expect(r.ofType('error')).toEqual([]);
    await until(() => web.stats.callsCancelled > before);
  });

  it('a deadline: DEADLINE_EXCEEDED, explained', async () => {
    const r = await call({
      target: on({ protocol: 'grpc-web' }),
      method: 'Echo',
      messages: ['{"message":"slow","delayMs":10000}'],
      deadlineMs: 200,
    });
    const status = await r.done;
    expect(status.name).toBe('DEADLINE_EXCEEDED');
    expect(r.ofType('error')[0]?.message).toContain('The deadline of 200 ms was exceeded');
  });

  it('a Connect stream that fails after two messages: the end-stream error, its trailers and details', async () => {
    const r = await call({
      target: on(),
      method: 'Ticker',
      metadata: [{ name: 'x-run', value: '7' }],
      messages: ['{"count":5,"failAfter":2,"fail":{"code":9,"message":"stop here","withDetails":true}}'],
    });
    const status = await r.done;
    expect(r.received()).toHaveLength(2);
    expect(status).toMatchObject({ code: 9, name: 'FAILED_PRECONDITION', message: 'stop here' });
    expect(status.details.map((d) => d.type)).toContain('google.rpc.BadRequest');
    expect(r.ofType('trailers')[0]?.metadata).toContainEqual({ name: 'trailer-x-run', value: '7' });
    expect(r.events.map((e) => e.type).slice(-2)).toEqual(['trailers', 'status']);
  });

  it('gzip: requests go compressed', async () => {
    for (const protocol of ['connect', 'grpc-web'] as const) {
      const big = 'x'.repeat(4096);
      const r = await call({
        target: on({ protocol, compression: 'gzip' }),
        method: 'Echo',
        messages: [JSON.stringify({ message: big })],
      });
      expect((await r.done).code).toBe(0);
      expect(r.received()[0]).toMatchObject({ message: big });
      const sent = web.lastRequestHeaders ?? {};
      expect(sent[protocol === 'connect' ? 'content-encoding' : 'grpc-encoding']).toBe('gzip');
    }
  });

  it('compressed stream messages (the server gzips those over 1 KiB) arrive whole', async () => {
    for (const protocol of ['connect', 'grpc-web', 'grpc-web-text'] as const) {
      const r = await call({
        target: on({ protocol }),
        method: 'Ticker',
        messages: ['{"count":3,"payloadBytes":5000}'],
      });
      expect((await r.done).code).toBe(0);
      const ticks = r.received() as { payload: string }[];
      expect(ticks.map((t) => Buffer.from(t.payload, 'base64').length)).toEqual([5000, 5000, 5000]);
      if (protocol !== 'grpc-web-text') expect(r.ofType('headers')[0]?.metadata.map((m) => m.value)).toContain('gzip');
    }
  });

  it('a stream message the schema cannot decode ends the call, explained', async () => {
    const ticker = demoMethod('Ticker');
    // The schema says Ticker answers EchoResponse: a Tick's varint field 1 is not its string.
    const wrong = { ...ticker, output: demoMethod('Echo').output } as typeof ticker;
    const r = await call({ target: on(), method: wrong, messages: ['{"count":3}'] });
    expect((await r.done).name).toBe('INTERNAL');
    expect(r.ofType('error')[0]?.message).toContain('Response message #1 is not a valid loupe.demo.v1.EchoResponse');
  });

  it('a response over the receive limit is refused, and said so', async () => {
    const r = await call({
      target: on({ maxReceiveMessageBytes: 1000 }),
      method: 'Ticker',
      messages: ['{"count":1,"payloadBytes":5000}'],
    });
    expect((await r.done).name).toBe('RESOURCE_EXHAUSTED');
    expect(r.ofType('error')[0]?.message).toMatch(/larger than the receive limit of 1000 bytes/);
  });
});

describe('servers that do not speak the protocol', () => {
  it('a proxy answering 502 with an HTML page: says it was HTML, and the status', async () => {
    const proxy = await httpServer(
      502,
      'text/html',
      '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>',
    );
    for (const protocol of ['grpc-web', 'grpc-web-text', 'connect'] as const) {
      const r = await call({
        target: target({ address: proxy.address, protocol, httpVersion: '1.1' }),
        method: 'Echo',
        messages: ['{}'],
      });
      expect((await r.done).code).not.toBe(0);
      const error = r.ofType('error')[0];
      expect(error?.message).toContain('HTTP 502 with an HTML page ("502 Bad Gateway")');
      expect(error?.hint).toContain('proxy');
    }
    proxy.close();
  });

  it('an HTTP/1.1 server that is not gRPC-Web: its status and content type', async () => {
    const server = await httpServer(404, 'text/plain', 'Not Found');
    const r = await call({
      target: target({ address: server.address, protocol: 'grpc-web', httpVersion: '1.1' }),
      method: 'Echo',
      messages: ['{}'],
    });
    await r.done;
    expect(r.ofType('error')[0]?.message).toBe(
      'The server answered HTTP 404 with content type text/plain, not gRPC-Web: "Not Found".',
    );
    server.close();
  });

  it('a wrong content type on a 200 answer', async () => {
    const server = await httpServer(200, 'application/json', '{"ok":true}');
    const r = await call({
      target: target({ address: server.address, protocol: 'grpc-web', httpVersion: '1.1' }),
      method: 'Ticker',
      messages: ['{}'],
    });
    await r.done;
    expect(r.ofType('error')[0]?.message).toContain('HTTP 200 with content type application/json, not gRPC-Web');
    server.close();
  });

  it('an HTTP/1.1 server called over HTTP/2: use HTTP/1.1', async () => {
    const server = await httpServer(404, 'text/plain', 'Not Found');
    const r = await call({
      target: target({ address: server.address, protocol: 'connect' }),
      method: 'Echo',
      messages: ['{}'],
    });
    await r.done;
    expect(r.ofType('error')[0]).toMatchObject({
      message: expect.stringContaining('speaks HTTP/1.1 only'),
      hint: expect.stringContaining('--http1'),
    });
    server.close();
  });

  it('a gRPC-only server: over HTTP/2 it says gRPC, over HTTP/1.1 it says HTTP/2-only', async () => {
    const h2 = await call({
      target: target({ address: grpcDemo.address, protocol: 'grpc-web' }),
      method: 'Echo',
      messages: ['{}'],
    });
    await h2.done;
    expect(h2.ofType('error')[0]?.message).toContain('speaks gRPC, not gRPC-Web');
    const h1 = await call({
      target: target({ address: grpcDemo.address, protocol: 'grpc-web', httpVersion: '1.1' }),
      method: 'Echo',
      messages: ['{}'],
    });
    await h1.done;
    expect(h1.ofType('error')[0]?.message).toContain('HTTP/2-only server');
  });

  it('a server that never finishes the TLS handshake: the connect timeout, UNAVAILABLE', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((s) => sockets.push(s));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = `127.0.0.1:${(silent.address() as AddressInfo).port}`;
    for (const httpVersion of ['2', '1.1'] as const) {
      const r = await call({
        target: target({ address, protocol: 'grpc-web', httpVersion, tls: { enabled: true }, connectTimeoutMs: 300 }),
        method: 'Echo',
        messages: ['{}'],
      });
      expect((await r.done).name).toBe('UNAVAILABLE');
      expect(r.ofType('error')[0]?.message).toBe(`Could not connect to ${address} within 300 ms (connect timeout).`);
    }
    for (const s of sockets) s.destroy();
    silent.close();
  });

  it('nothing listening: connection refused', async () => {
    const server = await httpServer(200, 'text/plain', '');
    const address = server.address;
    server.close();
    await sleep(50);
    for (const httpVersion of ['2', '1.1'] as const) {
      const r = await call({
        target: target({ address, protocol: 'connect', httpVersion }),
        method: 'Echo',
        messages: ['{}'],
      });
      expect((await r.done).name).toBe('UNAVAILABLE');
      expect(r.ofType('error')[0]?.message).toContain('Connection refused');
    }
  });
});
