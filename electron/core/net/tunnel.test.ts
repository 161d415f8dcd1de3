import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePems, type Pems } from '../test-support/tls-fixtures';
import { proxiedRequest } from './proxied-agent';
import { ProxyError } from './proxy-error';
import { parseProxyUrl } from './proxy-url';
import { startConnectProxy, startSocks5Proxy, type TestProxy } from './test-support/proxies';
import { openTunnel } from './tunnel';

/* Tunnels through real proxies on loopback, and each way they fail. */

const auth = { username: 'ada', password: 'pr0xy-s3cret' };
let pems: Pems;
let echo: net.Server;
let echoPort: number;
let web: http.Server;
let webPort: number;
let httpProxy: TestProxy;
let httpsProxy: TestProxy;
let socksProxy: TestProxy;
let closedPort: number;

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)),
  );
}

beforeAll(async () => {
  pems = await makePems();
  echo = net.createServer((s) => s.pipe(s));
  echoPort = await listen(echo);
  web = http.createServer((req, res) => res.end(`hello ${req.method} ${req.url}`));
  webPort = await listen(web);
  httpProxy = await startConnectProxy({ auth });
  httpsProxy = await startConnectProxy({ auth, tls: pems.server });
  socksProxy = await startSocks5Proxy({ auth });
  const closed = net.createServer();
  closedPort = await listen(closed);
  await new Promise((r) => closed.close(r));
});
afterAll(async () => {
  echo.close();
  web.close();
  await Promise.all([httpProxy.close(), httpsProxy.close(), socksProxy.close()]);
});

async function roundTrip(proxyUrl: string, proxyCa?: string): Promise<string> {
  const socket = await openTunnel(
    parseProxyUrl(proxyUrl, 'test'),
    { host: '127.0.0.1', port: echoPort },
    { timeoutMs: 30_000, proxyCa },
  );
  const replied = new Promise<string>((resolve) => socket.once('data', (b: Buffer) => resolve(b.toString())));
  socket.resume();
  socket.write('ping through the tunnel');
  const reply = await replied;
  socket.destroy();
  return reply;
}

