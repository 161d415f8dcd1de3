import * as grpc from '@grpc/grpc-js';
import * as http from 'node:http';
import * as net from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileRegistry } from '@bufbuild/protobuf';
import { create } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema } from '@bufbuild/protobuf/wkt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../demo';
import { CallRunner } from './call-runner';
import { ChannelPool } from './channel-pool';
import { demoRegistry, record, target, until } from '../test-support/call-helpers';

let pool: ChannelPool;
let engine: CallRunner;
let demo: DemoServer;
const cleanups: (() => unknown)[] = [];

beforeAll(async () => {
  pool = new ChannelPool();
  engine = new CallRunner(pool);
  demo = await startDemoServer();
});
afterAll(async () => {
  engine.dispose();
  pool.dispose();
  for (const c of cleanups) await c();
  await demo.stop();
});

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

async function echoAt(address: string, extra: Partial<Parameters<typeof target>[0]> = {}) {
  const r = record(engine, { target: target({ address, ...extra }), method: 'Echo', messages: ['{"message":"x"}'] });
  const status = await r.done;
  return { status, error: r.ofType('error')[0], r };
}

/** After every fault the engine must still work. */
async function engineStillHealthy() {
  const ok = await echoAt(demo.address);
  expect(ok.status.code).toBe(0);
}

describe('faults caused for real', () => {
  it('connection refused', async () => {
    const port = await freePort();
    const { status, error } = await echoAt(`127.0.0.1:${port}`);
    expect(status.name).toBe('UNAVAILABLE');
    expect(error?.message).toBe(`Connection refused: nothing is listening on 127.0.0.1:${port}.`);
    await engineStillHealthy();
  });

  it('name not resolved', async () => {
    const { status, error } = await echoAt('no-such-host.invalid:50051');
    expect(status.name).toBe('UNAVAILABLE');
    expect(error?.message).toMatch(/host name 'no-such-host.invalid' could not be resolved/);
  });

  it('an HTTP/1.1 server on the port', async () => {
    const server = http.createServer((_req, res) => res.end('hello'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    cleanups.push(() => new Promise((r) => server.close(r)));
    const port = (server.address() as net.AddressInfo).port;
    const { status, error } = await echoAt(`127.0.0.1:${port}`);
    expect(status.code).not.toBe(0);
    expect(error?.message).toMatch(/HTTP\/1\.x server, not a gRPC \(HTTP\/2\) server/);
    await engineStillHealthy();
  });

  it('a wrong method path ends UNIMPLEMENTED', async () => {
    // A schema that claims a service the server does not have.
    const demoFile = demoRegistry().getFile('loupe/demo/v1/demo.proto')!;
    const fake = create(FileDescriptorProtoSchema, {
      name: 'fake.proto',
      package: 'loupe.demo.v1',
      syntax: 'proto3',
      dependency: ['loupe/demo/v1/demo.proto'],
      service: [
        {
          name: 'Missing',
          method: [
            { name: 'Echo', inputType: '.loupe.demo.v1.EchoRequest', outputType: '.loupe.demo.v1.EchoResponse' },
          ],
        },
      ],
    });
    const reg = createFileRegistry(fake, (name) => (name === demoFile.name ? demoFile : demoRegistry().getFile(name)));
    const method = reg.getService('loupe.demo.v1.Missing')!.methods[0]!;
    const events: string[] = [];
    const h = engine.start(
      { target: target({ address: demo.address }), method, registry: reg, messages: ['{}'] },
      (e) => events.push(e.type),
    );
    const status = await h.done;
    expect(status.name).toBe('UNIMPLEMENTED');
    expect(status.message).toMatch(/Missing\/Echo/);
  });

  it('malformed response bytes end the call INTERNAL with a clear message', async () => {
    const server = new grpc.Server();
    const id = (b: Buffer) => b;
    server.addService(
      {
        Echo: {
          path: '/loupe.demo.v1.Demo/Echo',
          requestStream: false,
          responseStream: false,
          requestSerialize: id,
          requestDeserialize: id,
          responseSerialize: id,
          responseDeserialize: id,
        },
      },
      {
        Echo: (_call: unknown, cb: grpc.sendUnaryData<Buffer>) =>
          cb(null, Buffer.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f])),
      },
    );
    const port = await new Promise<number>((res, rej) =>
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) => (e ? rej(e) : res(p))),
    );
    cleanups.push(() => server.forceShutdown());
    const { status, error, r } = await echoAt(`127.0.0.1:${port}`);
    expect(status.name).toBe('INTERNAL');
    expect(status.message).toMatch(
      /Response message #1 is not a valid loupe.demo.v1.EchoResponse: .*\(in field message\)/,
    );
    expect(error?.hint).toMatch(/schema/);
    expect(r.ofType('received')).toHaveLength(0);
    await engineStillHealthy();
  });

  it('server killed mid-stream', async () => {
    const victim = await startDemoServer();
    const r = record(engine, {
      target: target({ address: victim.address }),
      method: 'Ticker',
      messages: ['{"count":1000,"intervalMs":20}'],
    });
    await until(() => r.ofType('received').length >= 3);
    victim.kill();
    const status = await r.done;
    expect(status.code).not.toBe(0);
    expect(r.ofType('error')[0]?.message).toMatch(/The connection was lost during the call\. Connection refused/);
    expect(r.ofType('received').length).toBeGreaterThanOrEqual(3);
    await engineStillHealthy();
  });

  it('a response larger than the receive limit', async () => {
    const r = record(engine, {
      target: target({ address: demo.address, maxReceiveMessageBytes: 64 }),
      method: 'GetSample',
      messages: ['{}'],
    });
    const status = await r.done;
    expect(status.name).toBe('RESOURCE_EXHAUSTED');
    expect(r.ofType('error')[0]?.message).toMatch(/larger than the receive limit of 64 bytes/);
  });

  it('a request larger than the send limit is refused before sending', () => {
    expect(() =>
      record(engine, {
        target: target({ address: demo.address, maxSendMessageBytes: 8 }),
        method: 'Echo',
        messages: ['{"message":"far too long"}'],
      }),
    ).toThrow(/over the send limit of 8 bytes/);
  });

  it('unix socket targets', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'loupe-sock-')), 'demo.sock');
    const s = await startDemoServer({ host: `unix:${path}` });
    cleanups.push(() => s.stop());
    const { status } = await echoAt(`unix:${path}`);
    expect(status.code).toBe(0);
    const missing = await echoAt(`unix:${path}.nope`);
    expect(missing.error?.message).toMatch(/no socket at/);
  });
});
