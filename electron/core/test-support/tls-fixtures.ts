/* Certificates generated per test run (selfsigned); shared by this folder's TLS tests. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export interface Pems {
  dir: string;
  caCert: string;
  /** Files on disk, for TargetSettings paths. */
  caPath: string;
  otherCaPath: string;
  /** Server cert for localhost/127.0.0.1 signed by the CA. */
  server: { key: string; cert: string };
  /** Server cert for example.test only, signed by the CA. */
  otherHost: { key: string; cert: string };
  /** Self-signed server cert (no CA). */
  selfSigned: { key: string; cert: string; certPath: string };
  clientCertPath: string;
  clientKeyPath: string;
}

const base = { keyType: 'ec' as const, algorithm: 'sha256' };

async function makeCa(cn: string) {
  return generate([{ name: 'commonName', value: cn }], {
    ...base,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
}

async function leaf(
  cn: string,
  ca: { private: string; cert: string } | undefined,
  altNames: { type: 2 | 7; value?: string; ip?: string }[],
  usage: 'server' | 'client',
) {
  return generate([{ name: 'commonName', value: cn }], {
    ...base,
    ...(ca ? { ca: { key: ca.private, cert: ca.cert } } : {}),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: usage === 'server', clientAuth: usage === 'client' },
      { name: 'subjectAltName', altNames },
    ],
  });
}

export async function makePems(): Promise<Pems> {
  const dir = mkdtempSync(join(tmpdir(), 'loupe-tls-'));
  const ca = await makeCa('Loupe Test CA');
  const otherCa = await makeCa('Some Other CA');
  const local = [
    { type: 2 as const, value: 'localhost' },
    { type: 7 as const, ip: '127.0.0.1' },
  ];
  const server = await leaf('localhost', ca, local, 'server');
  const otherHost = await leaf('example.test', ca, [{ type: 2, value: 'example.test' }], 'server');
  const selfSigned = await leaf('localhost', undefined, local, 'server');
  const client = await leaf('loupe-client', ca, [{ type: 2, value: 'loupe-client' }], 'client');
  const file = (name: string, text: string) => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  return {
    dir,
    caCert: ca.cert,
    caPath: file('ca.pem', ca.cert),
    otherCaPath: file('other-ca.pem', otherCa.cert),
    server: { key: server.private, cert: server.cert },
    otherHost: { key: otherHost.private, cert: otherHost.cert },
    selfSigned: { key: selfSigned.private, cert: selfSigned.cert, certPath: file('self.pem', selfSigned.cert) },
    clientCertPath: file('client.pem', client.cert),
    clientKeyPath: file('client.key', client.private),
  };
}
