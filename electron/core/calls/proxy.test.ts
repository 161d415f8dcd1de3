import * as grpc from '@grpc/grpc-js';
import * as net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TargetSettingsInput } from '../../../shared/model/target';
import { startDemoServer, type DemoServer } from '../demo';
import { startDemoWebServer, type DemoWebServer } from '../demo/web-server';
import { loadTargetSchema } from '../handlers/load-target-schema';
import { startConnectProxy, startSocks5Proxy, type TestProxy } from '../net/test-support/proxies';
import { record, target, until } from '../test-support/call-helpers';
import { makePems, type Pems } from '../test-support/tls-fixtures';
import { CallRunner } from './call-runner';
import { ChannelPool } from './channel-pool';

/* Calls of every kind, over gRPC and Connect, plaintext and TLS, through real HTTP CONNECT, HTTPS
 * and SOCKS5 proxies on loopback that count what they carried; reflection through a proxy; and
 * each way a proxy fails, in its own words. */

const auth = { username: 'ada', password: 'Pr0xy-pa55word' };
let pems: Pems;
let grpcPlain: DemoServer;
let grpcTls: DemoServer;
let webPlain: DemoWebServer;
let webTls: DemoWebServer;
let httpProxy: TestProxy;
let httpsProxy: TestProxy;
let socksProxy: TestProxy;
let closedPort: number;
/** The pool of the test that made it, disposed with the runner after each file. */
const pools: ChannelPool[] = [];

/** A call runner over a pool of its own, whose process environment is `env` (nothing by default). */
function runner(env: NodeJS.ProcessEnv = {}): { engine: CallRunner; pool: ChannelPool } {
  const pool = new ChannelPool({ env });
  pools.push(pool);
  return { engine: new CallRunner(pool), pool };
}

beforeAll(async () => {
  pems = await makePems();
  const tlsCreds = grpc.ServerCredentials.createSsl(null, [
    { private_key: Buffer.from(pems.server.key), cert_chain: Buffer.from(pems.server.cert) },
  ]);
  [grpcPlain, grpcTls, webPlain, webTls] = await Promise.all([
    startDemoServer(),
    startDemoServer({ credentials: tlsCreds }),
    startDemoWebServer(),
    startDemoWebServer({ tls: pems.server }),
  ]);
  [httpProxy, httpsProxy, socksProxy] = await Promise.all([
    startConnectProxy({ auth }),
    startConnectProxy({ auth, tls: pems.server }),
    startSocks5Proxy({ auth }),
  ]);
  const closed = net.createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  closedPort = (closed.address() as net.AddressInfo).port;
  await new Promise((r) => closed.close(r));
});
afterAll(async () => {
  for (const p of pools) p.dispose();
  await Promise.all([grpcPlain.stop(), grpcTls.stop(), webPlain.stop(), webTls.stop()]);
  await Promise.all([httpProxy.close(), httpsProxy.close(), socksProxy.close()]);
});

type Combo = { proxy: () => TestProxy; name: string; protocol: 'grpc' | 'connect'; tls: boolean };
const combos: Combo[] = [];
for (const [name, proxy] of [
  ['HTTP CONNECT', () => httpProxy],
  ['HTTPS', () => httpsProxy],
  ['SOCKS5', () => socksProxy],
] as const)
  for (const protocol of ['grpc', 'connect'] as const)
    for (const tls of [false, true])
      // The HTTPS proxy's certificate is trusted through the target's CA bundle: TLS targets only.
      if (tls || name !== 'HTTPS') combos.push({ name, proxy, protocol, tls });

function settings(c: Pick<Combo, 'protocol' | 'tls'>, proxy: string | undefined): TargetSettingsInput {
  const server = c.protocol === 'grpc' ? (c.tls ? grpcTls : grpcPlain) : c.tls ? webTls : webPlain;
  return {
    // localhost, not 127.0.0.1: the name goes to the proxy, and the certificate is checked against it.
    address: `localhost:${server.port}`,
    protocol: c.protocol,
    // The CA also signs the HTTPS proxy's certificate: the target's CA bundle is trusted for it.
    tls: c.tls ? { enabled: true, caPath: pems.caPath } : { enabled: false },
    ...(proxy ? { proxy } : {}),
  };
}

describe.each(combos)('through the $name proxy', (c) => {
  const label = `${c.protocol === 'grpc' ? 'gRPC' : 'Connect'} ${c.tls ? 'with TLS' : 'in plaintext'}`;

  it(`${label}: unary, server stream and bidi all go through it, and the timeline names it`, async () => {
    const { engine, pool } = runner();
    const t = target(settings(c, c.proxy().url));
    await pool.prepare(t);
    const before = { tunnels: c.proxy().tunnels, bytes: c.proxy().bytesUp };

    const echo = record(engine, { target: t, method: 'Echo', messages: ['{"message":"via proxy"}'] });
    expect(await echo.done).toMatchObject({ code: 0 });
    expect(echo.received()[0]).toMatchObject({ message: 'via proxy' });
    const proxyLabel = `${c.proxy().url.split('://')[0]}://127.0.0.1:${c.proxy().port} (from the settings)`;
    expect(echo.ofType('started')[0]!.exchange?.proxy).toBe(proxyLabel);

    const ticker = record(engine, { target: t, method: 'Ticker', messages: ['{"count":3}'] });
    expect((await ticker.done).code).toBe(0);
    expect(ticker.received()).toHaveLength(3);

    const chat = record(engine, { target: t, method: 'Chat', messages: ['{"text":"one"}'] });
    await until(() => chat.ofType('received').length === 1);
    void chat.handle.send('{"text":"bye"}');
    expect((await chat.done).code).toBe(0);
    expect(chat.received().map((m) => (m as { text: string }).text)).toEqual(['you said: one', 'bye!']);

    // One tunnel for the shared connection, carrying every byte of the three calls.
    expect(c.proxy().tunnels).toBeGreaterThan(before.tunnels);
    expect(c.proxy().bytesUp - before.bytes).toBeGreaterThan(100);
    expect(c.proxy().targets.at(-1)).toMatch(/^localhost:\d+$/);
  });
});

