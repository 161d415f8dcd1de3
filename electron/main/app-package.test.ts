import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { extractAll } from '@electron/asar';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * What the desktop installer carries, as electron-builder packs it from electron-builder.yml
 * (scripts/package-size.mjs runs electron-builder with a stand-in for Electron's runtime): only
 * what the desktop app runs, so the installer does not silently grow back.
 */

const ROOT = resolve(__dirname, '../..');
const MAIN_BUNDLE = join(ROOT, 'dist/electron/main.cjs');
/** Modules only the CLI (commander) and browser mode (ws) load; both faces run from dist/cli.cjs. */
const NOT_IN_THE_APP = ['commander', 'ws', 'google-proto-files'];

interface PackedFile {
  path: string;
  size: number;
  unpacked: boolean;
}

const work = mkdtempSync(join(tmpdir(), 'loupe-app-package-'));
let files: PackedFile[];
let paths: Set<string>;
/** The packed app's resources folder: app.asar and app.asar.unpacked. */
let resources: string;

function run(args: string[], cwd = ROOT): Promise<string> {
  return new Promise((done, fail) =>
    execFile(process.execPath, args, { cwd, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
      error ? fail(new Error(`node ${args.join(' ')} failed: ${stderr || error.message}`)) : done(stdout),
    ),
  );
}

beforeAll(async () => {
  if (!existsSync(MAIN_BUNDLE)) throw new Error(`${MAIN_BUNDLE} is missing: run npm run build first.`);
  const report = join(work, 'report.json');
  const packed = join(work, 'packed');
  await run([
    join(ROOT, 'scripts/package-size.mjs'),
    '--no-build',
    '--no-compress',
    '--json',
    report,
    '--keep',
    packed,
  ]);
  files = (JSON.parse(readFileSync(report, 'utf8')) as { files: PackedFile[] }).files;
  paths = new Set(files.map((f) => f.path));
  const out = join(packed, 'out');
  resources = join(
    out,
    readdirSync(out).find((name) => /^linux-.*unpacked$/.test(name))!,
    'resources',
  );
}, 240_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The packages a bundle requires at run time: bare names that are neither Node's nor Electron's. */
function requiredPackages(bundle: string): string[] {
  const builtins = new Set(builtinModules);
  const names = new Set<string>();
  for (const [, spec] of readFileSync(bundle, 'utf8').matchAll(/\brequire\("([^".][^"]*)"\)/g)) {
    const bare = spec!.replace(/^node:/, '');
    if (builtins.has(bare) || builtins.has(bare.split('/')[0]!) || bare === 'electron') continue;
    names.add(
      bare
        .split('/')
        .slice(0, bare.startsWith('@') ? 2 : 1)
        .join('/'),
    );
  }
  return [...names].sort();
}

describe('the desktop package', () => {
  it('holds the main process, preload and renderer, and the bundled protos unpacked for buf', () => {
    for (const path of [
      'dist/electron/main.cjs',
      'dist/electron/preload.cjs',
      'dist/renderer/index.html',
      'package.json',
    ]) {
      expect(paths, path).toContain(path);
    }
    const protos = files.filter((f) => f.path.startsWith('dist/protos/'));
    for (const name of ['google/api/annotations.proto', 'google/type/money.proto', 'google/protobuf/timestamp.proto']) {
      expect(paths, name).toContain(`dist/protos/${name}`);
    }
    expect(protos.filter((f) => !f.unpacked)).toEqual([]);
  });

  it('holds every package the main process requires, and buf, unpacked to run', () => {
    const required = requiredPackages(MAIN_BUNDLE);
    expect(required).toContain('@grpc/grpc-js');
    for (const name of required) expect(paths, name).toContain(`node_modules/${name}/package.json`);
    const buf = files.filter((f) => /^node_modules\/@bufbuild\/buf-[^/]+\/bin\/buf(\.exe)?$/.test(f.path));
    expect(buf).toHaveLength(1);
    expect(buf[0]!.unpacked).toBe(true);
  });

  it('holds no googleapis beyond the bundled protos, no CLI- or browser-mode-only module, no CLI bundle', () => {
    expect(files.filter((f) => /(^|\/)google\/(cloud|ads)\//.test(f.path)).map((f) => f.path)).toEqual([]);
    for (const name of NOT_IN_THE_APP) {
      expect(files.filter((f) => f.path.startsWith(`node_modules/${name}/`)).map((f) => f.path)).toEqual([]);
    }
    // Nor what never runs: source maps, TypeScript, buf's protoc plugins.
    const extra = files.filter(
      (f) =>
        f.path === 'dist/cli.cjs' ||
        f.path === 'dist/cli-main.cjs' ||
        /\.(map|ts|mts|cts)$/.test(f.path) ||
        /\/bin\/protoc-gen-buf-/.test(f.path),
    );
    expect(extra.map((f) => f.path)).toEqual([]);
  });

  it('runs the engine: a .proto importing google/api and google/type compiles from the package alone', async () => {
    // The archive as Electron shows it to the main process (unpacked files listed in it too): a
    // folder named app.asar, beside the real app.asar.unpacked, where the engine must take buf and
    // the protos from (buf cannot read inside the archive).
    const app = join(work, 'installed', 'resources');
    mkdirSync(app, { recursive: true });
    extractAll(join(resources, 'app.asar'), join(app, 'app.asar'));
    cpSync(join(resources, 'app.asar.unpacked'), join(app, 'app.asar.unpacked'), { recursive: true });

    // The engine's compiler, bundled as the build bundles main.cjs, run where main.cjs runs.
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const smoke = join(app, 'app.asar', 'dist', 'electron', 'compile-smoke.cjs');
    await build({
      stdin: {
        contents: `
          import { compileProtoFiles } from './electron/core/schema/compile-protos';
          import { resolveProtoLayout } from './electron/core/schema/proto-imports';
          void (async () => {
            const layout = await resolveProtoLayout([process.argv[2]!], []);
            const names = (await compileProtoFiles([process.argv[2]!], [])).map((f) => f.name);
            console.log(JSON.stringify({ names, annotations: layout.files.get('google/api/annotations.proto') }));
          })();`,
        resolveDir: ROOT,
        loader: 'ts',
      },
      outfile: smoke,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['electron', ...Object.keys(pkg.dependencies)],
      define: { LOUPE_BUNDLED_PROTOS: JSON.stringify('../protos') },
      logLevel: 'silent',
    });
    const proto = join(work, 'priced.proto');
    writeFileSync(
      proto,
      'syntax = "proto3";\nimport "google/api/annotations.proto";\nimport "google/type/money.proto";\nmessage Price { google.type.Money amount = 1; }\n',
    );
    const { names, annotations } = JSON.parse(await run([smoke, proto], work)) as {
      names: string[];
      annotations: string;
    };
    expect(names).toEqual(
      expect.arrayContaining(['priced.proto', 'google/api/annotations.proto', 'google/type/money.proto']),
    );
    expect(annotations).toBe(join(app, 'app.asar.unpacked', 'dist', 'protos', 'google', 'api', 'annotations.proto'));
  });
});
