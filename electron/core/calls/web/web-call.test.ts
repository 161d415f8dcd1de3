import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoWebServer, type DemoWebServer } from '../../demo/web-server';
import { CallRunner } from '../call-runner';
import { ChannelPool } from '../channel-pool';
import { record, target, until } from '../../test-support/call-helpers';
import { makePems, type Pems } from '../../test-support/tls-fixtures';
import type { HttpVersion, Protocol, TargetSettingsInput } from '../../../../shared/model/target';

/* Every call kind over gRPC-Web, gRPC-Web text and Connect (binary and JSON), over HTTP/2 and
 * HTTP/1.1, plaintext and TLS, against the demo served by @connectrpc/connect-node. */

let plain: DemoWebServer;
let secure: DemoWebServer;
let pems: Pems;
let pool: ChannelPool;
let engine: CallRunner;

beforeAll(async () => {
  pems = await makePems();
  plain = await startDemoWebServer();
  secure = await startDemoWebServer({ tls: pems.server });
  pool = new ChannelPool();
  engine = new CallRunner(pool);
});
afterAll(async () => {
  engine.dispose();
  pool.dispose();
  await plain.stop();
  await secure.stop();
});

type Combo = { protocol: Exclude<Protocol, 'grpc'>; httpVersion: HttpVersion; json?: boolean; tls: boolean };
const combos: Combo[] = [];
for (const protocol of ['grpc-web', 'grpc-web-text', 'connect'] as const)
  for (const httpVersion of ['2', '1.1'] as const)
    for (const tls of [false, true]) {
      combos.push({ protocol, httpVersion, tls });
      if (protocol === 'connect') combos.push({ protocol, httpVersion, tls, json: true });
    }
const name = (c: Combo) =>
  `${c.protocol}${c.json ? ' (JSON)' : ''} over HTTP/${c.httpVersion}${c.tls ? ' with TLS' : ' in plaintext'}`;

/** The combination's target, its TLS files read (as the engine does before a call). */
async function settings(c: Combo, extra: Partial<TargetSettingsInput> = {}) {
  const t = target({
    address: c.tls ? `localhost:${secure.port}` : plain.address,
    protocol: c.protocol,
    httpVersion: c.httpVersion,
    connectCodec: c.json ? 'json' : 'binary',
    tls: c.tls ? { enabled: true, caPath: pems.caPath } : { enabled: false },
    ...extra,
  });
  await pool.prepare(t);
  return t;
}

