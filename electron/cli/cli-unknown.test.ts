import type * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNodeServer, versionDir, type TestServer } from '../core/schema/drift/testdata/servers';
import { cli } from './test-support/test-io';

// `loupe call --show-unknown` against a server speaking v2 of acme.users.v1.User, read with v1 protos.
let server: TestServer;
beforeAll(async () => {
  server = await startNodeServer('v2', false, {
    GetUser: (_call: grpc.ServerUnaryCall<unknown, unknown>, done: grpc.sendUnaryData<unknown>) =>
      done(null, { id: 'u1', name: 'Ada', locale: 'fr-FR' }),
  });
});
afterAll(() => server?.stop());

const v1Protos = ['--plaintext', '-I', versionDir('v1'), '--proto', 'acme/users/v1/users.proto'];

describe('loupe call --show-unknown', () => {
  it('prints the fields the protos do not know on stderr, as comment lines; stdout stays JSON', async () => {
    const r = await cli([
      'call',
      ...v1Protos,
      '--show-unknown',
      '-d',
      '{"id":"u1"}',
      server.address,
      'acme.users.v1.Users/GetUser',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ id: 'u1', name: 'Ada' });
    expect(r.stderr).toBe(
      "# response 1: 1 field not in the schema (the server's schema is probably newer):\n" +
        '#   14 (length-delimited): "fr-FR"\n',
    );
  });

  it('says nothing of them without the flag', async () => {
    const r = await cli(['call', ...v1Protos, '-d', '{"id":"u1"}', server.address, 'acme.users.v1.Users/GetUser']);
    expect(r).toMatchObject({ code: 0, stderr: '' });
  });
});
