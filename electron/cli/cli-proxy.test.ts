import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../core/demo';
import { startConnectProxy, startSocks5Proxy, type TestProxy } from '../core/net/test-support/proxies';
import { WorkspaceStore } from '../core/workspace';
import { cli } from './test-support/test-io';

/* `loupe call --proxy/--no-proxy`, and `loupe run` through a workspace environment's proxy whose
 * password is a secret variable: the calls go through the proxies (they count them), and the
 * password appears in no output and no file the run leaves. */

const PASSWORD = 'corp-Pr0xy-pw-31337';
const auth = { username: 'dev', password: PASSWORD };
let demo: DemoServer;
let socks: TestProxy;
let connect: TestProxy;
let closedPort: number;
let root: string;
let dataDir: string;
const saved = { ...process.env };

beforeAll(async () => {
  demo = await startDemoServer();
  socks = await startSocks5Proxy({ auth });
  connect = await startConnectProxy({ auth });
  const closed = net.createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  closedPort = (closed.address() as net.AddressInfo).port;
  await new Promise((r) => closed.close(r));

  root = mkdtempSync(join(tmpdir(), 'loupe-proxy-ws-'));
  dataDir = mkdtempSync(join(tmpdir(), 'loupe-proxy-data-'));
  process.env.LOUPE_DATA_DIR = dataDir;
  const store = await WorkspaceStore.open(root, { create: true });
  await store.saveWorkspaceFile({
    version: 1,
    defaultEnvironment: 'corp',
    targets: { demo: { address: `localhost:${demo.port}`, tls: { enabled: false } } },
  });
  await store.saveEnvironment('corp', {
    version: 1,
    variables: [{ name: 'proxyPassword', secret: true }],
    proxy: `http://dev:{{proxyPassword}}@127.0.0.1:${connect.port}`,
  });
  await store.saveRequest('echo', {
    version: 1,
    target: 'demo',
    method: 'loupe.demo.v1.Demo/Echo',
    body: { message: 'through the corporate proxy' },
  });
});
afterAll(async () => {
  process.env = saved;
  await Promise.all([demo.stop(), socks.close(), connect.close()]);
});

const ECHO = ['-d', '{"message":"proxied"}'];

describe('loupe call --proxy', () => {
  it('goes through a SOCKS5 proxy with credentials', async () => {
    const before = socks.tunnels;
    const run = await cli([
      'call',
      '--plaintext',
      '--proxy',
      socks.url,
      ...ECHO,
      `localhost:${demo.port}`,
      'loupe.demo.v1.Demo/Echo',
    ]);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toMatchObject({ message: 'proxied' });
    expect(socks.tunnels).toBeGreaterThan(before);
  });

  it('-v says which proxy carried the call, without its password', async () => {
    const args = ['call', '-v', '--plaintext', '--proxy', socks.url, ...ECHO, `localhost:${demo.port}`];
    const run = await cli([...args, 'loupe.demo.v1.Demo/Echo']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`through the proxy socks5://127.0.0.1:${socks.port} (from the settings)`);
    expect(run.stderr).not.toContain(PASSWORD);
  });

  it('a wrong password is a 407 in plain words, without the password', async () => {
    const wrong = connect.url.replace(PASSWORD, 'guessed-wrong');
    const run = await cli([
      'call',
      '--plaintext',
      '--proxy',
      wrong,
      ...ECHO,
      `localhost:${demo.port}`,
      'loupe.demo.v1.Demo/Echo',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `The proxy http://127.0.0.1:${connect.port} refused the connection (CONNECT answered 407`,
    );
    expect(run.stderr + run.stdout).not.toContain('guessed-wrong');
  });

  it('--no-proxy connects directly though HTTP_PROXY names a proxy that is down', async () => {
    process.env.http_proxy = `http://127.0.0.1:${closedPort}`;
    try {
      const down = await cli(['call', '--plaintext', ...ECHO, `localhost:${demo.port}`, 'loupe.demo.v1.Demo/Echo']);
      expect(down.stderr).toContain(`The proxy http://127.0.0.1:${closedPort} is unreachable`);
      const direct = await cli([
        'call',
        '--plaintext',
        '--no-proxy',
        ...ECHO,
        `localhost:${demo.port}`,
        'loupe.demo.v1.Demo/Echo',
      ]);
      expect(direct.code).toBe(0);
    } finally {
      delete process.env.http_proxy;
    }
  });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('loupe run', () => {
  it("uses the environment's proxy with its secret password, and writes the password nowhere", async () => {
    process.env.LOUPE_SECRET_PROXYPASSWORD = PASSWORD;
    const before = connect.tunnels;
    const run = await cli(['run', root, '--reporter', 'json']);
    expect(run.code).toBe(0);
    expect(connect.tunnels).toBeGreaterThan(before);
    expect(connect.credentialsSeen.at(-1)).toBe(`Basic ${Buffer.from(`dev:${PASSWORD}`).toString('base64')}`);
    expect(run.stdout + run.stderr).not.toContain(PASSWORD);
    const written = [...filesUnder(root), ...filesUnder(dataDir)];
    expect(written.length).toBeGreaterThan(1);
    for (const file of written) expect(readFileSync(file, 'utf8'), file).not.toContain(PASSWORD);
  });
});
