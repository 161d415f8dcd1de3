import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../core/demo';
import { cli } from './test-support/test-io';

const DEMO_PROTOS = resolve(__dirname, '../core/demo/proto');

let demo: DemoServer;
let dir: string;
beforeAll(async () => {
  demo = await startDemoServer();
  dir = mkdtempSync(join(tmpdir(), 'loupe-cli-formats-'));
});
afterAll(() => demo.stop());

describe('loupe call --format text', () => {
  it('reads -d in text format and prints the response in text format', async () => {
    const r = await cli([
      'call',
      '--plaintext',
      demo.address,
      'loupe.demo.v1.Demo/Echo',
      '--format',
      'text',
      '-d',
      'message: "caf\\303\\251"  # octal escapes, as protoc prints them',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^message: "café"\n/);
    expect(r.stdout).not.toMatch(/[{}]\n?$/);
  });

  it('says where text-format input is wrong, and calls nothing', async () => {
    const r = await cli([
      'call',
      '--plaintext',
      demo.address,
      'loupe.demo.v1.Demo/Echo',
      '--format',
      'text',
      '-d',
      'message: "a"\ndelay_ms: -1',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^loupe: The request is not valid text format at line 2, column 11 \(field delay_ms\): .*unsigned/,
    );
    expect(r.stdout).toBe('');
  });

  it('refuses an unknown format', async () => {
    const r = await cli([
      'call',
      '--plaintext',
      demo.address,
      'loupe.demo.v1.Demo/Echo',
      '--format',
      'yaml',
      '-d',
      '{}',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--format must be json or text, not 'yaml'/);
  });
});

describe('loupe decode', () => {
  // EchoRequest { message: "hello", delay_ms: 150 } and an unknown field 9 = 1. ("hello" would read as
  // a nested message {13: 105}, for protoc --decode_raw too: text is tried after a message.)
  const HEX = '0a 05 68 65 6c 6c 6f 10 96 01 48 01';

  it('prints the raw tree from hex on stdin without a schema, as protoc --decode_raw does', async () => {
    const r = await cli(['decode'], HEX);
    expect(r).toEqual({ code: 0, stdout: '1: "hello"\n2: 150\n9: 1\n', stderr: '' });
  });

  it('decodes as a type of a schema source, in JSON, text format or a raw tree with names', async () => {
    const json = await cli(['decode', DEMO_PROTOS, '--type', 'loupe.demo.v1.EchoRequest'], 'CgVoZWxsbxCWAUgB');
    expect(json.stderr).toBe('');
    expect(JSON.parse(json.stdout)).toEqual({ message: 'hello', delayMs: 150 });
    const text = await cli(['decode', DEMO_PROTOS, '--type', 'loupe.demo.v1.EchoRequest', '--format', 'text'], HEX);
    expect(text.stdout).toBe('message: "hello"\ndelay_ms: 150\n9: 1\n');
    const raw = await cli(['decode', DEMO_PROTOS, '--type', 'loupe.demo.v1.EchoRequest', '--format', 'raw'], HEX);
    expect(raw.stdout).toBe('1: "hello"  # message\n2: 150  # delay_ms\n9: 1  # unknown to the schema\n');
  });

  it('reads binary from a file', async () => {
    const path = join(dir, 'echo.bin');
    writeFileSync(path, Buffer.from(HEX.replace(/ /g, ''), 'hex'));
    const r = await cli(['decode', '--input', path]);
    expect(r.stdout).toBe('1: "hello"\n2: 150\n9: 1\n');
  });

  it('says why bytes are not a message', async () => {
    const r = await cli(['decode', '--encoding', 'hex'], '0a 05 68');
    expect(r.stdout).toBe('# not a valid message from byte 0 on: field 1 says it holds 5 bytes; only 1 follow\n');
    const typed = await cli(['decode', DEMO_PROTOS, '--type', 'loupe.demo.v1.EchoRequest'], '0a 05 68');
    expect(typed.code).toBe(1);
    expect(typed.stderr).toMatch(/^loupe: The bytes are not a valid loupe\.demo\.v1\.EchoRequest/);
    const noSchema = await cli(['decode', '--type', 'loupe.demo.v1.EchoRequest'], HEX);
    expect(noSchema.stderr).toMatch(/--type needs a schema source/);
  });
});
