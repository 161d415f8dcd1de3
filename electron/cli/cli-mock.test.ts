import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../core/demo';
import { demoSchema, JsonClient, rulesDir, type Failure } from '../core/mock/test-support/mock-fixture';
import { startCommand } from './test-support/cli-server';
import { cli } from './test-support/test-io';

/* `loupe mock`: from .proto files or a running server, with rule files, listed by `loupe list`,
 * and recording a real server (the demo) to replay with it stopped. */

const DEMO_PROTOS = resolve(__dirname, '../core/demo/proto');
const schema = demoSchema();

describe('loupe mock', () => {
  it('serves a .proto folder with rules, names a bad rule file at start and serves the rest', async () => {
    const rules = rulesDir({
      'echo.json': {
        method: 'loupe.demo.v1.Demo/Echo',
        rules: [{ name: 'greeting', when: { request: { message: 'hi' } }, body: { message: 'hello' } }],
      },
      'broken.json': { method: 'loupe.demo.v1.Demo/Ticker', rules: [{ body: {} }] },
    });
    const mock = await startCommand(['mock', DEMO_PROTOS, '--rules', rules]);
    expect(mock.stdout()).toMatch(
      /^Mock server \(loupe\.demo\.v1\.Demo; reflection, health, 1 rule file\) listening on 127\.0\.0\.1:\d+\n$/,
    );
    expect(mock.stderr()).toBe(
      `loupe: mock rules: ${join(rules, 'broken.json').replace(process.cwd() + '/', '')}: rules[0]: body: Ticker is server-streaming; its rules answer with messages or generate (or status) (file left out)\n`,
    );
    const list = await cli(['list', '--plaintext', mock.address]);
    expect(list).toEqual({ code: 0, stdout: 'grpc.health.v1.Health\nloupe.demo.v1.Demo\n', stderr: '' });
    const call = await cli(['call', '--plaintext', mock.address, 'loupe.demo.v1.Demo/Echo', '-d', '{"message":"hi"}']);
    expect(JSON.parse(call.stdout)).toEqual({ message: 'hello' });
    const done = await mock.stop();
    expect(done.code).toBe(0);
    expect(done.stderr).toMatch(/loupe\.demo\.v1\.Demo\/Echo <- rule "greeting" -> OK \(1 message, \d+ ms\)\n/);
  });

  it('refuses half a TLS pair and a missing rules folder, before serving', async () => {
    expect(await cli(['mock', DEMO_PROTOS, '--tls-cert', 'x.pem'])).toMatchObject({
      code: 1,
      stderr: 'loupe: --tls-cert and --tls-key go together: the certificate and its key\n',
    });
    expect(await cli(['mock', DEMO_PROTOS, '--rules', '/nonexistent/mocks'])).toMatchObject({
      code: 1,
      stderr: 'loupe: Cannot read the mock rules folder /nonexistent/mocks: it does not exist\n',
    });
  });
});

describe('loupe mock over gRPC-Web and Connect', () => {
  it('answers the same rules on its web port, errors with details included', async () => {
    const rules = rulesDir({
      'echo.json': {
        method: 'loupe.demo.v1.Demo/Echo',
        rules: [
          {
            when: { request: { message: 'fail' } },
            status: {
              code: 'NOT_FOUND',
              message: 'no such greeting',
              details: [{ type: 'google.rpc.ErrorInfo', json: { reason: 'MISSING', domain: 'mock' } }],
            },
          },
          { body: { message: 'hello {{request.message}} #{{seq}}' } },
        ],
      },
      'ticker.json': {
        method: 'loupe.demo.v1.Demo/Ticker',
        rules: [{ generate: { count: 3, body: { seq: '{{index}}' } } }],
      },
    });
    const mock = await startCommand(['mock', DEMO_PROTOS, '--rules', rules, '--web-port', '0']);
    const web = /over gRPC-Web, gRPC-Web text and Connect listening on (\S+)\n/.exec(mock.stdout())![1]!;
    const call = (protocol: string, method: string, body: string) =>
      cli(['call', '--plaintext', '--protocol', protocol, web, `loupe.demo.v1.Demo/${method}`, '-d', body]);
    const answers = [];
    for (const protocol of ['connect', 'grpc-web', 'grpc-web-text', 'grpc']) {
      const r = await call(protocol, 'Echo', '{"message":"web"}');
      expect(r.stderr).toBe('');
      answers.push((JSON.parse(r.stdout) as { message: string }).message);
    }
    // One counter per rule, whichever protocol the call came over.
    expect(answers).toEqual(['hello web #1', 'hello web #2', 'hello web #3', 'hello web #4']);
    const ticks = await call('connect', 'Ticker', '{}');
    expect(ticks.stdout.replace(/\s+/g, '')).toBe('{}{"seq":"1"}{"seq":"2"}');
    const failed = await cli([
      'call',
      '--plaintext',
      '--protocol',
      'grpc-web',
      '-v',
      web,
      'loupe.demo.v1.Demo/Echo',
      '-d',
      '{"message":"fail"}',
    ]);
    expect(failed.code).toBe(64 + 5);
    expect(failed.stderr).toContain('no such greeting');
    expect(failed.stderr).toContain('google.rpc.ErrorInfo');
    expect(failed.stderr).toContain('MISSING');
    await mock.stop();
  });
});

