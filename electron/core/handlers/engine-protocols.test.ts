import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoWebServer, type DemoWebServer } from '../demo/web-server';
import { useEngineWithDemo, types, received, lastStatus, failure, until } from '../test-support/engine-with-demo';

/* gRPC-Web and Connect targets through the engine, as the window uses it: the schema by reflection
 * through gRPC on the same port, the call's events with the exchange in its started row, and the
 * refusals said before the call. */

const kit = useEngineWithDemo();
const { connect, openCall } = kit;
let web: DemoWebServer;

beforeAll(async () => {
  web = await startDemoWebServer();
});
afterAll(() => web.stop());

describe('Engine: web protocols', () => {
  it('a Connect target: schema by reflection over gRPC on its port, then Echo over Connect', async () => {
    const { client } = connect();
    const target = { address: web.address, protocol: 'connect' as const, connectCodec: 'json' as const };
    const summary = await client.request('schema.load', { target });
    expect(summary.services.map((s) => s.fullName)).toContain('loupe.demo.v1.Demo');
    const call = openCall(client, {
      callId: 'web-1',
      target,
      method: 'loupe.demo.v1.Demo/Echo',
      messages: ['{"message":"hi"}'],
    });
    expect(await call.ended).toBeUndefined();
    expect(types(call.events)).toEqual(['started', 'sent', 'half-closed', 'headers', 'received', 'status']);
    expect(JSON.parse(received(call.events)[0]?.json ?? '{}')).toMatchObject({ message: 'hi' });
    expect(call.events[0]).toMatchObject({
      type: 'started',
      exchange: { protocol: 'connect', httpVersion: '2', contentType: 'application/json' },
    });
  });

  it('a gRPC target says so in its started row', async () => {
    const { client } = connect();
    const call = openCall(client, {
      callId: 'web-2',
      method: 'loupe.demo.v1.Demo/Echo',
      messages: ['{}'],
    });
    await call.ended;
    expect(call.events[0]).toMatchObject({
      exchange: { protocol: 'grpc', httpVersion: '2', contentType: 'application/grpc' },
    });
  });

  it('a bidi call over gRPC-Web on HTTP/1.1 is refused before it starts', async () => {
    const { client } = connect();
    const call = openCall(client, {
      callId: 'web-3',
      target: { address: web.address, protocol: 'grpc-web', httpVersion: '1.1' },
      method: 'loupe.demo.v1.Demo/Chat',
      messages: ['{"text":"hi"}'],
    });
    const error = await call.ended;
    expect(error).toMatchObject({ code: 'UNSUPPORTED', message: expect.stringContaining('needs HTTP/2') });
    expect(call.events).toEqual([]);
  });

  it('a gRPC-Web text server-stream through the engine, status last', async () => {
    const { client } = connect();
    const call = openCall(client, {
      callId: 'web-4',
      target: { address: web.address, protocol: 'grpc-web-text' },
      method: 'loupe.demo.v1.Demo/Ticker',
      messages: ['{"count":3}'],
    });
    await call.ended;
    expect(received(call.events)).toHaveLength(3);
    expect(lastStatus(call.events)).toMatchObject({ code: 0 });
  });

  it('reflection on a server without gRPC says to load protos', async () => {
    const server = http.createServer((_req, res) => res.writeHead(404).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    const { client } = connect();
    const error = await failure(
      client.request('schema.load', { target: { address, protocol: 'grpc-web', httpVersion: '1.1' } }),
    );
    expect(error.message).toContain('Load its .proto files or a protoset instead');
    server.close();
  });
});

describe("Engine: a web target's connectivity", () => {
  it("is its HTTP/2 connection's: READY once a call has used it", async () => {
    const { client } = connect();
    const target = { address: web.address, protocol: 'connect' as const };
    const call = openCall(client, { callId: 'state-1', target, method: 'loupe.demo.v1.Demo/Echo', messages: ['{}'] });
    await call.ended;
    const states: string[] = [];
    const sub = client.subscribe(
      'target.state',
      { target },
      {
        onEvents: (events) => {
          states.push(...events.map((e) => e.state));
        },
        onEnd: () => undefined,
      },
    );
    await until('READY', () => states.includes('READY'));
    sub.cancel();
  });
});
