import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoWebServer, type DemoWebServer } from '../core/demo';
import { buildBundledCli, bundledCliEnv, runBundledCli } from './test-support/bundled-cli';

/* --protocol, --http1 and --connect-json by the bundled CLI as a child process, against the demo's
 * Connect/gRPC-Web server; `loupe run` with the protocol stored in a workspace target. */

let bundle: string;
let web: DemoWebServer;

beforeAll(async () => {
  bundle = await buildBundledCli();
  web = await startDemoWebServer();
}, 60_000);
afterAll(() => web.stop());

const run = (args: string[], stdin?: string) => runBundledCli(bundle, args, stdin);

const call = (flags: string[], method: string, data: string, stdin?: string) =>
  run(['call', '--plaintext', ...flags, '-d', data, web.address, `loupe.demo.v1.Demo/${method}`], stdin);

describe('loupe call over every protocol', () => {
  it.each([
    [['--protocol', 'grpc-web']],
    [['--protocol', 'grpc-web-text']],
    [['--protocol', 'connect']],
    [['--protocol', 'connect', '--connect-json', '--http1']],
    [['--protocol', 'grpc-web', '--http1']],
  ])('%j: Echo, Ticker, and the exchange in -v', async (flags) => {
    const echo = await call([...flags, '-v', '-H', 'x-a: 1'], 'Echo', '{"message":"hi"}');
    expect(echo.code).toBe(0);
    expect(JSON.parse(echo.stdout)).toMatchObject({ message: 'hi', metadataCount: 1 });
    expect(echo.stderr).toMatch(/ over (gRPC-Web|gRPC-Web text|Connect) \(HTTP\/(2|1\.1), application\//);
    expect(echo.stderr).toContain('x-a: 1');
    const ticker = await call(flags, 'Ticker', '{"count":3}');
    expect(ticker.code).toBe(0);
    expect(ticker.stdout.match(/"seq"/g)).toHaveLength(3);
  });

  it('Chat from stdin over Connect and gRPC-Web on HTTP/2', async () => {
    for (const protocol of ['connect', 'grpc-web']) {
      const r = await call(['--protocol', protocol], 'Chat', '@-', '{"text":"a"}\n{"text":"bye"}\n');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('you said: a');
      expect(r.stdout).toContain('bye!');
    }
  });

  it('a bidi call over HTTP/1.1 is refused in one line, exit 1', async () => {
    const r = await call(['--protocol', 'grpc-web', '--http1'], 'Chat', '{"text":"a"}');
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      'loupe: gRPC-Web over HTTP/1.1 cannot carry a bidi-streaming call: it needs HTTP/2. Switch the connection to HTTP/2 (CLI: drop --http1), or use gRPC.',
    ]);
  });

  it('a failure: the status with its details, exit 64 + code', async () => {
    const r = await call(['--protocol', 'connect'], 'Echo', '{"fail":{"code":9,"withDetails":true}}');
    expect(r.code).toBe(64 + 9);
    expect(r.stderr).toContain('Code: FAILED_PRECONDITION (9)');
    expect(r.stderr).toContain('google.rpc.ErrorInfo');
  });

  it('usage errors: an unknown protocol, --http1 on gRPC', async () => {
    expect((await call(['--protocol', 'soap'], 'Echo', '{}')).stderr).toContain(
      "--protocol must be one of grpc, grpc-web, grpc-web-text, connect, got 'soap'",
    );
    expect((await call(['--http1'], 'Echo', '{}')).stderr).toContain('--http1 needs --protocol');
  });
});

describe('loupe demo', () => {
  it('prints both addresses; the second speaks Connect', async () => {
    const child = spawn(process.execPath, [bundle, 'demo', '--port', '0', '--web-port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: bundledCliEnv(),
    });
    let out = '';
    const address = await new Promise<string>((res, rej) => {
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        const m = /and Connect \(HTTP\/1\.1 and HTTP\/2\) listening on (\S+)/.exec(out);
        if (m?.[1]) res(m[1]);
      });
      child.on('exit', () => rej(new Error(`demo exited early: ${out}`)));
    });
    expect(out).toMatch(/^Demo server \(loupe.demo.v1.Demo, with reflection\) listening on 127.0.0.1:\d+$/m);
    const r = await run([
      'call',
      '--plaintext',
      '--protocol',
      'connect',
      '--http1',
      '-d',
      '{"message":"web"}',
      address,
      'loupe.demo.v1.Demo/Echo',
    ]);
    expect(JSON.parse(r.stdout)).toMatchObject({ message: 'web' });
    const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});

describe('loupe run with a protocol stored in the workspace', () => {
  it('runs each saved request over its target protocol', async () => {
    const root = mkdtempSync(join(tmpdir(), 'loupe-ws-'));
    writeFileSync(
      join(root, 'loupe.workspace.json'),
      JSON.stringify({
        version: 1,
        targets: {
          connect: { address: web.address, protocol: 'connect', connectCodec: 'json' },
          text: { address: web.address, protocol: 'grpc-web-text', httpVersion: '1.1' },
        },
      }),
    );
    mkdirSync(join(root, 'requests'));
    const save = (name: string, request: object) =>
      writeFileSync(join(root, 'requests', `${name}.json`), JSON.stringify({ version: 1, ...request }));
    save('echo', { target: 'connect', method: 'loupe.demo.v1.Demo/Echo', body: { message: 'saved' } });
    save('ticker', { target: 'text', method: 'loupe.demo.v1.Demo/Ticker', body: { count: 2 } });
    save('chat', { target: 'connect', method: 'loupe.demo.v1.Demo/Chat', messages: [{ text: 'bye' }] });
    const r = await run(['run', root, '--reporter', 'json', '--no-history']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { passed: number; failed: number };
    expect(report).toMatchObject({ passed: 3, failed: 0 });
  });
});