describe('recording a real server, replaying it offline', () => {
  let demo: DemoServer;
  beforeAll(async () => {
    demo = await startDemoServer();
  });
  afterAll(() => demo?.stop());

  it('writes what the demo answered as rules, and answers the same with the demo stopped', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'loupe-record-')), 'mocks');
    const recorder = await startCommand([
      'mock',
      demo.address,
      '--plaintext',
      '--record',
      demo.address,
      '--rules',
      dir,
    ]);
    expect(recorder.stdout()).toContain(`recording ${demo.address} into ${dir}`);
    const calls = async (address: string) => {
      const c = new JsonClient(address, schema);
      try {
        const echo = await c.unary('loupe.demo.v1.Demo/Echo', { message: 'recorded' });
        const failed = await c
          .unary('loupe.demo.v1.Demo/Echo', { fail: { code: 5, withDetails: true } })
          .catch(({ code, message, details }: Failure) => ({ code, message, details }));
        const ticks = await c.serverStream('loupe.demo.v1.Demo/Ticker', { count: 3 });
        const sum = await c.clientStream('loupe.demo.v1.Demo/Sum', [{ value: 40 }, { value: 2 }]);
        const chat = await c.bidi('loupe.demo.v1.Demo/Chat', [{ user: 'ann', text: 'hi' }]);
        return { echo, failed, ticks, sum, chat };
      } finally {
        c.close();
      }
    };
    const live = await calls(recorder.address);
    expect(live.echo).toMatchObject({ message: 'recorded' });
    expect(live.failed).toMatchObject({ code: 5, details: expect.arrayContaining([expect.anything()]) as unknown });
    const recorded = await recorder.stop();
    expect(recorded.code).toBe(0);
    expect(recorded.stderr).toMatch(
      /^loupe\.demo\.v1\.Demo\/Echo <- recorded from the upstream -> OK \(1 message, \d+ ms\)$/m,
    );
    expect(recorded.stderr).toMatch(
      /^loupe\.demo\.v1\.Demo\/Echo <- recorded from the upstream -> NOT_FOUND: demo failure/m,
    );
    expect(readdirSync(dir).sort()).toEqual([
      'loupe.demo.v1.Demo.Chat.json',
      'loupe.demo.v1.Demo.Echo.json',
      'loupe.demo.v1.Demo.Sum.json',
      'loupe.demo.v1.Demo.Ticker.json',
    ]);
    const echoRules = JSON.parse(readFileSync(join(dir, 'loupe.demo.v1.Demo.Echo.json'), 'utf8')) as {
      rules: unknown[];
    };
    expect(echoRules.rules).toHaveLength(2);

    await demo.stop();
    const replay = await startCommand(['mock', DEMO_PROTOS, '--rules', dir]);
    const offline = await calls(replay.address);
    const done = await replay.stop();
    expect(done.stderr).not.toContain('loupe: mock rules:');
    expect(offline).toEqual(live);
  });
});
