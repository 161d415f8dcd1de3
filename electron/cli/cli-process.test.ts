import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toBinary } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import { demoDescriptorSet } from '../core/demo/registry';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../core/demo';
import { buildBundledCli, bundledCliEnv, runBundledCli } from './test-support/bundled-cli';

/* The real thing: the CLI bundled by esbuild (with the build's own settings) and run as a child
 * process. This catches what in-process tests cannot: files the bundle cannot find, stdin/stdout
 * handling, exit. */

let bundle: string;
let demo: DemoServer;

beforeAll(async () => {
  bundle = await buildBundledCli();
  demo = await startDemoServer();
}, 60_000);
afterAll(() => demo.stop());

const run = (args: string[], stdin?: string, env?: NodeJS.ProcessEnv) => runBundledCli(bundle, args, stdin, env);

describe('bundled CLI as a child process', () => {
  it('lists services via reflection served by the bundled demo code', async () => {
    const r = await run(['list', '--plaintext', demo.address]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('loupe.demo.v1.Demo\n');
  });

  it('client streaming from stdin, exit 0', async () => {
    const r = await run(
      ['call', '--plaintext', '-d', '@-', demo.address, 'loupe.demo.v1.Demo/Sum'],
      '{"value":40}\n{"value":2}\n',
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ total: '42', count: 2 });
  });

  it('builds standard input only for a command that reads it', async () => {
    // Node makes process.stdin (a stream and the modules behind it) on first access, ~2 ms of a
    // cold call: a preload reports each access on stderr.
    const preload = join(mkdtempSync(join(tmpdir(), 'loupe-stdin-')), 'report-stdin.cjs');
    writeFileSync(
      preload,
      `const own = Object.getOwnPropertyDescriptor(process, 'stdin');
Object.defineProperty(process, 'stdin', { configurable: true, enumerable: true, get() {
  process.stderr.write('stdin built\\n');
  Object.defineProperty(process, 'stdin', own);
  return own.get.call(process);
} });`,
    );
    const env = { NODE_OPTIONS: `--require ${preload}` };
    const literal = await run(
      ['call', '--plaintext', '-d', '{"message":"x"}', demo.address, 'loupe.demo.v1.Demo/Echo'],
      undefined,
      env,
    );
    expect({ code: literal.code, stderr: literal.stderr }).toEqual({ code: 0, stderr: '' });
    const piped = await run(
      ['call', '--plaintext', '-d', '@-', demo.address, 'loupe.demo.v1.Demo/Echo'],
      '{"message":"y"}',
      env,
    );
    expect({ code: piped.code, stderr: piped.stderr }).toEqual({ code: 0, stderr: 'stdin built\n' });
    expect(JSON.parse(piped.stdout)).toMatchObject({ message: 'y' });
  });

  it('non-OK status exits 64 + code', async () => {
    const r = await run(['call', '--plaintext', '-d', '{"fail":{"code":7}}', demo.address, 'loupe.demo.v1.Demo/Echo']);
    expect(r.code).toBe(64 + 7);
    expect(r.stderr).toMatch(/Code: PERMISSION_DENIED \(7\)/);
  });

  it('TLS to a plaintext server: one-line explanation, exit 1, no warnings', async () => {
    const r = await run(['call', '-d', '{}', demo.address, 'loupe.demo.v1.Demo/Echo']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^loupe: TLS handshake failed: .* does not speak TLS[^\n]*\n$/);
  });

  it('the demo command serves until stopped', async () => {
    const child = spawn(process.execPath, [bundle, 'demo'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: bundledCliEnv(),
    });
    const address = await new Promise<string>((res, rej) => {
      child.stdout.on('data', (b: Buffer) => {
        const m = /listening on (\S+)/.exec(b.toString());
        if (m?.[1]) res(m[1]);
      });
      child.on('exit', () => rej(new Error('demo exited early')));
    });
    const r = await run(['call', '--plaintext', '-d', '{"message":"child"}', address, 'loupe.demo.v1.Demo/Echo']);
    expect(JSON.parse(r.stdout)).toMatchObject({ message: 'child' });
    const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});

describe('bundled CLI: loupe mock', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`prints a ready line with its address, serves, and exits 0 on ${signal}`, async () => {
      // A snapshot (a protoset) as the schema source: the bundle here has no googleapis protos to compile with.
      const snapshot = join(mkdtempSync(join(tmpdir(), 'loupe-mock-')), 'demo.binpb');
      writeFileSync(snapshot, toBinary(FileDescriptorSetSchema, demoDescriptorSet()));
      const child = spawn(process.execPath, [bundle, 'mock', snapshot], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: bundledCliEnv(),
      });
      let stderr = '';
      child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
      const address = await new Promise<string>((res, rej) => {
        let out = '';
        child.stdout.on('data', (b: Buffer) => {
          out += b.toString();
          const m = /listening on (\S+)\n/.exec(out);
          if (m?.[1]) res(m[1]);
        });
        child.on('exit', () => rej(new Error(`mock exited early: ${out}${stderr}`)));
      });
      const r = await run(['call', '--plaintext', '-d', '{"message":"child"}', address, 'loupe.demo.v1.Demo/Echo']);
      expect(r.code).toBe(0);
      const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
      child.kill(signal);
      expect(await exited).toBe(0);
      expect(stderr).toMatch(/^loupe\.demo\.v1\.Demo\/Echo <- default answer -> OK \(1 message, \d+ ms\)\n$/);
    });
  }
});

