import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../core/demo';
import { makePems, type Pems } from '../core/test-support/tls-fixtures';
import { cli } from './test-support/test-io';

let pems: Pems;
let otherHost: DemoServer;
let selfSigned: DemoServer;
let mutual: DemoServer;

function creds(pair: { key: string; cert: string }, clientCa?: string) {
  return grpc.ServerCredentials.createSsl(
    clientCa ? Buffer.from(clientCa) : null,
    [{ private_key: Buffer.from(pair.key), cert_chain: Buffer.from(pair.cert) }],
    Boolean(clientCa),
  );
}

beforeAll(async () => {
  pems = await makePems();
  otherHost = await startDemoServer({ credentials: creds(pems.otherHost) });
  selfSigned = await startDemoServer({ credentials: creds(pems.selfSigned) });
  mutual = await startDemoServer({ credentials: creds(pems.server, pems.caCert) });
});
afterAll(() => Promise.all([otherHost.stop(), selfSigned.stop(), mutual.stop()]));

const ECHO = ['-d', '{"message":"tls"}'];

describe('loupe TLS flags', () => {
  it('TLS is the default; a self-signed server is explained; --insecure accepts it', async () => {
    const bad = await cli(['call', ...ECHO, `localhost:${selfSigned.port}`, 'loupe.demo.v1.Demo/Echo']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^loupe: TLS handshake failed: the server's certificate is self-signed/);
    const ok = await cli(['call', '--insecure', ...ECHO, `localhost:${selfSigned.port}`, 'loupe.demo.v1.Demo/Echo']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ message: 'tls' });
  });

  it('--cacert with --authority for a certificate issued to another name', async () => {
    const bad = await cli(['list', '--cacert', pems.caPath, `127.0.0.1:${otherHost.port}`]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/host name mismatch/);
    const ok = await cli([
      'list',
      '--cacert',
      pems.caPath,
      '--authority',
      'example.test',
      `127.0.0.1:${otherHost.port}`,
    ]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('loupe.demo.v1.Demo');
  });

  it('--cert/--key for mTLS', async () => {
    const ok = await cli([
      'call',
      '--cacert',
      pems.caPath,
      '--cert',
      pems.clientCertPath,
      '--key',
      pems.clientKeyPath,
      ...ECHO,
      `localhost:${mutual.port}`,
      'loupe.demo.v1.Demo/Echo',
    ]);
    expect(ok.code).toBe(0);
    const half = await cli([
      'call',
      '--cacert',
      pems.caPath,
      '--cert',
      pems.clientCertPath,
      `localhost:${mutual.port}`,
      'loupe.demo.v1.Demo/Echo',
    ]);
    expect(half).toMatchObject({ code: 1, stderr: 'loupe: --cert and --key go together\n' });
    const mixed = await cli([
      'call',
      '--plaintext',
      '--insecure',
      `localhost:${mutual.port}`,
      'loupe.demo.v1.Demo/Echo',
    ]);
    expect(mixed.stderr).toMatch(/--plaintext cannot be combined/);
  });
});
