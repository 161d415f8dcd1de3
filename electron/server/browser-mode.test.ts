import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoupeContract } from '../../shared/contract';
import { RpcClient } from '../../shared/protocol/client';
import { DEFAULT_DEMO_PORT, DEFAULT_DEMO_WEB_PORT, DEFAULT_WEB_PORT } from '../core/preferred-port';
import { startBrowserMode, startTogether, type BrowserMode } from './browser-mode';
import { webSocketPort } from './websocket-port';

/* Browser mode end to end, minus the browser: demo server + engine + page server, one socket. */

let dir: string;
let mode: BrowserMode | undefined;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'loupe-bm-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html>');
});
afterAll(async () => {
  await mode?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('browser mode', () => {
  it("reflects the demo's schema at start, before any page asks for it", async () => {
    const dataDir = join(dir, 'warm-data');
    const cacheDir = join(dataDir, 'schema-cache');
    const reflected = () => (existsSync(cacheDir) ? readdirSync(cacheDir).filter((f) => f.endsWith('.json')) : []);
    const warm = await startBrowserMode({ rendererDir: dir, version: '1', dataDir, port: 0 });
    try {
      // No page connects: only the engine's own start can ask the demo. The bound only ends a hang.
      for (let i = 0; i < 600 && reflected().length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(reflected()).toHaveLength(1);
    } finally {
      await warm.close();
    }
  });

  it('gives its address before the engine starts, and a page that connects at once is answered by the engine', async () => {
    let early: Promise<unknown> | undefined;
    let heardAt: string | undefined;
    const starting = startBrowserMode({
      rendererDir: dir,
      version: '1.2.4',
      dataDir: join(dir, 'early-data'),
      port: 0,
      onListening: (url) => {
        heardAt = url;
        // The page asks the moment it can: before the engine exists.
        const { host, origin, hash } = new URL(url);
        const ws = new WebSocket(`ws://${host}/rpc?token=${hash.replace('#token=', '')}`, { origin });
        early = new Promise((resolve, reject) => {
          ws.once('error', reject);
          ws.once('open', () => {
            const client = new RpcClient<LoupeContract>(webSocketPort(ws));
            client
              .request('app.info', {})
              .then(resolve, reject)
              .finally(() => ws.close());
          });
        });
      },
    });
    const started = await starting;
    try {
      expect(heardAt).toBe(started.url);
      expect(await early).toMatchObject({ version: '1.2.4', demoAddress: started.demoAddress });
    } finally {
      await started.close();
    }
  });

  it("serves the real engine over the WebSocket; close() ends the page's calls without waiting on them", async () => {
    mode = await startBrowserMode({ rendererDir: dir, version: '1.2.3', dataDir: join(dir, 'data') });
    const url = new URL(mode.url);
    const token = url.hash.replace('#token=', '');
    const ws = new WebSocket(`ws://${url.host}/rpc?token=${token}`, { origin: url.origin });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const client = new RpcClient<LoupeContract>(webSocketPort(ws));
    const info = await client.request('app.info', {});
    expect(info).toMatchObject({ name: 'Loupe', version: '1.2.3', demoAddress: mode.demoAddress });

    const target = { address: mode.demoAddress! };
    let ticks = 0;
    let firstTick = (): void => undefined;
    const ticking = new Promise<void>((r) => (firstTick = r));
    const ended = new Promise<string | undefined>((resolve) => {
      client.subscribe(
        'call.open',
        {
          target,
          callId: 't',
          method: 'loupe.demo.v1.Demo/Ticker',
          messages: ['{"count":1000000,"intervalMs":5}'],
        },
        {
          onEvents: (events) => {
            ticks += events.filter((e) => e.type === 'received').length;
            if (ticks > 0) firstTick();
          },
          onEnd: (error) => resolve(error?.code),
        },
      );
    });
    await ticking;
    // The demo server stops gracefully only once no call is running, and otherwise is forced
    // after 1 s: a graceful stop means the engine cancelled the Ticker before the demo stopped.
    const closed = await mode.close();
    mode = undefined;
    expect(closed.demoServer).toBe('graceful');
    // The page learns the connection is gone; the demo server (and the call on it) stopped with it.
    expect(await ended).toBe('UNAVAILABLE');
  });
});

describe('browser mode on its usual ports', () => {
  it('falls back to free ports when the usual ones are taken, and says so', async () => {
    // Hold the three usual ports (or find them held by someone else already, such as another test
    // file's demo: the same for this test).
    const held: Server[] = [];
    for (const port of [DEFAULT_WEB_PORT, DEFAULT_DEMO_PORT, DEFAULT_DEMO_WEB_PORT]) {
      const server = createServer();
      await new Promise<void>((resolve) => {
        server.once('error', () => resolve());
        server.listen(port, '127.0.0.1', () => (held.push(server), resolve()));
      });
    }
    const started = await startBrowserMode({ rendererDir: dir, version: '1.2.3', dataDir: join(dir, 'data') });
    try {
      expect(new URL(started.url).port).not.toBe(String(DEFAULT_WEB_PORT));
      expect(started.demoAddress).not.toBe(`127.0.0.1:${DEFAULT_DEMO_PORT}`);
      // The page server starts first (the browser loads the page while the rest starts).
      expect(started.notes).toEqual([
        expect.stringContaining(`The page's port ${DEFAULT_WEB_PORT} could not be used`),
        expect.stringContaining(`The demo server's port ${DEFAULT_DEMO_PORT} could not be used`),
        expect.stringContaining(`The gRPC-Web/Connect demo's port ${DEFAULT_DEMO_WEB_PORT} could not be used`),
      ]);
    } finally {
      await started.close();
      await Promise.all(held.map((s) => new Promise((done) => s.close(done))));
    }
  });
});

describe('the demo servers started together', () => {
  it('stops the one that started when the other fails, and says why the other failed', async () => {
    let stopped = 0;
    const started = Promise.resolve({ started: { stop: () => Promise.resolve((stopped += 1)) } });
    const failed = Promise.reject(new Error('no port for the web demo'));
    await expect(startTogether(started, failed)).rejects.toThrow('no port for the web demo');
    expect(stopped).toBe(1);
  });

  it('gives both when both start', async () => {
    const server = { stop: () => Promise.resolve() };
    const [a, b] = await startTogether(Promise.resolve({ started: server }), undefined);
    expect(a?.started).toBe(server);
    expect(b).toBeUndefined();
  });
});
