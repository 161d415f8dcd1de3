import * as grpc from '@grpc/grpc-js';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../demo';
import { CallRunner } from './call-runner';
import { ChannelPool } from './channel-pool';
import { record, target } from '../test-support/call-helpers';
import { makePems, type Pems } from '../test-support/tls-fixtures';
import type { TargetSettingsInput } from '../../../shared/model/target';

let pems: Pems;
const servers: DemoServer[] = [];
let pool: ChannelPool;
let engine: CallRunner;

async function tlsServer(pair: { key: string; cert: string }, clientCa?: string): Promise<DemoServer> {
  const credentials = grpc.ServerCredentials.createSsl(
    clientCa ? Buffer.from(clientCa) : null,
    [{ private_key: Buffer.from(pair.key), cert_chain: Buffer.from(pair.cert) }],
    Boolean(clientCa),
  );
  const s = await startDemoServer({ credentials });
  servers.push(s);
  return s;
}

async function echo(t: TargetSettingsInput) {
  await pool.prepare(target(t));
  const r = record(engine, { target: target(t), method: 'Echo', messages: ['{"message":"secure"}'] });
  const status = await r.done;
  return { status, error: r.ofType('error')[0], received: r.received() };
}

let good: DemoServer;
let selfSigned: DemoServer;
let otherHost: DemoServer;
let mutual: DemoServer;
let plain: DemoServer;

beforeAll(async () => {
  pems = await makePems();
  pool = new ChannelPool();
  engine = new CallRunner(pool);
  good = await tlsServer(pems.server);
  selfSigned = await tlsServer(pems.selfSigned);
  otherHost = await tlsServer(pems.otherHost);
  mutual = await tlsServer(pems.server, pems.caCert);
  plain = await startDemoServer();
  servers.push(plain);
});
afterAll(async () => {
  engine.dispose();
  pool.dispose();
  await Promise.all(servers.map((s) => s.stop()));
});

describe('TLS', () => {
  it('succeeds with the right CA', async () => {
    const r = await echo({ address: `localhost:${good.port}`, tls: { enabled: true, caPath: pems.caPath } });
    expect(r.status.code).toBe(0);
    expect(r.received[0]).toMatchObject({ message: 'secure' });
  });

  it('explains a wrong CA', async () => {
    const r = await echo({ address: `localhost:${good.port}`, tls: { enabled: true, caPath: pems.otherCaPath } });
    expect(r.status.name).toBe('UNAVAILABLE');
    expect(r.error?.message).toMatch(/TLS handshake failed: .*(not issued by a trusted CA|issued .* is not trusted)/);
  });

  it('explains a self-signed certificate, and insecureSkipVerify accepts it', async () => {
    const bad = await echo({ address: `localhost:${selfSigned.port}`, tls: { enabled: true } });
    expect(bad.status.name).toBe('UNAVAILABLE');
    expect(bad.error?.message).toMatch(/self-signed/);
    expect(bad.error?.hint).toMatch(/--cacert|--insecure/);
    const ok = await echo({
      address: `localhost:${selfSigned.port}`,
      tls: { enabled: true, insecureSkipVerify: true },
    });
    expect(ok.status.code).toBe(0);
  });

  it('explains a host name mismatch; the authority override fixes it', async () => {
    const bad = await echo({ address: `127.0.0.1:${otherHost.port}`, tls: { enabled: true, caPath: pems.caPath } });
    expect(bad.status.name).toBe('UNAVAILABLE');
    expect(bad.error?.message).toMatch(/not valid for '127\.0\.0\.1' \(host name mismatch\)/);
    const ok = await echo({
      address: `127.0.0.1:${otherHost.port}`,
      authority: 'example.test',
      tls: { enabled: true, caPath: pems.caPath },
    });
    expect(ok.status.code).toBe(0);
  });

  it('mTLS: works with a client certificate, explains its absence', async () => {
    const ok = await echo({
      address: `localhost:${mutual.port}`,
      tls: { enabled: true, caPath: pems.caPath, certPath: pems.clientCertPath, keyPath: pems.clientKeyPath },
    });
    expect(ok.status.code).toBe(0);
    const bad = await echo({ address: `localhost:${mutual.port}`, tls: { enabled: true, caPath: pems.caPath } });
    expect(bad.status.code).not.toBe(0);
    expect(bad.error?.hint ?? bad.error?.message).toMatch(/client certificate/);
  });

  it('plaintext against a TLS port, and TLS against a plaintext port', async () => {
    const a = await echo({ address: `localhost:${good.port}` });
    expect(a.status.code).not.toBe(0);
    expect(a.error?.message).toMatch(/expects TLS/);
    const b = await echo({ address: `localhost:${plain.port}`, tls: { enabled: true } });
    expect(b.status.code).not.toBe(0);
    expect(b.error?.message).toMatch(/does not speak TLS/);
  });

  it('explains a failure with the TLS files the channel was made with, read once', async () => {
    // The user fixes the file after the channel read it: the diagnosis must still explain this
    // call's handshake (the old CA), not dial again with a second read of the file.
    const caPath = join(pems.dir, 'changing-ca.pem');
    copyFileSync(pems.otherCaPath, caPath);
    const t = target({ address: `localhost:${good.port}`, tls: { enabled: true, caPath } });
    await pool.prepare(t);
    copyFileSync(pems.caPath, caPath);
    const r = record(engine, { target: t, method: 'Echo', messages: ['{}'] });
    expect((await r.done).name).toBe('UNAVAILABLE');
    expect(r.ofType('error')[0]?.message).toMatch(
      /TLS handshake failed: .*(not issued by a trusted CA|issued .* is not trusted)/,
    );
  });

  it('unreadable CA file is an error before the call', async () => {
    await expect(
      pool.prepare(target({ address: 'localhost:1', tls: { enabled: true, caPath: '/nope/ca.pem' } })),
    ).rejects.toThrow('Cannot read the CA bundle /nope/ca.pem: no such file');
  });
});
