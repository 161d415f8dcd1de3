import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SavedRequest } from '../../../shared/model/workspace';
import { startDemoServer, type DemoServer } from '../../core/demo';
import { HistoryStore } from '../../core/history';
import { WorkspaceStore } from '../../core/workspace';
import { cli } from '../test-support/test-io';

let demo: DemoServer;
let root: string;
let dataDir: string;
const saved = { ...process.env };

const echo = (body: unknown, extra: Partial<SavedRequest> = {}): SavedRequest => ({
  version: 1,
  target: 'demo',
  method: 'loupe.demo.v1.Demo/Echo',
  body: body as SavedRequest['body'],
  ...extra,
});

beforeAll(async () => {
  demo = await startDemoServer();
  root = mkdtempSync(join(tmpdir(), 'loupe-run-'));
  dataDir = mkdtempSync(join(tmpdir(), 'loupe-run-data-'));
  process.env.LOUPE_DATA_DIR = dataDir;
  const store = await WorkspaceStore.open(root, { create: true });
  await store.saveWorkspaceFile({
    version: 1,
    defaultEnvironment: 'dev',
    targets: { demo: { address: '{{host}}', tls: { enabled: false } } },
  });
  await store.saveEnvironment('dev', {
    version: 1,
    variables: [
      { name: 'host', value: demo.address },
      { name: 'who', value: 'world' },
      { name: 'token', secret: true },
    ],
  });
  await store.saveRequest(
    'echo',
    echo('{"message": "hello {{who}}"}', { metadata: [{ name: 'authorization', value: 'Bearer {{token}}' }] }),
  );
  await store.saveRequest('streams/ticker', {
    version: 1,
    target: 'demo',
    method: 'loupe.demo.v1.Demo/Ticker',
    body: { count: 3 },
  });
  await store.saveRequest('streams/sum', {
    version: 1,
    target: 'demo',
    method: 'loupe.demo.v1.Demo/Sum',
    messages: [{ value: 1 }, { value: '2' }],
  });
  await store.saveRequest('broken/fails', echo({ message: 'x', fail: { code: 5, message: 'no such thing' } }));
  await store.saveRequest('broken/missing-var', echo('{"message": "{{nope}}"}'));
});
afterAll(async () => {
  process.env = saved;
  await demo.stop();
});

