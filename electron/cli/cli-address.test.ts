import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toBinary } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDescriptorSet } from '../core/demo';
import { cli } from './test-io';

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
