import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toBinary } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDescriptorSet } from '../core/demo';
import { cli } from './test-support/test-io';

let dir: string;
let protoset: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'loupe-cli-address-'));
  protoset = join(dir, 'demo.protoset');
  writeFileSync(protoset, toBinary(FileDescriptorSetSchema, demoDescriptorSet()));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/* An address that can never be dialed is the user's mistake: a usage error naming it, exit 1,
 * before any connection is tried (it was an INTERNAL status, exit 77). */

describe('loupe: addresses that cannot be dialed', () => {
  it.each([
    ['127.0.0.1:99999', /port 99999 .*out of range/],
    ['localhost:65536', /port 65536 .*out of range/],
    ['localhost:0', /port 0 .*out of range/],
    ['dns:///localhost:123456', /port 123456 .*out of range/],
    ['[::1]:70000', /port 70000 .*out of range/],
    ['localhost:http', /port 'http' .*not a number/],
  ])('%s', async (address, why) => {
    for (const argv of [
      ['call', '--plaintext', address, 'loupe.demo.v1.Demo/Echo'],
      ['list', '--plaintext', address],
      // No reflection: straight to the call, where the port reached grpc-js (INTERNAL, exit 77).
      ['call', '--plaintext', '--protoset', protoset, address, 'loupe.demo.v1.Demo/Echo'],
    ]) {
      const r = await cli(argv);
      expect(r.stderr).toMatch(why);
      expect(r.stderr).toContain(`'${address}'`);
      expect(r.code).toBe(1);
    }
  });
});

describe('loupe: --connect-timeout', () => {
  let silent: Server;
  let address: string;
  const accepted: Socket[] = [];
  beforeAll(async () => {
    // Accepts TCP and never speaks HTTP/2: only the connect timeout can end a call to it.
    silent = createServer((socket) => void accepted.push(socket));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    address = `127.0.0.1:${(silent.address() as { port: number }).port}`;
  });
  afterAll(async () => {
    for (const s of accepted) s.destroy();
    await new Promise((r) => silent.close(r));
  });

  it('ends a call to a silent server with UNAVAILABLE naming the connect timeout (exit 64+14)', async () => {
    const r = await cli([
      'call',
      '--plaintext',
      '--connect-timeout',
      '0.2',
      '--protoset',
      protoset,
      address,
      'loupe.demo.v1.Demo/Echo',
    ]);
    expect(r.stderr).toContain(`Could not connect to ${address} within 200 ms (connect timeout).`);
    expect(r.code).toBe(64 + 14);
  });

  it('ends a schema load from a silent server the same way', async () => {
    const r = await cli(['list', '--plaintext', '--connect-timeout', '0.2', address]);
    expect(r.stderr).toBe(`loupe: Could not connect to ${address} within 200 ms (connect timeout).\n`);
    expect(r.code).toBe(1);
  });

  it('says the deadline expired when --max-time is the shorter', async () => {
    const r = await cli([
      'call',
      '--plaintext',
      '--connect-timeout',
      '600',
      '--max-time',
      '0.2',
      '--protoset',
      protoset,
      address,
      'loupe.demo.v1.Demo/Echo',
    ]);
    expect(r.stderr).toContain(`was exceeded before a connection to ${address} was established`);
    expect(r.code).toBe(64 + 4);
  });

  it.each(['0', '-1', 'soon', '1e9'])('refuses --connect-timeout %s as a usage error', async (value) => {
    const r = await cli(['call', '--plaintext', '--connect-timeout', value, address, 'loupe.demo.v1.Demo/Echo']);
    expect(r.stderr).toMatch(/^loupe: --connect-timeout must be .*\n$/);
    expect(r.code).toBe(1);
  });
});
