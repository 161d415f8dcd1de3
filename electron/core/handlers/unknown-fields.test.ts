import type * as grpc from '@grpc/grpc-js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CallEvent } from '../../../shared/model/call';
import { protoSource, startNodeServer, type TestServer } from '../schema/drift/testdata/servers';
import { connectEngine, disposeEngines } from '../test-support/engine-connection';

// A server speaking v2 of acme.users.v1.User (with `locale = 14`), called with v1's .proto files:
// the window must see the field v1 does not know, not lose it.
let v2Server: TestServer;
beforeAll(async () => {
  v2Server = await startNodeServer('v2', false, {
    GetUser: (call: grpc.ServerUnaryCall<unknown, unknown>, done: grpc.sendUnaryData<unknown>) =>
      done(null, { id: 'u1', name: 'Ada', locale: 'fr-FR' }),
  });
});
afterAll(() => v2Server?.stop());
afterEach(disposeEngines);

describe('unknown fields through the engine', () => {
  it('call.messages lists the fields of a newer server, decoded, only when asked', async () => {
    const { client } = connectEngine();
    const target = { address: v2Server.address, schema: protoSource('v1') };
    const events: CallEvent[] = [];
    const ended = new Promise((resolve) => {
      client.subscribe(
        'call.open',
        { target, callId: 'newer', method: 'acme.users.v1.Users/GetUser', messages: ['{"id":"u1"}'] },
        { onEvents: (batch) => void events.push(...batch), onEnd: resolve },
      );
    });
    expect(await ended).toBeUndefined();
    expect(events.find((e) => e.type === 'status')).toMatchObject({ status: { code: 0 } });

    const shown = await client.request('call.messages', { callId: 'newer', count: 2, unknownFields: true });
    const response = shown.messages.find((m) => m.direction === 'received')!;
    expect(JSON.parse(response.json)).toEqual({ id: 'u1', name: 'Ada' });
    expect(response.unknown).toEqual([
      {
        number: 14,
        wireType: 'length-delimited',
        value: { kind: 'bytes', length: 5, text: 'fr-FR', hex: '66722d4652', base64: 'ZnItRlI=' },
      },
    ]);
    expect(shown.messages.find((m) => m.direction === 'sent')!.unknown).toBeUndefined();

    // Rows (previews) do not pay for it.
    const rows = await client.request('call.messages', { callId: 'newer', count: 2, preview: 80 });
    expect(rows.messages.every((m) => m.unknown === undefined)).toBe(true);
  });
});
