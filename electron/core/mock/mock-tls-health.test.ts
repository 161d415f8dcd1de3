import * as grpc from '@grpc/grpc-js';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePems, type Pems } from '../test-support/tls-fixtures';
import { ReflectionSession } from '../schema/reflection-session';
import { startMockServer, type MockServer } from './mock-server';
import { demoSchema, JsonClient } from './test-support/mock-fixture';

/* The mock over TLS and mutual TLS, and its standard health service. */

const schema = demoSchema();
let pems: Pems;
beforeAll(async () => {
  pems = await makePems();
});

const tlsClient = (address: string, withClientCert: boolean) =>
  new JsonClient(
    address,
    schema,
    withClientCert
      ? grpc.credentials.createSsl(Buffer.from(pems.caCert), readPem(pems.clientKeyPath), readPem(pems.clientCertPath))
      : grpc.credentials.createSsl(Buffer.from(pems.caCert)),
  );
// PEM files this test wrote itself.
const readPem = (path: string) => readFileSync(path);

describe('TLS', () => {
  let tls: MockServer;
  let mtls: MockServer;
  beforeAll(async () => {
    const tlsOpts = { cert: Buffer.from(pems.server.cert), key: Buffer.from(pems.server.key) };
    tls = await startMockServer({ schema, tls: tlsOpts });
    mtls = await startMockServer({ schema, tls: { ...tlsOpts, clientCa: Buffer.from(pems.caCert) } });
  });
  afterAll(async () => {
    await tls?.stop();
    await mtls?.stop();
  });

  it('answers over TLS a client that trusts its CA', async () => {
    const c = tlsClient(tls.address, false);
    expect(await c.unary('loupe.demo.v1.Demo/Echo', {})).toEqual({ receivedAt: '1970-01-01T00:00:00Z' });
    c.close();
  });

  it('with a client CA, answers only clients with a certificate it signed', async () => {
    const withCert = tlsClient(mtls.address, true);
    expect(await withCert.unary('loupe.demo.v1.Demo/Echo', {})).toEqual({ receivedAt: '1970-01-01T00:00:00Z' });
    withCert.close();
    const without = tlsClient(mtls.address, false);
    await expect(without.unary('loupe.demo.v1.Demo/Echo', {})).rejects.toMatchObject({ code: grpc.status.UNAVAILABLE });
    without.close();
  });
});

describe('health', () => {
  it('says SERVING for the server and each service it serves, NOT_FOUND for others', async () => {
    const server = await startMockServer({ schema });
    const client = new grpc.Client(server.address, grpc.credentials.createInsecure());
    const check = (service: string) =>
      new Promise<Buffer>((resolve, reject) => {
        // HealthCheckRequest { service = 1 } by hand: field 1, wire type 2.
        const req = Buffer.concat([Buffer.from([0x0a, service.length]), Buffer.from(service)]);
        client.makeUnaryRequest(
          '/grpc.health.v1.Health/Check',
          (b: Buffer) => b,
          (b: Buffer) => b,
          req,
          (err, res) => (err ? reject(err) : resolve(res!)),
        );
      });
    const SERVING = Buffer.from([0x08, 0x01]);
    expect(await check('')).toEqual(SERVING);
    expect(await check('loupe.demo.v1.Demo')).toEqual(SERVING);
    await expect(check('nope.v1.Nope')).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
    client.close();
    await server.stop();
  });
});

describe('bytes that are not the request type', () => {
  it('are refused INVALID_ARGUMENT naming the type, and the mock keeps serving', async () => {
    const server = await startMockServer({ schema });
    const raw = new grpc.Client(server.address, grpc.credentials.createInsecure());
    const send = (path: string) =>
      new Promise<unknown>((resolve) =>
        // Field 1 as a length-delimited value running past the end: no message decodes from it.
        raw.makeUnaryRequest(
          path,
          (b: Buffer) => b,
          (b: Buffer) => b,
          Buffer.from([0x0a, 0x7f, 0x01]),
          (err) => resolve(err && { code: err.code, details: err.details }),
        ),
      );
    expect(await send('/loupe.demo.v1.Demo/Echo')).toEqual({
      code: grpc.status.INVALID_ARGUMENT,
      details: expect.stringMatching(/^The request is not a valid loupe\.demo\.v1\.EchoRequest: /) as unknown,
    });
    const c = new JsonClient(server.address, schema);
    expect(await c.unary('loupe.demo.v1.Demo/Echo', {})).toEqual({ receivedAt: '1970-01-01T00:00:00Z' });
    c.close();
    raw.close();
    await server.stop();
  });
});

describe('a unix socket', () => {
  it('serves on unix:/path, the address a client dials', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'loupe-mock-sock-')), 'mock.sock');
    const server = await startMockServer({ schema, host: `unix:${path}` });
    expect(server.address).toBe(`unix:${path}`);
    const c = new JsonClient(server.address, schema);
    expect(await c.unary('loupe.demo.v1.Demo/Echo', {})).toEqual({ receivedAt: '1970-01-01T00:00:00Z' });
    c.close();
    await server.stop();
  });
});

describe('reflection', () => {
  it('lists the services over v1 and v1alpha alike, health included', async () => {
    const server = await startMockServer({ schema });
    const client = new grpc.Client(server.address, grpc.credentials.createInsecure());
    const listed = [];
    for (const version of ['v1', 'v1alpha'] as const) {
      const session = new ReflectionSession(version, client, new grpc.Metadata(), Date.now() + 30_000);
      const answer = await session.request({ case: 'listServices', value: '' });
      session.close();
      listed.push(answer.case === 'listServicesResponse' ? answer.value.service.map((s) => s.name).sort() : answer);
    }
    expect(listed).toEqual([
      ['grpc.health.v1.Health', 'loupe.demo.v1.Demo'],
      ['grpc.health.v1.Health', 'loupe.demo.v1.Demo'],
    ]);
    client.close();
    await server.stop();
  });
});