describe('reflection', () => {
  it('loads the schema through a SOCKS5 proxy', async () => {
    const { pool } = runner();
    const t = target({ address: `localhost:${grpcPlain.port}`, proxy: socksProxy.url });
    const before = socksProxy.tunnels;
    const schema = await loadTargetSchema(t, pool);
    expect(schema.services().map((s) => s.fullName)).toContain('loupe.demo.v1.Demo');
    expect(socksProxy.tunnels).toBeGreaterThan(before);
  });

  it('says the proxy refused when reflection meets a 407', async () => {
    const { pool } = runner();
    const t = target({ address: `localhost:${grpcPlain.port}`, proxy: `http://127.0.0.1:${httpProxy.port}` });
    await expect(loadTargetSchema(t, pool)).rejects.toThrow(
      /refused the connection \(CONNECT answered 407.*missing credentials/,
    );
  });
});

describe('the process environment', () => {
  it('HTTPS_PROXY carries a TLS call, and the timeline says where it came from', async () => {
    const { engine, pool } = runner({ HTTPS_PROXY: httpProxy.url });
    const t = target(settings({ protocol: 'grpc', tls: true }, undefined));
    await pool.prepare(t);
    const before = httpProxy.tunnels;
    const r = record(engine, { target: t, method: 'Echo', messages: ['{}'] });
    expect((await r.done).code).toBe(0);
    // Other tests' channels may reconnect through the same proxy meanwhile: count this target's.
    expect(httpProxy.tunnels).toBeGreaterThan(before);
    expect(httpProxy.targets).toContain(`localhost:${grpcTls.port}`);
    expect(r.ofType('started')[0]!.exchange?.proxy).toBe(`http://127.0.0.1:${httpProxy.port} (from HTTPS_PROXY)`);
  });

  it('NO_PROXY lets a matching host go direct', async () => {
    const { engine, pool } = runner({ http_proxy: socksProxy.url, no_proxy: 'example.test,localhost' });
    const t = target(settings({ protocol: 'connect', tls: false }, undefined));
    await pool.prepare(t);
    const before = socksProxy.tunnels;
    const r = record(engine, { target: t, method: 'Echo', messages: ['{}'] });
    expect((await r.done).code).toBe(0);
    expect(socksProxy.tunnels).toBe(before);
    expect(r.ofType('started')[0]!.exchange?.proxy).toBeUndefined();
  });

  it('"none" on the target wins over the environment', async () => {
    const { engine, pool } = runner({ grpc_proxy: `http://127.0.0.1:${closedPort}` });
    const t = target(settings({ protocol: 'grpc', tls: false }, 'none'));
    await pool.prepare(t);
    const r = record(engine, { target: t, method: 'Echo', messages: ['{}'] });
    expect((await r.done).code).toBe(0);
  });
});

describe('failures, each in its own words', () => {
  async function failedCall(protocol: 'grpc' | 'connect', proxy: string, address?: string) {
    const { engine, pool } = runner();
    const t = target({ ...settings({ protocol, tls: false }, proxy), ...(address ? { address } : {}) });
    await pool.prepare(t);
    const r = record(engine, { target: t, method: 'Echo', messages: ['{}'] });
    const status = await r.done;
    return { status, error: r.ofType('error')[0] };
  }

  for (const protocol of ['grpc', 'connect'] as const) {
    it(`${protocol}: the proxy is down`, async () => {
      const { status, error } = await failedCall(protocol, `http://127.0.0.1:${closedPort}`);
      expect(status.code).toBe(14);
      expect(error?.message).toBe(
        `The proxy http://127.0.0.1:${closedPort} is unreachable: nothing is listening there (connection refused).`,
      );
      expect(error?.hint).toMatch(/proxy address and port/);
    });

    it(`${protocol}: the proxy wants other credentials (407)`, async () => {
      const { error } = await failedCall(protocol, httpProxy.url.replace(auth.password, 'not-it'));
      expect(error?.message).toMatch(/refused the connection \(CONNECT answered 407 .*\): wrong credentials/);
      expect(JSON.stringify(error)).not.toContain('not-it');
    });

    it(`${protocol}: the proxy cannot reach the target`, async () => {
      const { error } = await failedCall(protocol, httpProxy.url, `localhost:${closedPort}`);
      expect(error?.message).toBe(
        `The proxy http://127.0.0.1:${httpProxy.port} could not reach localhost:${closedPort} (CONNECT answered 502 Bad Gateway).`,
      );
    });
  }

  it('an https:// proxy whose certificate is not trusted says so, and how to trust it', async () => {
    const { error } = await failedCall('grpc', httpsProxy.url);
    expect(error?.message).toBe(
      `The proxy https://127.0.0.1:${httpsProxy.port} is unreachable: its TLS certificate is not trusted (UNABLE_TO_VERIFY_LEAF_SIGNATURE).`,
    );
    expect(error?.hint).toMatch(/NODE_EXTRA_CA_CERTS/);
  });

  it('an unusable proxy URL is refused before anything is dialed, without its password', async () => {
    const { pool } = runner();
    const t = target({ address: 'localhost:1', proxy: 'ftp://ada:hunter2@proxy:21' });
    await expect(pool.prepare(t)).rejects.toThrow(
      "The target's proxy 'ftp://ada:***@proxy:21' is not a usable proxy: 'ftp' is not a proxy scheme.",
    );
  });
});