describe('loupe run', () => {
  it('runs the selected requests with the environment and secrets from LOUPE_SECRET_*, one line each, exit 0', async () => {
    process.env.LOUPE_SECRET_TOKEN = 'from-env';
    try {
      const r = await cli(['run', root, 'echo', 'streams']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const lines = r.stdout.trim().split('\n');
      expect(lines[0]).toMatch(/^ok +echo {2}OK {2}\d+ ms$/);
      expect(lines[1]).toMatch(/^ok +streams\/sum {2}OK/);
      expect(lines[2]).toMatch(/^ok +streams\/ticker {2}OK/);
      expect(lines.at(-1)).toBe('3 passed, 0 failed');
    } finally {
      delete process.env.LOUPE_SECRET_TOKEN;
    }
    // Recorded in the app's history as written: the template, never the secret's value.
    const [latest, , first] = await HistoryStore.inDataDir(dataDir).list();
    expect(latest).toMatchObject({ requestPath: 'streams/ticker', responseCount: 3 });
    expect(first).toMatchObject({ requestPath: 'echo', address: demo.address });
    const entry = await HistoryStore.inDataDir(dataDir).get(first!.id);
    expect(entry).toMatchObject({
      environment: 'dev',
      metadata: [{ name: 'authorization', value: 'Bearer {{token}}' }],
      requests: ['{"message": "hello {{who}}"}'],
    });
    expect(entry.target.address).toBe('{{host}}');
    expect(JSON.parse(entry.responses[0]!)).toMatchObject({ message: 'hello world' });
  });

  it('exits non-zero when a request fails, and says why for each', async () => {
    const r = await cli(['run', root, '--no-history']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^FAIL {2}broken\/fails {2}NOT_FOUND \(5\) no such thing {2}\d+ ms$/m);
    expect(r.stdout).toMatch(
      /^FAIL {2}broken\/missing-var {2}VALIDATION: Variable 'nope' used in the body of broken\/missing-var is not defined in environment 'dev'/m,
    );
    // No LOUPE_SECRET_TOKEN and nothing stored: the secret is missing, by name.
    expect(r.stdout).toMatch(
      /^FAIL {2}echo {2}VALIDATION: Secret variable 'token' used in metadata 'authorization' of echo has no value in environment 'dev': set LOUPE_SECRET_TOKEN/m,
    );
    expect(r.stdout).toMatch(/^ok +streams\/ticker/m);
    expect(r.stdout.trim().split('\n').at(-1)).toBe('2 passed, 3 failed');
  });

  it('takes an empty LOUPE_SECRET_* for a missing secret, and says so', async () => {
    process.env.LOUPE_SECRET_TOKEN = '';
    try {
      const r = await cli(['run', root, 'echo', '--no-history']);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(
        /^FAIL {2}echo {2}VALIDATION: Secret variable 'token' used in metadata 'authorization' of echo has no value in environment 'dev': LOUPE_SECRET_TOKEN is set but empty/m,
      );
    } finally {
      delete process.env.LOUPE_SECRET_TOKEN;
    }
  });

  it('--reporter json prints one machine-readable report', async () => {
    const r = await cli(['run', root, 'broken/fails', 'streams/sum', '--reporter', 'json', '--no-history']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ environment: 'dev', passed: 1, failed: 1 });
    expect(report.results).toEqual([
      {
        path: 'broken/fails',
        method: 'loupe.demo.v1.Demo/Echo',
        ok: false,
        status: { code: 5, name: 'NOT_FOUND', message: 'no such thing' },
        durationMs: expect.any(Number),
        responses: 0,
      },
      {
        path: 'streams/sum',
        method: 'loupe.demo.v1.Demo/Sum',
        ok: true,
        status: { code: 0, name: 'OK', message: expect.any(String) },
        durationMs: expect.any(Number),
        responses: 1,
      },
    ]);
  });

  it('refuses an unknown request, environment or folder in one line', async () => {
    const a = await cli(['run', root, 'nope']);
    expect(a.code).toBe(1);
    expect(a.stderr).toBe("loupe: the workspace has no request or folder 'nope'\n");
    const b = await cli(['run', root, '--env', 'prod']);
    expect(b.stderr).toMatch(/^loupe: the workspace has no environment 'prod' \(environments: dev\)\n$/);
    const c = await cli(['run', join(root, 'requests')]);
    expect(c.stderr).toMatch(/is not a Loupe workspace/);
  });

  it('fails the run when part of the collection cannot be read (a merge conflict, a FIFO), naming each file', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'loupe-run-broken-'));
    const store = await WorkspaceStore.open(ws, { create: true });
    await store.saveRequest('good', {
      version: 1,
      target: { address: demo.address },
      method: 'loupe.demo.v1.Demo/Echo',
      body: { message: 'x' },
    });
    writeFileSync(
      join(ws, 'requests', 'conflicted.json'),
      '<<<<<<< HEAD\n{"version":1}\n=======\n{"version":1}\n>>>>>>> theirs\n',
    );
    execFileSync('mkfifo', [join(ws, 'requests', 'pipe.json')]);
    const all = await cli(['run', ws, '--no-history']);
    expect(all.code).toBe(1);
    expect(all.stdout).toMatch(
      /^FAIL {2}requests\/conflicted\.json {2}VALIDATION: requests\/conflicted\.json:1:1: invalid JSON/m,
    );
    expect(all.stdout).toMatch(
      /^FAIL {2}requests\/pipe\.json {2}VALIDATION: Cannot read the workspace file requests\/pipe\.json: it is a named pipe \(FIFO\), not a regular file/m,
    );
    expect(all.stdout).toMatch(/^ok +good/m);
    expect(all.stdout.trim().split('\n').at(-1)).toBe('1 passed, 2 failed');
    // Asked for the readable request only: the others are warnings, not failures.
    const one = await cli(['run', ws, 'good', '--no-history']);
    expect(one.code).toBe(0);
    expect(one.stderr).toMatch(/^loupe: warning: requests\/conflicted\.json:1:1: invalid JSON/m);
  });

  it('a workspace target naming a FIFO or a device as its CA bundle or protoset fails the run, it does not hang it', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'loupe-run-hostile-'));
    const store = await WorkspaceStore.open(ws, { create: true });
    execFileSync('mkfifo', [join(ws, 'ca.pem')]);
    await store.saveWorkspaceFile({
      version: 1,
      targets: {
        pipeCa: { address: demo.address, tls: { enabled: true, caPath: 'ca.pem' } },
        zeroSet: { address: demo.address, schema: { reflection: false, protosets: ['/dev/zero'] } },
      },
    });
    await store.saveRequest('a', { version: 1, target: 'pipeCa', method: 'loupe.demo.v1.Demo/Echo' });
    await store.saveRequest('b', { version: 1, target: 'zeroSet', method: 'loupe.demo.v1.Demo/Echo' });
    const r = await cli(['run', ws, '--no-history']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      new RegExp(
        `^FAIL {2}a {2}VALIDATION: Cannot read the CA bundle ${ws}/ca\\.pem: it is a named pipe \\(FIFO\\), not a regular file`,
        'm',
      ),
    );
    expect(r.stdout).toMatch(
      /^FAIL {2}b {2}SCHEMA: Cannot read the protoset \/dev\/zero: it is a device, not a regular file/m,
    );
  });
});

