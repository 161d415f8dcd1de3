import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toBinary } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LoupeContract } from '../../../shared/contract';
import type { CallEvent } from '../../../shared/model/call';
import type { ErrorData } from '../../../shared/model/errors';
import type { TargetSettingsInput } from '../../../shared/model/target';
import { RpcClient } from '../../../shared/protocol/client';
import { createMemoryPortPair } from '../../../shared/protocol/test-support/memory-port';
import { demoDescriptorSet, startDemoServer, type DemoServer } from '../demo';
import { connectEngine, disposeEngines } from '../test-support/engine-connection';

/* A server that accepts TCP connections and never speaks HTTP/2 used to hold a call without a
 * deadline, or a schema load, forever. Connection establishment has its own timeout now. The
 * silent server never answers, so a small timeout expires however loaded the machine is. */

let silent: Server;
let silentAddress: string;
const accepted: Socket[] = [];
let demo: DemoServer;
let dir: string;
let protoset: string;

beforeAll(async () => {
  silent = createServer((socket) => {
    accepted.push(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  silentAddress = `127.0.0.1:${(silent.address() as { port: number }).port}`;
  demo = await startDemoServer();
  dir = mkdtempSync(join(tmpdir(), 'loupe-connect-timeout-'));
  protoset = join(dir, 'demo.protoset');
  writeFileSync(protoset, toBinary(FileDescriptorSetSchema, demoDescriptorSet()));
});
afterEach(() => disposeEngines());
afterAll(async () => {
  for (const s of accepted) s.destroy();
  await new Promise((r) => silent.close(r));
  await demo.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A target whose schema comes from a file, so a call goes straight to the connection. */
function localSchema(address: string, extra: Partial<TargetSettingsInput> = {}): TargetSettingsInput {
  return { address, schema: { reflection: false, protosets: [protoset] }, ...extra };
}

function echo(client: RpcClient<LoupeContract>, target: TargetSettingsInput, deadlineMs?: number) {
  const events: CallEvent[] = [];
  const ended = new Promise<ErrorData | undefined>((resolve) => {
    client.subscribe(
      'call.open',
      {
        target,
        callId: `c-${Math.random()}`,
        method: 'loupe.demo.v1.Demo/Echo',
        messages: ['{"message":"hi"}'],
        deadlineMs,
      },
      { onEvents: (e) => void events.push(...e), onEnd: resolve },
    );
  });
  const status = () => {
    const last = events.at(-1);
    return last?.type === 'status' ? last.status : undefined;
  };
  const error = () => events.find((e): e is Extract<CallEvent, { type: 'error' }> => e.type === 'error');
  return { events, ended, status, error };
}

describe('connect timeout', () => {
  it('ends a call without a deadline to a silent server, saying the connect timeout expired', async () => {
    const { client } = connectEngine();
    const call = echo(client, localSchema(silentAddress, { connectTimeoutMs: 200 }));
    expect(await call.ended).toBeUndefined();
    expect(call.status()).toMatchObject({ name: 'UNAVAILABLE' });
    expect(call.error()?.message).toBe(`Could not connect to ${silentAddress} within 200 ms (connect timeout).`);
  });

  it('says the deadline expired when the deadline is the shorter one', async () => {
    const { client } = connectEngine();
    const call = echo(client, localSchema(silentAddress, { connectTimeoutMs: 600_000 }), 200);
    expect(await call.ended).toBeUndefined();
    expect(call.status()).toMatchObject({ name: 'DEADLINE_EXCEEDED' });
    expect(call.error()?.message).toBe(
      `The deadline of 200 ms was exceeded before a connection to ${silentAddress} was established.`,
    );
  });

  it('ends a schema load from a silent server, saying the connect timeout expired', async () => {
    const { client } = connectEngine();
    const err = await client.request('schema.load', { target: { address: silentAddress, connectTimeoutMs: 200 } }).then(
      () => undefined,
      (e: unknown) => e as ErrorData,
    );
    expect(err).toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining(`Could not connect to ${silentAddress} within 200 ms (connect timeout)`),
    });
  });

  it('serves a second connection while the first waits on a silent server', async () => {
    const { engine, client } = connectEngine();
    const stuck = echo(client, localSchema(silentAddress, { connectTimeoutMs: 600_000 }));
    const [secondPort, enginePort] = createMemoryPortPair();
    engine.connect(enginePort);
    const ok = echo(new RpcClient<LoupeContract>(secondPort), localSchema(demo.address));
    expect(await ok.ended).toBeUndefined();
    expect(ok.status()).toMatchObject({ name: 'OK' });
    expect(stuck.status()).toBeUndefined(); // still connecting: nothing expired behind our back
  });

  it('refuses an address whose port cannot exist as VALIDATION naming it, on calls and schema loads', async () => {
    const { client } = connectEngine();
    const call = echo(client, localSchema('localhost:99999'));
    expect(await call.ended).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining("'localhost:99999'"),
    });
    const err = await client.request('schema.load', { target: { address: 'localhost:99999' } }).then(
      () => undefined,
      (e: unknown) => e as ErrorData,
    );
    expect(err).toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('out of range') });
  });
});
