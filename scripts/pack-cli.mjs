#!/usr/bin/env node
// `npm run pack:cli [-- --out <dir>]`: the `loupe` CLI as its own npm package (loupe-grpc), a
// tarball a CI pipeline installs with `npm install -g <tarball or name>`. It holds the CLI bundle
// built from the current sources (not dist/, which may be stale), the googleapis protos the engine
// bundles (protos/), a package.json whose dependencies are the bundle's externals at the
// repository's pinned versions, and a README.
// No Electron, React or renderer.
//
// No npm-shrinkwrap.json to pin the rest of the tree: npm installs a shrinkwrapped package's
// optional dependencies without the os/cpu check (npm 11), so a CI install would download buf's
// binaries for all seven platforms. Without one, npm picks the one native binary.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBundledProtos } from './lib/bundled-protos.mjs';
import { buildCli, CLI_PROTOS_DIR, CLI_RUNTIME_DEPENDENCIES, unprovidedRequires } from './lib/cli-bundle.mjs';
import { buildScriptWorker, SCRIPT_WORKER_FILE } from './lib/script-worker-bundle.mjs';
import { buildLoadWorker, LOAD_WORKER_FILE } from './lib/load-worker-bundle.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The registry name: `loupe` belongs to an unrelated package. Free when checked (npm view). */
const CLI_PACKAGE_NAME = 'loupe-grpc';
const CLI_BUNDLE_FILE = 'cli.cjs';

/** The package's package.json: the CLI bundle as the `loupe` bin and the bundle's externals. */
function cliPackageManifest(rootPkg) {
  const dependencies = {};
  for (const name of CLI_RUNTIME_DEPENDENCIES) {
    const version = rootPkg.dependencies?.[name];
    if (!version) throw new Error(`The CLI bundle leaves ${name} outside, but package.json does not depend on it.`);
    dependencies[name] = version;
  }
  return {
    name: CLI_PACKAGE_NAME,
    version: rootPkg.version,
    description:
      'Loupe on the command line: list, describe and call gRPC servers (grpcurl conventions) and run saved request collections in CI.',
    license: rootPkg.license,
    keywords: ['grpc', 'grpcurl', 'cli', 'protobuf', 'reflection'],
    bin: { loupe: CLI_BUNDLE_FILE },
    files: [CLI_BUNDLE_FILE, SCRIPT_WORKER_FILE, LOAD_WORKER_FILE, CLI_PROTOS_DIR],
    engines: rootPkg.engines,
    dependencies,
  };
}

function outDir(argv) {
  // Not dist/: electron-builder packs all of dist/ into the desktop app.
  let out = join(root, 'release');
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] !== '--out') throw new Error(`unknown argument '${argv[i]}'; the only option is --out <folder>`);
    const value = argv[++i];
    if (!value || value.startsWith('--')) throw new Error('--out needs a folder, e.g. --out /tmp/loupe-cli');
    out = resolve(value);
  }
  return out;
}

const readJson = (file) => JSON.parse(readFileSync(join(root, file), 'utf8'));
const writeJson = (file, value) => writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);

async function main() {
  const out = outDir(process.argv.slice(2));
  const started = Date.now();
  const rootPkg = readJson('package.json');
  const manifest = cliPackageManifest(rootPkg);
  const staging = mkdtempSync(join(tmpdir(), 'loupe-cli-staging-'));
  try {
    // No source map: it would double the package for stack traces the CLI never prints.
    const required = await buildCli(root, {
      outfile: join(staging, CLI_BUNDLE_FILE),
      version: rootPkg.version,
      sourcemap: false,
    });
    const missing = unprovidedRequires(required);
    if (missing.length > 0) {
      throw new Error(
        `The CLI bundle requires ${missing.join(', ')}, which the package would not install. Bundle it, or add it to CLI_RUNTIME_DEPENDENCIES in scripts/lib/cli-bundle.mjs.`,
      );
    }
    await buildScriptWorker(root, join(staging, SCRIPT_WORKER_FILE));
    await buildLoadWorker(root, join(staging, LOAD_WORKER_FILE));
    writeBundledProtos(join(staging, CLI_PROTOS_DIR));
    writeJson(join(staging, 'package.json'), manifest);
    copyFileSync(join(root, 'scripts/cli-package/README.md'), join(staging, 'README.md'));

    mkdirSync(out, { recursive: true });
    const packed = spawnSync('npm', ['pack', '--json', '--pack-destination', out], {
      cwd: staging,
      encoding: 'utf8',
      shell: process.platform === 'win32',
    });
    if (packed.error) throw new Error(`could not run npm pack: ${packed.error.message}`);
    if (packed.status !== 0) throw new Error(`npm pack failed:\n${packed.stderr}`);
    const [{ filename, files }] = JSON.parse(packed.stdout);
    const tarball = join(out, filename);
    const kib = (bytes) => `${Math.round(bytes / 1024)} KiB`;
    const protos = files.filter((f) => f.path.startsWith(`${CLI_PROTOS_DIR}/`)).length;
    const others = files.filter((f) => !f.path.startsWith(`${CLI_PROTOS_DIR}/`)).map((f) => f.path);
    console.log(
      `${tarball} (${kib(statSync(tarball).size)}; ${others.join(', ')} and ${protos} files in ${CLI_PROTOS_DIR}/) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(`pack:cli: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
