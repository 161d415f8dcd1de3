import { createServer, type Http2Server } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { record, target } from '../../test-support/call-helpers';
import { CallRunner } from '../call-runner';
import { ChannelPool } from '../channel-pool';

/* The authority override is the :authority a web-protocol call sends over HTTP/2, as it is for
 * gRPC (a proxy or virtual host routes on it); the socket still dials the target's address. */

let server: Http2Server;
let port: number;
const seen: string[] = [];
let pool: ChannelPool;
let runner: CallRunner;

beforeAll(async () => {
  // A bare HTTP/2 server that notes each request's :authority and answers 404: the call fails,
  // but only after the request (and its headers) reached the server.
  server = createServer((req, res) => {
    seen.push(String(req.headers[':authority']));
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  pool = new ChannelPool();
  runner = new CallRunner(pool);
});
afterAll(async () => {
  runner.dispose();
  pool.dispose();
  await new Promise((resolve) => server.close(resolve));
});

describe('the authority override on web protocols over HTTP/2', () => {
  for (const protocol of ['connect', 'grpc-web'] as const) {
    it(`${protocol}: sends it as :authority, dialing the real address`, async () => {
      seen.length = 0;
      const withOverride = target({
        address: `127.0.0.1:${port}`,
        protocol,
        authority: 'api.example.test',
        tls: { enabled: false },
      });
      await pool.prepare(withOverride);
      await record(runner, { target: withOverride, method: 'Echo', messages: ['{}'] }).done;
      const plain = target({ address: `127.0.0.1:${port}`, protocol, tls: { enabled: false } });
      await pool.prepare(plain);
      await record(runner, { target: plain, method: 'Echo', messages: ['{}'] }).done;
      expect(seen).toEqual(['api.example.test', `127.0.0.1:${port}`]);
    });
  }
});