describe('bundled CLI: request JSON is read exactly', () => {
  const mirror = (body: string) => run(['call', '--plaintext', '-d', body, demo.address, 'loupe.demo.v1.Demo/Mirror']);

  it('64-bit integers typed without quotes reach the server unchanged, at their extremes', async () => {
    const r = await mirror(
      '{"bigSigned": -9223372036854775808, "zigzag": 9223372036854775807, "bigUnsigned": 18446744073709551615, "fixed": 9007199254740993}',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      bigSigned: '-9223372036854775808',
      zigzag: '9223372036854775807',
      bigUnsigned: '18446744073709551615',
      fixed: '9007199254740993',
    });
  });

  it('a client stream from stdin keeps them exact too', async () => {
    const r = await run(
      ['call', '--plaintext', '-d', '@-', demo.address, 'loupe.demo.v1.Demo/Sum'],
      '{"value": 9223372036854775807}\n{"value": -9223372036854775808}\n{"value": 9007199254740993}\n',
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ total: '9007199254740992', count: 3 });
  });

  it('a bad value is refused in one line naming the path as typed, exit 1', async () => {
    const cases: Array<[string, string]> = [
      [
        '{"bigUnsigned": 18446744073709551616}',
        'bigUnsigned: 18446744073709551616 is out of range for uint64 (0 to 18446744073709551615)',
      ],
      ['{"points": [{}, {"x": true}]}', 'points[1].x: expected a number (double), got true'],
      [
        '{"createdAt": "2024-02-30"}',
        'createdAt: expected a Timestamp in RFC 3339 form, e.g. "2024-01-31T12:00:00Z", got "2024-02-30"',
      ],
      [
        '{"color": "BLACK"}',
        'color: unknown value "BLACK" of enum loupe.demo.v1.Color (expected one of COLOR_UNSPECIFIED, COLOR_RED, COLOR_GREEN, COLOR_BLUE, or its number)',
      ],
    ];
    for (const [body, message] of cases) {
      const r = await mirror(body);
      expect({ code: r.code, stderr: r.stderr, stdout: r.stdout }).toEqual({
        code: 1,
        stderr: `loupe: ${message}\n`,
        stdout: '',
      });
    }
  });

  it('a bad message on a client stream from stdin says which one', async () => {
    const r = await run(
      ['call', '--plaintext', '-d', '@-', demo.address, 'loupe.demo.v1.Demo/Sum'],
      '{"value": 1}\n{"value": 1.5}\n',
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'loupe: invalid request data: Request message #2: value: expected an integer (int64), got 1.5\n',
    );
  });
});
