import type * as grpc from '@grpc/grpc-js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/model/errors';
import { protoSource, startNodeServer, type TestServer } from '../schema/drift/testdata/servers';
import { connectEngine, disposeEngines } from '../test-support/engine-connection';

// A server speaking v2 of acme.users.v1.User (with `locale = 14`), read with v1's .proto files.
let v2Server: TestServer;
beforeAll(async () => {
  v2Server = await startNodeServer('v2', false, {
    GetUser: (call: grpc.ServerUnaryCall<unknown, unknown>, done: grpc.sendUnaryData<unknown>) =>
      done(null, { id: 'u1', name: 'Ada', locale: 'fr-FR' }),
  });
});
afterAll(() => v2Server?.stop());
afterEach(disposeEngines);

const target = () => ({ address: v2Server.address, schema: protoSource('v1') });

describe('a message in other forms, through the engine', () => {
  it('message.convert goes JSON -> text -> base64 -> JSON exactly', async () => {
    const { client } = connectEngine();
    const type = 'acme.users.v1.User';
    const text = await client.request('message.convert', {
      target: target(),
      type,
      from: 'json',
      to: 'text',
      body: '{"id":"u1","status":"STATUS_BANNED","loginCount":-2147483648}',
    });
    expect(text).toBe('id: "u1"\nstatus: STATUS_BANNED\nlogin_count: -2147483648\n');
    const base64 = await client.request('message.convert', {
      target: target(),
      type,
      from: 'text',
      to: 'base64',
      body: text,
    });
    expect(base64).toBe('CgJ1MWACaICAgID4/////wE=');
    const json = await client.request('message.convert', {
      target: target(),
      type,
      from: 'base64',
      to: 'json',
      body: base64,
    });
    expect(JSON.parse(json)).toEqual({ id: 'u1', status: 'STATUS_BANNED', loginCount: -2147483648 });
  });

  it('message.convert says where text is wrong', async () => {
    const { client } = connectEngine();
    const err = await client
      .request('message.convert', {
        target: target(),
        type: 'acme.users.v1.User',
        from: 'text',
        to: 'json',
        body: 'id: "u1"\nstatus: STATUS_GONE\n',
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('VALIDATION');
    expect((err as AppError).message).toMatch(
      /^The request is not valid text format at line 2, column 9 \(field status\): /,
    );
    expect((err as AppError).details).toMatchObject({ line: 2, column: 9 });
  });

  it('call.wire shows a received message as bytes and a tree, names beside numbers, the unknown marked', async () => {
    const { client } = connectEngine();
    const ended = new Promise((resolve) => {
      client.subscribe(
        'call.open',
        { target: target(), callId: 'wire', method: 'acme.users.v1.Users/GetUser', messages: ['{"id":"u1"}'] },
        { onEvents: () => {}, onEnd: resolve },
      );
    });
    expect(await ended).toBeUndefined();
    const page = await client.request('call.messages', { callId: 'wire', from: 0, count: 2 });
    const received = page.messages.find((m) => m.direction === 'received')!;
    const wire = await client.request('call.wire', { callId: 'wire', position: received.position });
    expect(wire.direction).toBe('received');
    expect(wire.type).toBe('acme.users.v1.User');
    expect(Buffer.from(wire.base64, 'base64').length).toBe(received.size);
    expect(wire.tree.fields.map((f) => [f.field, f.name, f.unknown, f.value])).toEqual([
      [1, 'id', undefined, { kind: 'string', length: 2, text: 'u1' }],
      [2, 'name', undefined, { kind: 'string', length: 3, text: 'Ada' }],
      [14, undefined, true, { kind: 'string', length: 5, text: 'fr-FR' }],
    ]);
    expect(await client.request('call.text', { callId: 'wire', position: received.position })).toBe(
      'id: "u1"\nname: "Ada"\n14: "fr-FR"\n',
    );
    const cut = await client.request('call.wire', { callId: 'wire', position: received.position, limit: 4 });
    expect(cut.tree).toMatchObject({ decoded: 4, size: received.size });
    await expect(client.request('call.wire', { callId: 'wire', position: 99 })).rejects.toThrow(/has no message 99/);
  });

  it('bytes.decode reads pasted hex as raw, or as a type of the schema', async () => {
    const { client } = connectEngine();
    const raw = await client.request('bytes.decode', { target: target(), bytes: '0a 02 75 31 60 02' });
    expect(raw.json).toBeUndefined();
    expect(raw.tree.fields.map((f) => f.field)).toEqual([1, 12]);
    const typed = await client.request('bytes.decode', {
      target: target(),
      bytes: 'CgJ1MWAC',
      type: 'acme.users.v1.User',
    });
    expect(JSON.parse(typed.json!)).toEqual({ id: 'u1', status: 'STATUS_BANNED' });
    expect(typed.text).toBe('id: "u1"\nstatus: STATUS_BANNED\n');
    expect(typed.tree.fields.map((f) => f.name)).toEqual(['id', 'status']);
    const wrong = await client.request('bytes.decode', {
      target: target(),
      bytes: '0a 05 61',
      type: 'acme.users.v1.User',
    });
    expect(wrong.error).toMatch(/not a valid acme\.users\.v1\.User/);
    await expect(client.request('bytes.decode', { target: target(), bytes: 'not bytes!' })).rejects.toThrow(
      /neither hexadecimal nor base64/,
    );
  });

  it('schema.messageTypes lists the types for a picker', async () => {
    const { client } = connectEngine();
    const types = await client.request('schema.messageTypes', { target: target() });
    expect(types).toContain('acme.users.v1.User');
    expect(types).toEqual([...types].sort());
  });
});
