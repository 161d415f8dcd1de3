import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../core/demo';
import { HistoryStore } from '../core/history';
import { WorkspaceLocalState, WorkspaceStore } from '../core/workspace';
import { cli } from './test-support/test-io';

let demo: DemoServer;
let root: string;
let dataDir: string;
const saved = { ...process.env };

const script = (path: string, code: string) => writeFile(join(root, ...path.split('/')), code);

beforeAll(async () => {
  demo = await startDemoServer();
  root = await mkdtemp(join(tmpdir(), 'loupe-scripts-'));
  dataDir = await mkdtemp(join(tmpdir(), 'loupe-scripts-data-'));
  process.env.LOUPE_DATA_DIR = dataDir;
  const store = await WorkspaceStore.open(root, { create: true });
  await store.saveWorkspaceFile({
    version: 1,
    defaultEnvironment: 'dev',
    targets: { demo: { address: '{{host}}', tls: { enabled: false } } },
    scriptLimits: { cpuMs: 500, memoryMb: 64 },
  });
  await store.saveEnvironment('dev', {
    version: 1,
    variables: [
      { name: 'host', value: demo.address },
      { name: 'token', secret: true },
    ],
  });
  const echo = (message: string) => ({
    version: 1,
    target: 'demo',
    method: 'loupe.demo.v1.Demo/Echo',
    body: { message },
  });
  await store.saveRequest('chain/1-create', echo('order-7'));
  // Its metadata needs the token before any script ran: resolved only after beforeCall.
  await store.saveRequest('chain/2-get', {
    ...echo(''),
    body: '{"message": "{{orderId}}-fetched"}',
    metadata: [{ name: 'x-order-token', value: '{{token}}' }],
  });
  await store.saveRequest('chain/3-ticks', {
    version: 1,
    target: 'demo',
    method: 'loupe.demo.v1.Demo/Ticker',
    body: { count: 10000 },
  });
  await store.saveRequest('sandbox/loops', echo('x'));
  await store.saveRequest('sandbox/allocates', echo('x'));
  await store.saveRequest('sandbox/escapes', echo('x'));
  await store.saveRequest('sandbox/broken-assertion', echo('x'));
  await script(
    'loupe.workspace.js',
    `afterCall((res) => test('status is OK', () => expect(res.status.name).to.equal('OK')));\n`,
  );
  // The folder logs in once (a helper call), keeps the token as a secret, and sends it on each request.
  await script(
    'requests/chain/_folder.js',
    `beforeCall(async (req) => {
      if (!env.has('token') || env.get('token') === '') {
        const login = await call('loupe.demo.v1.Demo/Echo', { message: 'tok-' + 42 });
        env.set('token', login.message.message, { secret: true });
      }
      req.metadata.set('authorization', 'Bearer {{token}}');
    });\n`,
  );
  await script(
    'requests/chain/1-create.js',
    `afterCall((res) => {
      test('the token went with the call', () => expect(res.headers.get('authorization')).to.equal('Bearer tok-42'));
      env.set('orderId', res.message.message);
    });\n`,
  );
  await script(
    'requests/chain/2-get.js',
    `afterCall((res) => {
      test('got the order', () => expect(res.message.message).to.equal('order-7-fetched'));
      test('the saved metadata used the token', () => expect(res.headers.get('x-order-token')).to.equal('tok-42'));
    });\n`,
  );
  await script(
    'requests/chain/3-ticks.js',
    `onMessage((m, { index }) => test('ticks arrive in order', () => expect(m.seq).to.equal(String(index + 1))));
     afterCall((res) => test('all arrived', () => expect(res.count).to.equal(10000)));\n`,
  );
  await script('requests/sandbox/loops.js', `afterCall(() => { for (;;) {} });\n`);
  await script(
    'requests/sandbox/allocates.js',
    `afterCall(() => { const a = []; for (;;) a.push(new Array(1e5).fill(7)); });\n`,
  );
  await script(
    'requests/sandbox/escapes.js',
    `afterCall(() => {
      for (const [name, attempt] of Object.entries({
        require: () => require('fs'),
        process: () => process.env,
        fetch: () => fetch('http://127.0.0.1:1/'),
        constructor: () => this.constructor.constructor('return process')(),
      })) test(name + ' is out of reach', () => expect(attempt).to.throw());
    });\n`,
  );
  await script(
    'requests/sandbox/broken-assertion.js',
    `afterCall((res) => test('echoes what was not sent', () => expect(res.message.message).to.equal('y')));\n`,
  );
});
afterAll(async () => {
  process.env = saved;
  await demo.stop();
});

