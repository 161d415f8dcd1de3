import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { type WebSocket } from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CONTENT_SECURITY_POLICY } from '../core/security/csp';
import { RpcClient } from '../../shared/protocol/client';
import { request, stream } from '../../shared/protocol/define';
import { answerTo, envelopeFaults } from '../../shared/protocol/test-support/envelope-faults';
import type { Port } from '../../shared/protocol/port';
import { serve } from '../../shared/protocol/server';
import { startWebServer, type WebServer } from './index';
import { webSocketPort } from './websocket-port';
import { get, openSocket, ourOrigin, within } from './test-support/page-client';

/* A real page server on a temp renderer folder, with a tiny contract behind its WebSocket. */

const testContract = {
  shout: request<string>()(z.object({ text: z.string() })),
  forever: stream<number>()(z.object({})),
};

const INDEX = '<!doctype html><title>Loupe test page</title>';
const SECRET = 'secret-outside-the-renderer-dir';

let root: string;
let rendererDir: string;
let server: WebServer | undefined;
/** What the server side of each connection saw. */
let connections: { disposed: Promise<void>; streamsCancelled: string[] }[] = [];

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'loupe-web-'));
  rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), INDEX);
  writeFileSync(join(rendererDir, 'assets', 'app-1234.js'), 'console.log("hi");');
  // Files next to the renderer folder that traversal must never reach.
  writeFileSync(join(root, 'package.json'), JSON.stringify({ secret: SECRET }));
  writeFileSync(join(root, 'renderer-secret.txt'), SECRET);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(async () => {
  await server?.close();
  server = undefined;
  connections = [];
});

async function start(accepting?: Promise<unknown>): Promise<WebServer> {
  server = await startWebServer({
    rendererDir,
    accepting,
    onConnection: (port: Port) => {
      const seen = { streamsCancelled: [] as string[], disposed: undefined as unknown as Promise<void> };
      seen.disposed = new Promise<void>((resolve) => {
        serve(
          port,
          testContract,
          {
            shout: ({ text }) => text.toUpperCase(),
            forever: (_input, sink) => {
              sink.push(1);
              sink.signal.onCancel((reason) => seen.streamsCancelled.push(reason));
            },
          },
          { onDispose: resolve },
        );
      });
      connections.push(seen);
    },
  });
  return server;
}

async function openClient(s: WebServer): Promise<{ ws: WebSocket; client: RpcClient<typeof testContract> }> {
  const opened = await openSocket(s);
  if (!('ws' in opened)) throw new Error(`refused with ${opened.refused}`);
  return { ws: opened.ws, client: new RpcClient<typeof testContract>(webSocketPort(opened.ws)) };
}

