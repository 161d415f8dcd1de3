import * as grpc from '@grpc/grpc-js';
import { makePems, type Pems } from '../../electron/core/test-support/tls-fixtures';
import { startDemoServer, type DemoServer } from '../../electron/core/demo';

/**
 * The demo service behind TLS, in the test process: the engine (`loupe web`, another process)
 * must really verify its certificate. Certificates are fresh per run (see tls-fixtures).
 */
export async function startTlsDemo(pems: Pems, opts: { requireClientCert?: boolean } = {}): Promise<DemoServer> {
  const credentials = grpc.ServerCredentials.createSsl(
    opts.requireClientCert ? Buffer.from(pems.caCert) : null,
    [{ private_key: Buffer.from(pems.server.key), cert_chain: Buffer.from(pems.server.cert) }],
    opts.requireClientCert ?? false,
  );
  return startDemoServer({ host: '127.0.0.1', credentials });
}

export { makePems, type Pems };