describe.each(combos)('$protocol', (c) => {
  const server = () => (c.tls ? secure : plain);

  it(`unary, ${name(c)}: the gRPC path's events, metadata out and back`, async () => {
    const before = { ...server().httpVersions };
    const r = record(engine, {
      target: await settings(c),
      method: 'Echo',
      messages: ['{"message":"hi"}'],
      metadata: [
        { name: 'x-token', value: 'abc' },
        { name: 'x-raw-bin', value: Buffer.from([0, 1, 2, 255]).toString('base64') },
      ],
    });
    const status = await r.done;
    expect(status).toMatchObject({ code: 0, name: 'OK' });
    expect(r.events.map((e) => e.type)).toEqual([
      'started',
      'sent',
      'half-closed',
      'headers',
      'received',
      'trailers',
      'status',
    ]);
    expect(r.received()[0]).toMatchObject({ message: 'hi', metadataCount: 2 });
    const started = r.ofType('started')[0]!;
    expect(started.exchange).toMatchObject({ protocol: c.protocol, httpVersion: c.httpVersion });
    const headers = r.ofType('headers')[0]!.metadata;
    expect(headers).toContainEqual({ name: 'x-token', value: 'abc' });
    expect(headers).toContainEqual({ name: 'x-raw-bin', value: Buffer.from([0, 1, 2, 255]).toString('base64') });
    const trailers = r.ofType('trailers')[0]!.metadata;
    expect(trailers).toContainEqual({ name: 'trailer-x-token', value: 'abc' });
    const version = c.httpVersion === '2' ? '2.0' : '1.1';
    expect(server().httpVersions[version] ?? 0).toBeGreaterThan(before[version] ?? 0);
  });

  it(`server streaming, ${name(c)}`, async () => {
    const r = record(engine, { target: await settings(c), method: 'Ticker', messages: ['{"count":5}'] });
    expect((await r.done).code).toBe(0);
    expect(r.received().map((m) => (m as { seq: string }).seq)).toEqual(['1', '2', '3', '4', '5']);
    expect(r.events.at(-1)?.type).toBe('status');
  });

  it(`status details, ${name(c)}: decoded like gRPC's`, async () => {
    const r = record(engine, {
      target: await settings(c),
      method: 'Echo',
      messages: ['{"fail":{"code":5,"message":"nope","withDetails":true}}'],
    });
    const status = await r.done;
    expect(status).toMatchObject({ code: 5, name: 'NOT_FOUND', message: 'nope' });
    expect(status.details.map((d) => d.type)).toContain('google.rpc.ErrorInfo');
    expect(status.details.find((d) => d.type === 'google.rpc.RetryInfo')?.json).toEqual({ retryDelay: '1.500s' });
    expect(r.ofType('error')).toEqual([]);
  });

  if (c.httpVersion === '2') {
    it(`client streaming and bidi, ${name(c)}`, async () => {
      const sum = record(engine, {
        target: await settings(c),
        method: 'Sum',
        messages: ['{"value":"9007199254740993"}', '{"value":"1"}'],
      });
      sum.handle.halfClose();
      expect((await sum.done).code).toBe(0);
      expect(sum.received()[0]).toMatchObject({ total: '9007199254740994', count: 2 });

      const chat = record(engine, { target: await settings(c), method: 'Chat', messages: ['{"text":"one"}'] });
      await until(() => chat.ofType('received').length === 1);
      void chat.handle.send('{"text":"bye"}');
      expect((await chat.done).code).toBe(0);
      expect(chat.received().map((m) => (m as { text: string }).text)).toEqual(['you said: one', 'bye!']);
    });
  } else {
    it(`client streaming and bidi are refused before a byte is sent, ${name(c)}`, async () => {
      const t = await settings(c);
      for (const method of ['Sum', 'Chat']) {
        expect(() => record(engine, { target: t, method, messages: ['{}'] })).toThrow(
          expect.objectContaining({ code: 'UNSUPPORTED', message: expect.stringContaining('needs HTTP/2') }),
        );
      }
    });
  }
});

describe('TLS settings on web protocols', () => {
  it('skip-verify, the authority as the TLS name, and mTLS, over both HTTP versions', async () => {
    const other = await startDemoWebServer({ tls: pems.otherHost });
    const mtls = await startDemoWebServer({ tls: { ...pems.server, ca: pems.caCert, requestCert: true } });
    try {
      for (const httpVersion of ['2', '1.1'] as const) {
        const base = { protocol: 'connect' as const, httpVersion };
        const cases: TargetSettingsInput[] = [
          { ...base, address: `localhost:${other.port}`, tls: { enabled: true, insecureSkipVerify: true } },
          {
            ...base,
            address: `127.0.0.1:${other.port}`,
            authority: 'example.test',
            tls: { enabled: true, caPath: pems.caPath },
          },
          {
            ...base,
            address: `localhost:${mtls.port}`,
            tls: { enabled: true, caPath: pems.caPath, certPath: pems.clientCertPath, keyPath: pems.clientKeyPath },
          },
        ];
        for (const input of cases) {
          const t = target(input);
          await pool.prepare(t);
          const r = record(engine, { target: t, method: 'Echo', messages: ['{"message":"tls"}'] });
          expect(await r.done, JSON.stringify(input)).toMatchObject({ code: 0 });
        }
        const noName = target({
          ...base,
          address: `localhost:${other.port}`,
          tls: { enabled: true, caPath: pems.caPath },
        });
        await pool.prepare(noName);
        const refused = record(engine, { target: noName, method: 'Echo', messages: ['{}'] });
        expect((await refused.done).code).not.toBe(0);
        expect(refused.ofType('error')[0]?.message).toContain('not valid for');
      }
    } finally {
      await other.stop();
      await mtls.stop();
    }
  });
});
