import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../demo';
import { CallRunner } from './call-runner';
import { ChannelPool } from './channel-pool';
import { record, target, until } from '../test-support/call-helpers';
import type { TargetSettings } from '../../../shared/model/target';

let server: DemoServer;
let pool: ChannelPool;
let engine: CallRunner;
let t: TargetSettings;

beforeAll(async () => {
  server = await startDemoServer();
  pool = new ChannelPool();
  engine = new CallRunner(pool);
  t = target({ address: server.address });
});
afterAll(async () => {
  engine.dispose();
  pool.dispose();
  await server.stop();
});

describe('four call kinds against the demo server', () => {
  it('unary: events in order, JSON out', async () => {
    const r = record(engine, { target: t, method: 'Echo', messages: ['{"message":"hi"}'] });
    const status = await r.done;
    expect(status).toMatchObject({ code: 0, name: 'OK' });
    expect(r.events.map((e) => e.type)).toEqual(['started', 'sent', 'half-closed', 'headers', 'received', 'status']);
    expect(r.received()[0]).toMatchObject({ message: 'hi' });
    const started = r.events[0]!;
    expect(started).toMatchObject({ type: 'started', method: '/loupe.demo.v1.Demo/Echo', kind: 'unary' });
    const times = r.events.map((e) => e.t);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('unary: int64 above 2^53, Any, Struct, maps and oneofs survive a round trip', async () => {
    const sample = record(engine, { target: t, method: 'GetSample', messages: ['{"name":"x"}'] });
    expect((await sample.done).code).toBe(0);
    const got = sample.received()[0] as Record<string, unknown>;
    expect(got.bigUnsigned).toBe('18446744073709551615');
    expect(got.bigSigned).toBe('-9007199254740993');
    expect(got.extra).toMatchObject({
      '@type': 'type.googleapis.com/loupe.demo.v1.Sample.Point',
      label: 'packed in an Any',
    });
    const text = sample.ofType('received')[0]!.json;
    const mirror = record(engine, { target: t, method: 'Mirror', messages: [text] });
    expect((await mirror.done).code).toBe(0);
    expect(mirror.received()[0]).toEqual(got);
  });

  it('emitDefaults prints zero values', async () => {
    const r = record(engine, { target: t, method: 'Echo', messages: ['{}'], emitDefaults: true });
    await r.done;
    expect(r.received()[0]).toMatchObject({ message: '', metadataCount: 0 });
  });

  it('server streaming: count and interval', async () => {
    const r = record(engine, { target: t, method: 'Ticker', messages: ['{"count":5,"intervalMs":5}'] });
    expect((await r.done).code).toBe(0);
    expect(r.received().map((m) => (m as { seq: string }).seq)).toEqual(['1', '2', '3', '4', '5']);
  });

  it('server streaming: fails mid-stream after N messages with details', async () => {
    const r = record(engine, {
      target: t,
      method: 'Ticker',
      messages: ['{"count":10,"failAfter":3,"fail":{"code":9,"message":"stop","withDetails":true}}'],
    });
    const status = await r.done;
    expect(r.received()).toHaveLength(3);
    expect(status).toMatchObject({ code: 9, name: 'FAILED_PRECONDITION', message: 'stop' });
    expect(status.details.map((d) => d.type)).toContain('google.rpc.ErrorInfo');
    expect(r.ofType('error')).toHaveLength(0); // the server's own answer, not a client-side failure
  });

  it('client streaming: initial messages, send, half-close', async () => {
    const r = record(engine, { target: t, method: 'Sum', messages: ['{"value":"9007199254740993"}'] });
    void r.handle.send('{"value":"2"}');
    r.handle.halfClose();
    r.handle.halfClose(); // idempotent
    expect(() => r.handle.send('{"value":1}')).toThrow(/half-closed/);
    expect((await r.done).code).toBe(0);
    expect(r.received()[0]).toMatchObject({ total: '9007199254740995', count: 2 });
    expect(r.ofType('half-closed')).toHaveLength(1);
  });

  it('bidi: replies interleave with sends; server ends on bye', async () => {
    const r = record(engine, { target: t, method: 'Chat', messages: ['{"user":"ann","text":"hello"}'] });
    await until(() => r.received().length === 1);
    void r.handle.send('{"text":"bye"}');
    expect((await r.done).code).toBe(0);
    expect(r.received().map((m) => (m as { text: string }).text)).toEqual(['ann said: hello', 'bye!']);
  });

  it('rejects bad JSON and bad metadata before starting', () => {
    expect(() => record(engine, { target: t, method: 'Echo', messages: ['{"nope":1}'] })).toThrow(
      /^nope: unknown field "nope" in loupe\.demo\.v1\.EchoRequest/,
    );
    expect(() => record(engine, { target: t, method: 'Echo', metadata: [{ name: 'Bad', value: 'x' }] })).toThrow(
      /lowercase/,
    );
    expect(() => record(engine, { target: t, method: 'Echo', messages: ['{}', '{}'] })).toThrow(/exactly one/);
    const r = record(engine, { target: t, method: 'Echo', messages: ['{"nope":1}'], ignoreUnknownFields: true });
    return r.done.then((s) => expect(s.code).toBe(0));
  });
});

describe('metadata', () => {
  it('echoes text and -bin metadata into headers and trailers', async () => {
    const bin = Buffer.from([0, 1, 2, 255]).toString('base64');
    const r = record(engine, {
      target: t,
      method: 'Echo',
      messages: ['{"message":"m"}'],
      metadata: [
        { name: 'x-team', value: 'loupe' },
        { name: 'x-blob-bin', value: bin },
      ],
    });
    await r.done;
    const headers = r.ofType('headers')[0]!.metadata;
    const trailers = r.ofType('trailers')[0]!.metadata;
    expect(headers).toEqual(
      expect.arrayContaining([
        { name: 'x-team', value: 'loupe' },
        { name: 'x-blob-bin', value: bin },
      ]),
    );
    expect(trailers).toEqual(
      expect.arrayContaining([
        { name: 'trailer-x-team', value: 'loupe' },
        { name: 'trailer-x-blob-bin', value: bin },
      ]),
    );
    expect(r.received()[0]).toMatchObject({ metadataCount: 2 });
  });
});

describe('status details', () => {
  it('decodes google.rpc details from grpc-status-details-bin', async () => {
    const r = record(engine, { target: t, method: 'Echo', messages: ['{"fail":{"code":3,"withDetails":true}}'] });
    const s = await r.done;
    expect(s).toMatchObject({ code: 3, name: 'INVALID_ARGUMENT' });
    const byType = Object.fromEntries(s.details.map((d) => [d.type, d.json]));
    expect(byType['google.rpc.BadRequest']).toEqual({
      fieldViolations: [{ field: 'fail.code', description: 'the request asked to fail' }],
    });
    expect(byType['google.rpc.ErrorInfo']).toMatchObject({ reason: 'DEMO_FAILURE', domain: 'demo.loupe.dev' });
    expect(byType['google.rpc.RetryInfo']).toEqual({ retryDelay: '1.500s' });
    // Details are decoded, not repeated raw in the trailers.
    expect(r.ofType('trailers')[0]?.metadata.map((m) => m.name) ?? []).not.toContain('grpc-status-details-bin');
  });
});

describe('deadlines and cancellation', () => {
  it('deadline exceeded is explained', async () => {
    // The server would answer after a minute: only the deadline can end the call first.
    const r = record(engine, { target: t, method: 'Echo', messages: ['{"delayMs":60000}'], deadlineMs: 100 });
    const s = await r.done;
    expect(s.name).toBe('DEADLINE_EXCEEDED');
    expect(r.ofType('error')[0]?.message).toMatch(/deadline of 100 ms/);
  });

  it('client cancel ends a stream with CANCELLED and no error event', async () => {
    const cancelledBefore = server.stats.callsCancelled;
    const r = record(engine, { target: t, method: 'Ticker', messages: ['{"count":1000,"intervalMs":20}'] });
    await until(() => r.received().length >= 2);
    r.handle.cancel();
    const s = await r.done;
    expect(s.name).toBe('CANCELLED');
    expect(r.ofType('error')).toHaveLength(0);
    expect(r.received().length).toBeLessThan(1000);
    expect(engine.openCalls).toBe(0);
    // The server saw the cancellation: it stops producing.
    await until(() => server.stats.callsCancelled > cancelledBefore);
    const sent = server.stats.ticksSent;
    await new Promise((res) => setTimeout(res, 100));
    expect(server.stats.ticksSent).toBe(sent);
  });

  it('a server-side cancel is reported as such', async () => {
    const r = record(engine, { target: t, method: 'Echo', messages: ['{"fail":{"code":1}}'] });
    const s = await r.done;
    expect(s.name).toBe('CANCELLED');
    expect(r.ofType('error')[0]?.message).toBe('The server cancelled the call.');
  });

  it('engine.dispose cancels open calls', async () => {
    const pool2 = new ChannelPool();
    const engine2 = new CallRunner(pool2);
    const r = record(engine2, { target: t, method: 'Chat', messages: ['{"text":"a"}'] });
    await until(() => r.received().length === 1);
    engine2.dispose();
    expect((await r.done).name).toBe('CANCELLED');
    pool2.dispose();
  });
});
