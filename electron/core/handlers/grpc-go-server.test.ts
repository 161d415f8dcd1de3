import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CallEvent } from '../../../shared/model/call';
import type { LoupeContract } from '../../../shared/contract';
import { RpcClient } from '../../../shared/protocol/client';
import { createMemoryPortPair } from '../../../shared/protocol/test-support/memory-port';
import { startGoServer, type GoServer } from '../schema/testdata/go-server';
import { Engine } from '../engine';

/* The engine as the UI uses it, against a grpc-go server (v1alpha reflection only, proto2 extensions). */

let go: GoServer;
let engine: Engine;
let client: RpcClient<LoupeContract>;

beforeAll(async () => {
  go = await startGoServer();
  engine = new Engine({ version: '9.9.9-test' });
  const [clientPort, enginePort] = createMemoryPortPair();
  engine.connect(enginePort);
  client = new RpcClient<LoupeContract>(clientPort);
}, 11 * 60_000);
afterAll(async () => {
  client?.close();
  engine?.dispose();
  await go?.stop();
});

it('describes a message no method references, asking the server for it, and keeps it for the next call', async () => {
  const target = { address: go.address };
  const summary = await client.request('schema.load', { target });
  expect(summary.services.map((s) => s.fullName)).toContain('loupe.catalog.Catalog');
  const text = await client.request('schema.describe', { target, symbol: 'loupe.audit.Entry' });
  expect(text).toMatch(/^loupe.audit.Entry is a message:\nmessage Entry \{\n/);
  expect(text).toMatch(/\n {2}optional int32 severity = 101; \/\/ \[loupe.audit.extras.severity\]\n/);
  // The widened schema is the target's schema now, for every later request (and JSON rendering).
  const widened = await client.request('schema.load', { target });
  expect(widened.fileCount).toBe(summary.fileCount + 2);
  const again = await client.request('schema.describe', { target, symbol: 'loupe.audit.extras.severity' });
  expect(again).toBe(
    'loupe.audit.extras.severity is an extension of loupe.audit.Entry:\nextend .loupe.audit.Entry {\n  optional int32 severity = 101;\n}\n',
  );
});

it("a symbol neither the schema nor the server knows is NOT_FOUND with the server's answer", async () => {
  const target = { address: go.address };
  const failure = await client
    .request('schema.describe', { target, symbol: 'loupe.audit.Nope' })
    .catch((err: unknown) => err);
  expect(failure).toMatchObject({
    code: 'NOT_FOUND',
    message: expect.stringMatching(
      /^No symbol "loupe.audit.Nope" in the loaded schema; the server's reflection does not know it either: unknown symbol: loupe.audit.Nope/,
    ),
  });
});

it("a response's extension fields arrive as [pkg.ext], and again when the messages are read back", async () => {
  const target = { address: go.address };
  const events: CallEvent[] = [];
  const ended = new Promise<unknown>((resolve) => {
    client.subscribe(
      'call.open',
      { target, callId: 'ext-1', method: 'loupe.catalog.Catalog/GetItem', messages: ['{"id":"a-1"}'] },
      {
        onEvents: (batch) => void events.push(...batch),
        onEnd: resolve,
      },
    );
  });
  expect(await ended).toBeUndefined();
  const expected = {
    id: 'a-1',
    name: 'Teapot',
    '[loupe.extras.priority]': 7,
    '[loupe.extras.label]': { text: 'fragile' },
  };
  const reply = events.find((e) => e.type === 'received');
  expect(reply?.type === 'received' && JSON.parse(reply.json)).toEqual(expected);
  const page = await client.request('call.messages', { callId: 'ext-1', from: 0, count: 10 });
  expect(page.messages.map((m) => JSON.parse(m.json) as unknown)).toEqual([{ id: 'a-1' }, expected]);
});
