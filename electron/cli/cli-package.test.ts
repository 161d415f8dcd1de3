import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type DemoServer } from '../core/demo';
import { WorkspaceStore } from '../core/workspace';
import { startTestRegistry, type TestRegistry } from './testdata/npm-test-registry';

/*
 * The CLI as a CI pipeline gets it: `npm run pack:cli` makes the package, `npm install -g` of the
 * tarball puts it in a clean prefix (its dependencies from a loopback registry holding what
 * `npm ci` left in npm's cache: never the network), and the installed `loupe` runs list, call
 * and run against the demo server, from a folder outside the repository so that nothing
 * resolves from the repository's node_modules.
 */

const ROOT = resolve(__dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'loupe-cli-package-'));
const prefix = join(tmp, 'prefix');
const work = join(tmp, 'work');
const installed = join(prefix, 'lib', 'node_modules', 'loupe-grpc');
/** A bound that stops a hung child, not a measure of speed. */
const CHILD_LIMIT_MS = 240_000;

/** The environment without what `npm run`/`npm test` exported, which would steer the inner npm. */
const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
// The bin is `#!/usr/bin/env node`: the node running the tests must be the one it finds.
env.PATH = [dirname(process.execPath), process.env.PATH].join(delimiter);
env.LOUPE_DATA_DIR = join(tmp, 'data');
delete env.LOUPE_RENDERER_DIR;

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a child to its end (asynchronously: the registry answering npm lives in this process). */
function run(command: string, args: string[], cwd: string, limitMs = CHILD_LIMIT_MS): Promise<Ran> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const limit = setTimeout(() => child.kill(), limitMs);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('error', (err) => {
      clearTimeout(limit);
      fail(new Error(`${command} ${args.join(' ')}: ${err.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(limit);
      done({ code, stdout, stderr });
    });
  });
}

// Under the test timeout, so a command that never ends fails its assertions rather than timing out.
const loupe = (args: string[]) => run(join(prefix, 'bin', 'loupe'), args, work, 30_000);

let demo: DemoServer;
let registry: TestRegistry | undefined;
let packedFiles: string[];
let manifest: { name: string; version: string; dependencies: Record<string, string> };

beforeAll(async () => {
  const out = join(tmp, 'packed');
  const pack = await run(process.execPath, [join(ROOT, 'scripts/pack-cli.mjs'), '--out', out], ROOT);
  if (pack.code !== 0) throw new Error(`npm run pack:cli failed:\n${pack.stderr}`);
  const tarball = join(
    out,
    readdirSync(out).find((f) => f.endsWith('.tgz'))!,
  );
  packedFiles = (await run('tar', ['-tzf', tarball], tmp)).stdout.trim().split('\n');
  const unpacked = join(tmp, 'unpacked');
  mkdirSync(unpacked);
  await run('tar', ['-xzf', tarball, '-C', unpacked, 'package/package.json'], tmp);
  manifest = JSON.parse(readFileSync(join(unpacked, 'package/package.json'), 'utf8'));

  const npmCache = (await run('npm', ['config', 'get', 'cache'], ROOT)).stdout.trim();
  registry = await startTestRegistry({ lockfile: join(ROOT, 'package-lock.json'), npmCache });
  mkdirSync(work);
  const userConfig = join(tmp, 'npmrc');
  writeFileSync(userConfig, '');
  const install = await run(
    'npm',
    [
      'install',
      '--global',
      tarball,
      '--prefix',
      prefix,
      '--cache',
      join(tmp, 'npm-cache'),
      '--userconfig',
      userConfig,
      '--registry',
      registry.url,
      '--no-audit',
      '--no-fund',
      '--no-update-notifier',
      '--loglevel',
      'error',
    ],
    work,
  );
  if (install.code !== 0) {
    const why = registry.missing.length
      ? `npm's cache (${npmCache}) lacks ${registry.missing.join(', ')}: run \`npm ci\` in the repository first (this test never reaches the network).`
      : install.stderr;
    throw new Error(`npm install -g of the packed CLI failed: ${why}`);
  }
  demo = await startDemoServer();
}, 2 * CHILD_LIMIT_MS);

afterAll(async () => {
  await registry?.close();
  await demo?.stop();
  // The installed package is ~100 MB (buf's binaries): never leave it behind.
  rmSync(tmp, { recursive: true, force: true });
});

describe('the CLI package (loupe-grpc), installed with npm install -g', () => {
  it('holds the bundle, its manifests and the bundled protos only, and installs no Electron, React or Monaco', () => {
    const protos = packedFiles.filter((f) => f.startsWith('package/protos/'));
    expect(packedFiles.filter((f) => !protos.includes(f)).sort()).toEqual([
      'package/README.md',
      'package/cli.cjs',
      'package/load-worker.cjs',
      'package/package.json',
      'package/script-worker.cjs',
    ]);
    expect(protos).toContain('package/protos/google/api/annotations.proto');
    expect(protos).toContain('package/protos/google/protobuf/timestamp.proto');
    expect(protos.filter((f) => /^package\/protos\/google\/(cloud|ads)\//.test(f))).toEqual([]);
    expect(manifest.dependencies).not.toHaveProperty('google-proto-files');
    const top = readdirSync(join(installed, 'node_modules'));
    for (const app of ['electron', 'react', 'react-dom', 'monaco-editor', 'vite', 'zustand'])
      expect(top).not.toContain(app);
  });

  it("installs its dependencies at the repository's pinned versions, with buf's binary for this platform only", () => {
    const rootPkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    for (const [name, version] of Object.entries(manifest.dependencies)) {
      expect(version, name).toBe(rootPkg.dependencies[name]);
      expect(
        JSON.parse(readFileSync(join(installed, 'node_modules', name, 'package.json'), 'utf8')).version,
        name,
      ).toBe(version);
    }
    // buf ships one optional package per platform, ~90 MB each: a CI install must fetch only its
    // own (npm ci fetched only that one too, so a request for another shows up as missing).
    const bufBinaries = readdirSync(join(installed, 'node_modules', '@bufbuild')).filter((name) =>
      name.startsWith('buf-'),
    );
    expect(bufBinaries).toHaveLength(1);
    expect(registry!.missing).toEqual([]);
  });

  it("loupe run runs a workspace's scripts in the package's own script worker", async () => {
    const ws = join(work, 'scripted');
    mkdirSync(join(ws, 'requests'), { recursive: true });
    writeFileSync(
      join(ws, 'loupe.workspace.json'),
      JSON.stringify({ version: 1, targets: { demo: { address: demo.address } } }),
    );
    writeFileSync(
      join(ws, 'requests', 'echo.json'),
      JSON.stringify({ version: 1, target: 'demo', method: 'loupe.demo.v1.Demo/Echo', body: { message: 'hi' } }),
    );
    writeFileSync(
      join(ws, 'requests', 'echo.js'),
      "afterCall((res) => test('echoes', () => expect(res.message.message).to.equal('hi')));\n",
    );
    const ran = await loupe(['run', ws, '--trust', '--no-history']);
    expect(ran.stderr).toBe('');
    expect(ran.stdout).toMatch(/^ +pass +echoes$/m);
    expect(ran.code).toBe(0);
  });

  it("loupe load runs its generator in the package's own load worker", async () => {
    const ran = await loupe([
      'load',
      '--plaintext',
      demo.address,
      'loupe.demo.v1.Demo/Echo',
      '-n',
      '10',
      '-c',
      '2',
      '--threshold',
      'errors<1%',
      '--no-history',
    ]);
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain('Count:        10');
  });

  it('loupe list and describe by reflection', async () => {
    const list = await loupe(['list', '--plaintext', demo.address]);
    expect(list.stderr).toBe('');
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('loupe.demo.v1.Demo\n');
    const describe = await loupe(['describe', '--plaintext', demo.address, 'loupe.demo.v1.Demo.Echo']);
    expect(describe.code).toBe(0);
    expect(describe.stdout).toContain('rpc Echo');
  });

  it('loupe call by reflection, and from a .proto file (the buf compiler and the googleapis protos from the package)', async () => {
    const byReflection = await loupe([
      'call',
      '--plaintext',
      '-d',
      '{"message":"hi"}',
      demo.address,
      'loupe.demo.v1.Demo/Echo',
    ]);
    expect(byReflection.stderr).toBe('');
    expect(byReflection.code).toBe(0);
    expect(JSON.parse(byReflection.stdout)).toMatchObject({ message: 'hi' });

    // A copy outside the repository, so its imports (google/protobuf/*) come from the package.
    cpSync(join(ROOT, 'electron/core/demo/proto'), join(work, 'proto'), { recursive: true });
    const byProto = await loupe([
      'call',
      '--plaintext',
      '--proto',
      'loupe/demo/v1/demo.proto',
      '-I',
      'proto',
      '-d',
      '{"message":"from proto"}',
      demo.address,
      'loupe.demo.v1.Demo/Echo',
    ]);
    expect(byProto.stderr).toBe('');
    expect(byProto.code).toBe(0);
    expect(JSON.parse(byProto.stdout)).toMatchObject({ message: 'from proto' });
  });

  it('resolves google/api and google/type from the package, and names an unbundled googleapis import', async () => {
    writeFileSync(
      join(work, 'priced.proto'),
      'syntax = "proto3";\npackage priced.v1;\nimport "google/api/annotations.proto";\nimport "google/type/money.proto";\nmessage Price { google.type.Money amount = 1; }\n',
    );
    const priced = await loupe(['describe', '--proto', 'priced.proto', demo.address, 'priced.v1.Price']);
    expect(priced.stderr).toBe('');
    expect(priced.stdout).toContain('.google.type.Money amount = 1;');

    writeFileSync(join(work, 'cloud.proto'), 'syntax = "proto3";\nimport "google/cloud/location/locations.proto";\n');
    const cloud = await loupe(['describe', '--proto', 'cloud.proto', demo.address, 'google.cloud.location.Location']);
    expect(cloud.code).toBe(1);
    expect(cloud.stderr).toContain(
      `cloud.proto:2:1: import "google/cloud/location/locations.proto" was not found. Loupe bundles only the common googleapis protos`,
    );
    expect(cloud.stderr).toContain(join(installed, 'protos'));
  });

  it('loupe run: a workspace passes with exit 0, a failing request exits 1', async () => {
    const folder = join(work, 'api-workspace');
    const store = await WorkspaceStore.open(folder, { create: true });
    await store.saveWorkspaceFile({
      version: 1,
      targets: { demo: { address: demo.address, tls: { enabled: false } } },
    });
    await store.saveRequest('echo', {
      version: 1,
      target: 'demo',
      method: 'loupe.demo.v1.Demo/Echo',
      body: { message: 'ci' },
    });
    const passing = await loupe(['run', folder, '--reporter', 'json']);
    expect(passing.code).toBe(0);
    expect(JSON.parse(passing.stdout)).toMatchObject({ passed: 1, failed: 0 });

    await store.saveRequest('denied', {
      version: 1,
      target: 'demo',
      method: 'loupe.demo.v1.Demo/Echo',
      body: { fail: { code: 7 } },
    });
    const failing = await loupe(['run', folder]);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toMatch(/^FAIL {2}denied {2}PERMISSION_DENIED \(7\)/m);
  });

  it('loupe web says the package has no UI instead of serving a page of 404s', async () => {
    const web = await loupe(['web', '--no-open']);
    expect(web.code).toBe(1);
    expect(web.stderr).toMatch(/loupe web needs Loupe's built UI.*does not include it/);
  });
});
