import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as net from 'node:net';
import { toBinary } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDescriptorSet, startDemoServer, type DemoServer } from '../core/demo';
import { cli, PassThrough } from './test-support/test-io';

let demo: DemoServer;
let addr: string;
let dir: string;
beforeAll(async () => {
  demo = await startDemoServer();
  addr = demo.address;
  dir = mkdtempSync(join(tmpdir(), 'loupe-cli-'));
});
afterAll(() => demo.stop());

describe('loupe list / describe', () => {
  it('lists services through reflection', async () => {
    const r = await cli(['list', '--plaintext', addr]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toContain('loupe.demo.v1.Demo');
  });

  it("lists a service's methods", async () => {
    const r = await cli(['list', '--plaintext', addr, 'loupe.demo.v1.Demo']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toEqual([
      'loupe.demo.v1.Demo.Echo',
      'loupe.demo.v1.Demo.GetSample',
      'loupe.demo.v1.Demo.Mirror',
      'loupe.demo.v1.Demo.Ticker',
      'loupe.demo.v1.Demo.Sum',
      'loupe.demo.v1.Demo.Chat',
    ]);
  });

  it('an unknown service is a one-line error, exit 1', async () => {
    const r = await cli(['list', '--plaintext', addr, 'nope.Svc']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^loupe: No service 'nope.Svc'.*\n$/);
  });

  it('describes a message', async () => {
    const r = await cli(['describe', '--plaintext', addr, 'loupe.demo.v1.EchoRequest']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^loupe.demo.v1.EchoRequest is a message:\n(?!loupe)/);
    expect(r.stdout).toMatch(/message EchoRequest \{/);
    expect(r.stdout).toMatch(/uint32 delay_ms = 2;/);
  });

  it('uses a protoset instead of reflection', async () => {
    const path = join(dir, 'demo.protoset');
    writeFileSync(path, toBinary(FileDescriptorSetSchema, demoDescriptorSet()));
    const r = await cli(['list', '--plaintext', '--protoset', path, addr, 'loupe.demo.v1.Demo']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/loupe.demo.v1.Demo.Echo/);
  });
});

describe('loupe call', () => {
  it('unary with -d, pretty JSON on stdout, exit 0', async () => {
    const r = await cli(['call', '--plaintext', '-d', '{"message":"hello"}', addr, 'loupe.demo.v1.Demo/Echo']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ message: 'hello' });
    expect(r.stdout).toMatch(/^\{\n {2}"message": "hello",/);
  });

  it('prints a double’s negative zero as -0, as proto3 JSON writes it', async () => {
    const r = await cli([
      'call',
      '--plaintext',
      '-d',
      '{"precise": -0, "ratio": -0}',
      addr,
      'loupe.demo.v1.Demo/Mirror',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('{\n  "ratio": -0,\n  "precise": -0\n}\n');
  });

  it('server streaming prints each message', async () => {
    const r = await cli(['call', '--plaintext', '-d', '{"count":3}', addr, 'loupe.demo.v1.Demo/Ticker']);
    expect(r.code).toBe(0);
    expect(r.stdout.match(/"seq": "\d"/g)).toEqual(['"seq": "1"', '"seq": "2"', '"seq": "3"']);
  });

  it('client streaming from a sequence of values in -d and in a file', async () => {
    const a = await cli([
      'call',
      '--plaintext',
      '-d',
      '{"value":1}{"value":"9007199254740993"}\n{"value":2}',
      addr,
      'loupe.demo.v1.Demo/Sum',
    ]);
    expect(a.code).toBe(0);
    expect(JSON.parse(a.stdout)).toMatchObject({ total: '9007199254740996', count: 3 });
    const file = join(dir, 'nums.json');
    writeFileSync(file, '{"value":5}\n{"value":6}\n');
    const b = await cli(['call', '--plaintext', '-d', `@${file}`, addr, 'loupe.demo.v1.Demo/Sum']);
    expect(JSON.parse(b.stdout)).toMatchObject({ total: '11', count: 2 });
  });

  it('bidi with @- sends each value as soon as it is read from stdin', async () => {
    const stdin = new PassThrough();
    let firstReply!: () => void;
    const replied = new Promise<void>((r) => (firstReply = r));
    const running = cli(['call', '--plaintext', '-d', '@-', addr, 'loupe.demo.v1.Demo/Chat'], stdin, (out) => {
      if (out.includes('a said: one')) firstReply();
    });
    stdin.write('{"user":"a","text":"one"}\n');
    // The reply to the first line arrives while stdin is still open: proof of incremental sending.
    await replied;
    stdin.end('{"text":"two"}');
    const r = await running;
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/"text": "a said: one"[\s\S]*"text": "you said: two"/);
  });

  it('-d @file of a device, a FIFO or a folder is one line naming it, exit 1', async () => {
    const pipe = join(dir, 'data-pipe');
    execFileSync('mkfifo', [pipe]);
    for (const [path, what] of [
      ['/dev/zero', 'it is a device, not a regular file'],
      [pipe, 'it is a named pipe (FIFO), not a regular file'],
      [dir, 'it is a folder, not a file'],
    ] as const) {
      const r = await cli(['call', '--plaintext', '-d', `@${path}`, addr, 'loupe.demo.v1.Demo/Echo']);
      expect({ code: r.code, stderr: r.stderr }).toEqual({
        code: 1,
        stderr: `loupe: Cannot read the request data file ${path}: ${what}\n`,
      });
    }
    const bom = join(dir, 'bom.json');
    writeFileSync(bom, '\uFEFF{"message":"hi"}');
    expect(
      JSON.parse((await cli(['call', '--plaintext', '-d', `@${bom}`, addr, 'loupe.demo.v1.Demo/Echo'])).stdout),
    ).toMatchObject({ message: 'hi' });
  });

  it('non-OK status: 64 + code, status and details on stderr', async () => {
    const r = await cli([
      'call',
      '--plaintext',
      '-d',
      '{"fail":{"code":3,"message":"no","withDetails":true}}',
      addr,
      'loupe.demo.v1.Demo/Echo',
    ]);
    expect(r.code).toBe(64 + 3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/Code: INVALID_ARGUMENT \(3\)\n {2}Message: no/);
    expect(r.stderr).toMatch(/"@type": "type.googleapis.com\/google.rpc.BadRequest"/);
  });

  it('-H sends metadata; -v shows headers, trailers and timing on stderr', async () => {
    const r = await cli(['call', '--plaintext', '-v', '-H', 'x-who: me', '-d', '{}', addr, 'loupe.demo.v1.Demo/Echo']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Request metadata to send:\nx-who: me/);
    expect(r.stderr).toMatch(/Response headers received:[\s\S]*x-who: me/);
    expect(r.stderr).toMatch(/Response trailers received:[\s\S]*trailer-x-who: me/);
    expect(r.stderr).toMatch(/Sent 1 request and received 1 response: OK in [\d.]+ ms/);
  });

  it('--max-time sets a deadline (exit 64 + 4)', async () => {
    const r = await cli([
      'call',
      '--plaintext',
      '--max-time',
      '0.2',
      '-d',
      '{"delayMs":3000}',
      addr,
      'loupe.demo.v1.Demo/Echo',
    ]);
    expect(r.code).toBe(64 + 4);
    expect(r.stderr).toMatch(/deadline/);
  });

  it('--emit-defaults', async () => {
    const r = await cli(['call', '--plaintext', '--emit-defaults', '-d', '{}', addr, 'loupe.demo.v1.Demo/Echo']);
    expect(JSON.parse(r.stdout)).toMatchObject({ message: '', metadataCount: 0 });
  });

  it('usage errors are one line and exit 1', async () => {
    const bad = await cli(['call', '--plaintext', '-d', '{"nope":1}', addr, 'loupe.demo.v1.Demo/Echo']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^loupe: nope: unknown field "nope" in loupe\.demo\.v1\.EchoRequest[^\n]*\n$/);
    const two = await cli(['call', '--plaintext', '-d', '{}{}', addr, 'loupe.demo.v1.Demo/Echo']);
    expect(two.code).toBe(1);
    expect(two.stderr).toMatch(/exactly one request/);
    const header = await cli(['call', '--plaintext', '-H', 'nocolon', addr, 'loupe.demo.v1.Demo/Echo']);
    expect(header.stderr).toBe("loupe: header 'nocolon' must look like 'name: value'\n");
    const method = await cli(['call', '--plaintext', addr, 'loupe.demo.v1.Demo/Nope']);
    expect(method.code).toBe(1);
    expect(method.stderr).toMatch(/^loupe: No method/);
    const missing = await cli(['call']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/missing required argument/);
  });

  it('connection refused is explained, exit 1 (schema) or 78 (call)', async () => {
    const s = net.createServer();
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const port = (s.address() as net.AddressInfo).port;
    await new Promise((r) => s.close(r));
    const r = await cli(['call', '--plaintext', '-d', '{}', `127.0.0.1:${port}`, 'loupe.demo.v1.Demo/Echo']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^loupe: Connection refused: nothing is listening on 127.0.0.1:\d+\./);
    const path = join(dir, 'demo2.protoset');
    writeFileSync(path, toBinary(FileDescriptorSetSchema, demoDescriptorSet()));
    const r2 = await cli([
      'call',
      '--plaintext',
      '--protoset',
      path,
      '-d',
      '{}',
      `127.0.0.1:${port}`,
      'loupe.demo.v1.Demo/Echo',
    ]);
    expect(r2.code).toBe(64 + 14);
    expect(r2.stderr).toMatch(/Error: Connection refused/);
  });

  it('--help on every command', async () => {
    for (const cmd of [[], ['list'], ['describe'], ['call'], ['web'], ['demo']]) {
      const r = await cli([...cmd, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Usage: loupe/);
    }
    const call = await cli(['call', '--help']);
    for (const flag of [
      '--data',
      '--header',
      '--max-time',
      '--plaintext',
      '--insecure',
      '--cacert',
      '--cert',
      '--key',
      '--authority',
      '--proto',
      '--import-path',
      '--protoset',
      '--emit-defaults',
      '-v',
    ]) {
      expect(call.stdout).toContain(flag);
    }
  });

  it('defines only the command being run, yet help and a mistyped name still know every command', async () => {
    const help = await cli(['--help']);
    for (const name of [
      'list',
      'describe',
      'call',
      'run',
      'load',
      'snapshot',
      'drift',
      'mock',
      'decode',
      'web',
      'demo',
    ])
      expect(help.stdout).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
    const helpCommand = await cli(['help', 'drift']);
    expect(helpCommand.stdout).toContain('--category');
    const typo = await cli(['cal', '127.0.0.1:1', 'a.B/C']);
    expect(typo.code).toBe(1);
    expect(typo.stderr).toMatch(/unknown command 'cal'[\s\S]*call/);
    // An option of another command is unknown to this one.
    const foreign = await cli(['web', '--category', 'WIRE']);
    expect(foreign.code).toBe(1);
    expect(foreign.stderr).toMatch(/unknown option '--category'/);
  });
});