describe('web server: static files', () => {
  it('serves index.html at / with the Content-Security-Policy and no caching', async () => {
    const s = await start();
    const res = await get(s, '/');
    expect(res.status).toBe(200);
    expect(res.body).toBe(INDEX);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('serves an asset with its type, no CSP, and long caching', async () => {
    const s = await start();
    const res = await get(s, '/assets/app-1234.js');
    expect(res.status).toBe(200);
    expect(res.body).toBe('console.log("hi");');
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['content-security-policy']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it.each([
    ['/../package.json', 404], // the URL parser resolves '..' to '/package.json' inside the folder: absent
    ['/%2e%2e/package.json', 404], // same: %2e%2e is a '..' segment to the URL parser
    ['/assets/../../package.json', 404],
    ['/..%2fpackage.json', 403], // decoded after parsing: caught by the folder check
    ['/%2e%2e%2fpackage.json', 403],
    ['/assets/..%2f..%2frenderer-secret.txt', 403],
    ['/..%5cpackage.json', 404], // a backslash is just a file name character on POSIX
    ['/%2e%2e%2f%2e%2e%2fetc%2fpasswd', 403],
  ])('refuses the traversal %s (%i) and never leaks what is outside', async (path, status) => {
    const s = await start();
    const res = await get(s, path);
    expect(res.status).toBe(status);
    expect(res.body).not.toContain(SECRET);
  });

  it('serves a file as it is now once it changed (a rebuilt renderer), though it keeps what it read in memory', async () => {
    const s = await start();
    const file = join(rendererDir, 'assets', 'rebuilt.js');
    writeFileSync(file, 'first();');
    expect((await get(s, '/assets/rebuilt.js')).body).toBe('first();');
    expect((await get(s, '/assets/rebuilt.js')).body).toBe('first();');
    writeFileSync(file, 'second(); third();');
    const res = await get(s, '/assets/rebuilt.js');
    expect(res.body).toBe('second(); third();');
    expect(res.headers['content-length']).toBe(String('second(); third();'.length));
    rmSync(file);
    expect((await get(s, '/assets/rebuilt.js')).status).toBe(404);
  });

  it('answers 404 for an unknown file and for a folder', async () => {
    const s = await start();
    expect((await get(s, '/nope.js')).status).toBe(404);
    expect((await get(s, '/assets')).status).toBe(404);
    expect((await get(s, '/index.html%00.js')).status).toBe(404);
  });

  it('answers 400 (not 500) for a malformed percent-encoding', async () => {
    const s = await start();
    expect((await get(s, '/%E0%A4%A')).status).toBe(400);
  });

  it('refuses methods other than GET and HEAD', async () => {
    const s = await start();
    const res = await get(s, '/', 'POST');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
    const head = await get(s, '/', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });
});

describe('web server: WebSocket access', () => {
  it('accepts our page with the token and carries an RPC round trip', async () => {
    const s = await start();
    expect(s.url).toBe(`http://127.0.0.1:${s.port}/#token=${s.token}`);
    const { client } = await openClient(s);
    expect(await client.request('shout', { text: 'hello' })).toBe('HELLO');
    await expect(client.request('shout', { text: 3 } as never)).rejects.toMatchObject({ code: 'VALIDATION' });
    client.close();
  });

  it('holds a connection until `accepting` settles (the engine may start after the page server), losing nothing', async () => {
    let ready = (): void => undefined;
    const s = await start(new Promise<void>((resolve) => (ready = resolve)));
    const opening = openClient(s);
    // Long enough for an upgrade on loopback to complete if nothing held it.
    await new Promise((r) => setTimeout(r, 200));
    expect(connections).toHaveLength(0);
    ready();
    const { ws, client } = await within(opening, 5_000, 'the held connection');
    // Asked the moment the socket opens: the engine's side is listening by then.
    expect(await within(client.request('shout', { text: 'first' }), 5_000, 'first answer')).toBe('FIRST');
    expect(connections).toHaveLength(1);
    ws.close();
  });

  it('refuses connections with 503 when what it waits for fails', async () => {
    const failed = Promise.reject(new Error('the engine did not start'));
    failed.catch(() => undefined);
    const s = await start(failed);
    expect(await openSocket(s)).toEqual({ refused: 503 });
    expect(connections).toHaveLength(0);
  });

  it('also accepts the localhost spelling of our origin', async () => {
    const s = await start();
    const opened = await openSocket(s, { origin: `http://localhost:${s.port}`, host: `localhost:${s.port}` });
    expect('ws' in opened).toBe(true);
    if ('ws' in opened) opened.ws.terminate();
  });

  it.each([
    ['no token', { token: null }, 401],
    ['an empty token', { token: '' }, 401],
    ['a wrong token', { token: 'wrong' }, 401],
    ['no Origin', { origin: '' }, 403],
    ['a foreign Origin', { origin: 'http://evil.example' }, 403],
    ['our Origin on another port', { origin: 'http://127.0.0.1:1' }, 403],
    ['a DNS-rebinding Host', { host: 'evil.example:PORT' }, 403],
    ['another path', { path: '/ws' }, 404],
  ] as const)('refuses %s', async (_what, opts, status) => {
    const s = await start();
    const resolved = 'host' in opts ? { ...opts, host: opts.host.replace('PORT', String(s.port)) } : opts;
    expect(await openSocket(s, resolved)).toEqual({ refused: status });
    expect(connections).toHaveLength(0);
  });

  it('a DNS-rebinding page cannot get in even with the token and a matching Origin', async () => {
    const s = await start();
    const host = `evil.example:${s.port}`;
    expect(await openSocket(s, { host, origin: `http://${host}` })).toEqual({ refused: 403 });
  });

  it('survives clients that reset the connection while being refused', async () => {
    // Without an error listener on the upgraded socket, each reset was an uncaught 'error' event:
    // a crash of the whole process (Vitest reports them as unhandled errors and fails the run).
    const s = await start();
    const upgradeRequest = [
      'GET /rpc?token=wrong HTTP/1.1',
      `Host: 127.0.0.1:${s.port}`,
      `Origin: ${ourOrigin(s)}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
      'Sec-WebSocket-Version: 13',
      '',
      '',
    ].join('\r\n');
    for (let i = 0; i < 20; i++) {
      await new Promise<void>((resolve) => {
        const socket = netConnect({ host: '127.0.0.1', port: s.port }, () => {
          socket.write(upgradeRequest);
          socket.resetAndDestroy();
        });
        socket.once('close', () => resolve());
      });
    }
    expect((await get(s, '/')).status).toBe(200);
    const { client } = await openClient(s);
    expect(await client.request('shout', { text: 'still here' })).toBe('STILL HERE');
    client.close();
  });

  it('answers every addressed envelope, even malformed ones, and keeps serving this and other sockets', async () => {
    const s = await start();
    const hostile = await openSocket(s);
    if (!('ws' in hostile)) throw new Error('refused');
    const port = webSocketPort(hostile.ws);
    const other = await openClient(s);
    // Frames with no id to answer: they must neither break the socket nor get an answer.
    hostile.ws.send('not json {');
    hostile.ws.send(Buffer.from([1, 2, 3]));
    hostile.ws.send('"a bare string"');
    let id = 1;
    for (const fault of envelopeFaults({ request: 'shout', stream: 'forever' })) {
      const answer = await answerTo(port, fault.envelope, id++);
      expect(answer, fault.name).toMatchObject({ t: fault.answer, error: { code: fault.code } });
      expect(await other.client.request('shout', { text: 'ok' })).toBe('OK');
    }
    expect(await answerTo(port, { t: 'req', method: 'shout', input: { text: 'still' } }, id++)).toEqual({
      t: 'ok',
      id: id - 1,
      output: 'STILL',
    });
    other.client.close();
    port.close();
  });

  it('close() terminates open sockets; each connection is disposed and its streams cancelled', async () => {
    const s = await start();
    const a = await openClient(s);
    const b = await openClient(s);
    const firstEvent = new Promise<void>((resolve) => {
      a.client.subscribe('forever', {}, { onEvents: () => resolve(), onEnd: () => undefined });
    });
    await firstEvent;
    expect(connections).toHaveLength(2);
    const clientClosed = [a, b].map(({ ws }) => new Promise<void>((resolve) => ws.once('close', () => resolve())));
    await within(s.close(), 5000, 'server.close()');
    server = undefined;
    await within(Promise.all(connections.map((c) => c.disposed)), 2000, 'server-side ports closed');
    await within(Promise.all(clientClosed), 2000, 'client sockets closed');
    expect(connections[0]!.streamsCancelled).toEqual(['connection closed']);
    await expect(a.client.request('shout', { text: 'x' })).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('a client going away disposes its connection on the server', async () => {
    const s = await start();
    const { ws, client } = await openClient(s);
    await new Promise<void>((resolve) =>
      client.subscribe('forever', {}, { onEvents: () => resolve(), onEnd: () => undefined }),
    );
    ws.terminate();
    await within(connections[0]!.disposed, 2000, 'server-side dispose');
    expect(connections[0]!.streamsCancelled).toEqual(['connection closed']);
  });

  it('listens on 127.0.0.1 only by default', async () => {
    const s = await start();
    // Every other IPv4 address of this machine must refuse (none on a loopback-only box).
    const others = Object.values(networkInterfaces())
      .flat()
      .filter((i) => i && i.family === 'IPv4' && !i.internal)
      .map((i) => i!.address);
    for (const address of others) {
      const outcome = await new Promise<string>((resolve) => {
        const socket = netConnect({ host: address, port: s.port });
        socket.once('connect', () => {
          socket.destroy();
          resolve('connected');
        });
        socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
      });
      expect(outcome, `reachable on ${address}`).toBe('ECONNREFUSED');
    }
    const ipv6 = await new Promise<string>((resolve) => {
      const socket = netConnect({ host: '::1', port: s.port });
      socket.once('connect', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    });
    expect(ipv6).not.toBe('connected');
  });
});