describe('loupe run: request JSON', () => {
  it('sends 64-bit integers saved without quotes exactly, and a bad value fails naming its path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'loupe-run-exact-'));
    const store = await WorkspaceStore.open(dir, { create: true });
    await store.saveWorkspaceFile({
      version: 1,
      targets: { demo: { address: demo.address, tls: { enabled: false } } },
    });
    // As the app saves them: not plain 2-space JSON, so kept as the exact text typed.
    const sample =
      '{"bigSigned": -9223372036854775808, "bigUnsigned": 18446744073709551615, "fixed": 9007199254740993}';
    await store.saveRequest('mirror', {
      version: 1,
      target: 'demo',
      method: 'loupe.demo.v1.Demo/Mirror',
      body: sample,
    });
    await store.saveRequest('sum', {
      version: 1,
      target: 'demo',
      method: 'loupe.demo.v1.Demo/Sum',
      messages: ['{"value": 9223372036854775807}', '{"value": -9223372036854775808}', '{"value": 9007199254740993}'],
    });
    await store.saveRequest('typo', {
      version: 1,
      target: 'demo',
      method: 'loupe.demo.v1.Demo/Mirror',
      body: '{"points": [{}, {"x": "1,5"}]}',
    });

    const r = await cli(['run', dir]);
    expect(r.stdout).toMatch(
      /^FAIL {2}typo {2}VALIDATION: points\[1\]\.x: expected a number \(double\), got "1,5" {2}\d+ ms$/m,
    );
    expect(r.code).toBe(1);
    const history = HistoryStore.inDataDir(dataDir);
    const latest = async (path: string) => {
      const item = (await history.list()).find((e) => e.requestPath === path); // newest first
      return history.get(item!.id);
    };
    expect(JSON.parse((await latest('mirror')).responses[0]!)).toEqual({
      bigSigned: '-9223372036854775808',
      bigUnsigned: '18446744073709551615',
      fixed: '9007199254740993',
    });
    expect(JSON.parse((await latest('sum')).responses[0]!)).toMatchObject({ total: '9007199254740992', count: 3 });
  });
});