describe('loupe run with scripts', () => {
  it('refuses to run scripts of a workspace this machine has not trusted, naming them', async () => {
    const r = await cli(['run', root, 'chain', '--no-history']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'loupe: The workspace has scripts (loupe.workspace.js, requests/chain/_folder.js, requests/chain/1-create.js, requests/chain/2-get.js and 5 more) and is not trusted here: run with --trust to run them, or --no-scripts to run the requests without them\n',
    );
    expect(r.stdout).toBe('');
  });

  it('--no-scripts runs the requests alone', async () => {
    const r = await cli(['run', root, 'chain/1-create', '--no-scripts', '--no-history']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/^ +pass/m);
  });

  it('chains a login, an id and a 10,000-message stream through three requests, printing each test', async () => {
    const r = await cli(['run', root, 'chain', '--trust']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^ok +chain\/1-create +OK/m);
    // The folder's login helper call is logged under the request that made it.
    expect(r.stdout).toMatch(/^ +log +call loupe\.demo\.v1\.Demo\/Echo: OK \(\d+ ms\)$/m);
    expect(r.stdout).toMatch(/^ +pass +the token went with the call$/m);
    expect(r.stdout).toMatch(/^ok +chain\/2-get +OK/m);
    expect(r.stdout).toMatch(/^ +pass +got the order$/m);
    expect(r.stdout).toMatch(/^ +pass +ticks arrive in order \(10000 runs\)$/m);
    expect(r.stdout).toMatch(/^ +pass +all arrived$/m);
    expect(r.stdout.trim().split('\n').at(-1)).toBe('3 passed, 0 failed; tests: 10007 passed, 0 failed');
    expect(r.code).toBe(0);
    // The token a script set as a secret is masked in what the run recorded.
    const history = HistoryStore.inDataDir(dataDir);
    const [ticks, get] = await history.list();
    expect(ticks).toMatchObject({ requestPath: 'chain/3-ticks' });
    expect(JSON.stringify(await history.get(get!.id))).not.toContain('tok-42');
  });

  it('a trusted folder runs without --trust; a broken assertion fails the run with its message', async () => {
    await WorkspaceLocalState.inDataDir(dataDir).setTrusted(root, true);
    try {
      const r = await cli(['run', root, 'sandbox/broken-assertion', '--no-history']);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/^FAIL +sandbox\/broken-assertion +OK/m);
      expect(r.stdout).toMatch(/^ +FAIL +echoes what was not sent: expected 'x' to equal 'y'$/m);
    } finally {
      await WorkspaceLocalState.inDataDir(dataDir).setTrusted(root, false);
    }
  });

  it('ends a script that loops or allocates without bound with a clear error, and goes on', async () => {
    const r = await cli(['run', root, 'sandbox', '--trust', '--no-history']);
    expect(r.stdout).toMatch(
      /^FAIL +sandbox\/loops +OK - The afterCall hook in requests\/sandbox\/loops\.js failed: ran for more than 0\.5 s of CPU time/m,
    );
    expect(r.stdout).toMatch(/^FAIL +sandbox\/allocates +OK - The scripts used more than 64 MB of memory/m);
    expect(r.stdout).toMatch(/^ok +sandbox\/escapes/m);
    for (const name of ['require', 'process', 'fetch', 'constructor'])
      expect(r.stdout).toMatch(new RegExp(`^ +pass +${name} is out of reach$`, 'm'));
    expect(r.code).toBe(1);
  });

  it('--reporter junit writes a suite per request that a JUnit parser reads; --bail stops at the first failure', async () => {
    const items = ['chain/1-create', 'sandbox/broken-assertion', 'sandbox/escapes'];
    const r = await cli(['run', root, ...items, '--trust', '--bail', '--reporter', 'junit', '--no-history']);
    expect(r.code).toBe(1);
    const doc = new DOMParser().parseFromString(r.stdout, 'text/xml');
    const suites = Array.from(doc.getElementsByTagName('testsuite'));
    expect(suites.map((s) => [s.getAttribute('name'), s.getAttribute('failures'), s.getAttribute('skipped')])).toEqual([
      ['chain/1-create', '0', '0'],
      ['sandbox/broken-assertion', '1', '0'],
      ['sandbox/escapes', '0', '1'],
    ]);
    // The call itself, the workspace's test, the folder's and the request's own.
    expect(suites[0]!.getAttribute('tests')).toBe('3');
    const failure = suites[1]!.getElementsByTagName('failure')[0]!;
    expect(failure.getAttribute('message')).toBe("expected 'x' to equal 'y'");
    expect(failure.parentNode && (failure.parentNode as Element).getAttribute('name')).toBe('echoes what was not sent');
  });

  it('snapshot tests: a new one fails until approved, then a changed field fails unless ignored', async () => {
    await mkdir(join(root, 'requests', 'snap'), { recursive: true });
    const store = await WorkspaceStore.open(root);
    await store.saveRequest('snap/echo', {
      version: 1,
      target: 'demo',
      method: 'loupe.demo.v1.Demo/Echo',
      body: { message: 'a' },
    });
    await script(
      'requests/snap/echo.js',
      `afterCall((res) => snapshot('echo', res.message, { ignore: ['receivedAt'] }));\n`,
    );
    const first = await cli(['run', root, 'snap', '--trust', '--no-history']);
    expect(first.stdout).toMatch(/FAIL +snapshot: echo: no approved snapshot yet/);
    await mkdir(join(root, 'snapshots', 'snap'), { recursive: true });
    await writeFile(
      join(root, 'snapshots', 'snap', 'echo.json'),
      JSON.stringify({
        version: 1,
        snapshots: { echo: { message: 'a', receivedAt: '2000-01-01T00:00:00Z', metadataCount: 0 } },
      }),
    );
    const matched = await cli(['run', root, 'snap', '--trust', '--no-history']);
    expect(matched.stdout).toMatch(/^ +pass +snapshot: echo$/m);
    expect(matched.code).toBe(0);
    await store.saveRequest('snap/echo', {
      version: 1,
      target: 'demo',
      method: 'loupe.demo.v1.Demo/Echo',
      body: { message: 'b' },
    });
    const changed = await cli(['run', root, 'snap', '--trust', '--no-history']);
    expect(changed.stdout).toMatch(/FAIL +snapshot: echo: differs from the approved snapshot at message: "a" -> "b"/);
    expect(await readFile(join(root, 'snapshots', 'snap', 'echo.json'), 'utf8')).toContain('"a"');
    // --update-snapshots approves what was received, and the run passes.
    const updated = await cli(['run', root, 'snap', '--trust', '--no-history', '--update-snapshots']);
    expect(updated.stdout).toMatch(/^ +pass +snapshot: echo \(approved\)$/m);
    expect(updated.code).toBe(0);
    expect(JSON.parse(await readFile(join(root, 'snapshots', 'snap', 'echo.json'), 'utf8'))).toMatchObject({
      version: 1,
      snapshots: { echo: { message: 'b' } },
    });
    expect((await cli(['run', root, 'snap', '--trust', '--no-history'])).code).toBe(0);
  });
});