async function failure(proxyUrl: string, port = echoPort, proxyCa?: string): Promise<ProxyError> {
  const err = await openTunnel(
    parseProxyUrl(proxyUrl, 'test'),
    { host: '127.0.0.1', port },
    { timeoutMs: 30_000, proxyCa },
  ).then(
    (s) => {
      s.destroy();
      throw new Error('the tunnel opened');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ProxyError);
  return err as ProxyError;
}

describe.each([
  ['HTTP CONNECT', () => httpProxy],
  ['HTTPS (TLS to the proxy, then CONNECT)', () => httpsProxy],
  ['SOCKS5', () => socksProxy],
])('through an %s proxy with credentials', (_name, proxy) => {
  it('carries bytes both ways, and the proxy counts them', async () => {
    const before = { tunnels: proxy().tunnels, bytes: proxy().bytesUp };
    expect(await roundTrip(proxy().url, pems.caCert)).toBe('ping through the tunnel');
    expect(proxy().tunnels).toBe(before.tunnels + 1);
    expect(proxy().bytesUp - before.bytes).toBe('ping through the tunnel'.length);
    expect(proxy().targets.at(-1)).toBe(`127.0.0.1:${echoPort}`);
  });

  it('says the proxy refused wrong credentials (407 / SOCKS auth)', async () => {
    const wrong = proxy().url.replace(auth.password, 'nope');
    const err = await failure(wrong, echoPort, pems.caCert);
    expect(err.kind).toBe('auth');
    expect(err.message).toMatch(/refused the connection .*wrong credentials/);
    expect(err.message).not.toContain('nope');
  });
});

describe('failures, each in its own words', () => {
  it('a proxy that is down is "unreachable"', async () => {
    const err = await failure(`http://127.0.0.1:${closedPort}`);
    expect(err.kind).toBe('unreachable');
    expect(err.message).toBe(
      `The proxy http://127.0.0.1:${closedPort} is unreachable: nothing is listening there (connection refused).`,
    );
  });

  it('no credentials to a proxy that wants them is a 407 with "missing credentials"', async () => {
    const err = await failure(`http://127.0.0.1:${httpProxy.port}`);
    expect(err.kind).toBe('auth');
    expect(err.message).toContain('CONNECT answered 407 Proxy Authentication Required');
    expect(err.message).toContain('missing credentials');
  });

  it('SOCKS5 with a wrong password is refused credentials, and the password is not in the message', async () => {
    const err = await failure(`socks5://ada:wrong-one@127.0.0.1:${socksProxy.port}`);
    expect(err.kind).toBe('auth');
    expect(`${err.message} ${err.hint}`).not.toContain('wrong-one');
  });

  it('an HTTP proxy that cannot reach the target answers 502: "could not reach"', async () => {
    const err = await failure(httpProxy.url, closedPort);
    expect(err.kind).toBe('target');
    expect(err.message).toBe(
      `The proxy http://127.0.0.1:${httpProxy.port} could not reach 127.0.0.1:${closedPort} (CONNECT answered 502 Bad Gateway).`,
    );
  });

  it('a SOCKS5 proxy that cannot reach the target: "could not reach"', async () => {
    const err = await failure(socksProxy.url, closedPort);
    expect(err.kind).toBe('target');
    expect(err.message).toContain(`could not reach 127.0.0.1:${closedPort}`);
  });

  it('an https:// proxy whose certificate is not trusted is unreachable, saying why', async () => {
    const err = await failure(httpsProxy.url);
    expect(err.kind).toBe('unreachable');
    expect(err.message).toMatch(/certificate/i);
  });

  it('a server that is not a proxy is told apart', async () => {
    const err = await failure(`socks5://127.0.0.1:${webPort}`);
    expect(err.kind).toBe('protocol');
  });
});

describe('proxiedRequest, for plain HTTP(S) requests', () => {
  it('goes through the proxy the settings name, and the proxy sees the credentials', async () => {
    const before = httpProxy.tunnels;
    const res = await proxiedRequest(
      `http://127.0.0.1:${webPort}/token`,
      { method: 'POST', body: 'x' },
      { target: httpProxy.url },
    );
    expect(res).toMatchObject({ status: 200, body: 'hello POST /token' });
    expect(httpProxy.tunnels).toBe(before + 1);
  });

  it('speaks TLS to an https:// server through a SOCKS5 proxy, checking its certificate', async () => {
    const secure = https.createServer(pems.server, (_req, res) => res.end('secret-free token'));
    const port = await listen(secure);
    try {
      const before = socksProxy.tunnels;
      const url = `https://localhost:${port}/token`;
      const res = await proxiedRequest(url, { ca: pems.caCert }, { target: socksProxy.url });
      expect(res.body).toBe('secret-free token');
      expect(socksProxy.tunnels).toBe(before + 1);
      await expect(proxiedRequest(url, {}, { target: socksProxy.url })).rejects.toThrow(/certificate/);
    } finally {
      secure.close();
    }
  });

  it('goes direct with "none", whatever the environment says', async () => {
    const before = socksProxy.tunnels;
    const res = await proxiedRequest(
      `http://127.0.0.1:${webPort}/`,
      {},
      { target: 'none', env: { HTTP_PROXY: socksProxy.url } },
    );
    expect(res.body).toBe('hello GET /');
    expect(socksProxy.tunnels).toBe(before);
  });

  it('fails with the proxy error when the proxy refuses', async () => {
    await expect(
      proxiedRequest(`http://127.0.0.1:${webPort}/`, {}, { target: `http://127.0.0.1:${httpProxy.port}` }),
    ).rejects.toThrow(/missing credentials/);
  });
});
