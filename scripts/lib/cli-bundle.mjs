// The `loupe` CLI as one esbuild bundle: built into dist/ by scripts/build.mjs and into the npm
// package by scripts/pack-cli.mjs, from this one configuration, so the package carries exactly
// what the clone runs.
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';

/*
 * The CLI carries its pure-JS dependencies inside: a cold `loupe call` otherwise spends ~30 ms
 * finding and reading hundreds of files in node_modules (measured: 173 -> 144 ms). What reads its
 * own files from disk (buf's binary, @grpc/reflection's .proto files) stays outside: these are the
 * CLI package's dependencies. The googleapis protos it bundles sit beside the bundle, in protos/
 * (scripts/lib/bundled-protos.mjs).
 */
export const CLI_RUNTIME_DEPENDENCIES = ['@bufbuild/buf', '@grpc/reflection', '@grpc/proto-loader', 'chokidar'];
/** The folder of bundled protos, relative to the bundle: dist/protos for dist/cli.cjs, protos/ in the package. */
export const CLI_PROTOS_DIR = 'protos';
/** ws loads these native add-ons if they are installed and runs without them otherwise. */
const OPTIONAL_ADDONS = ['bufferutil', 'utf-8-validate'];
/** Never loaded by the CLI: a stray import stays a require, which fails `npm run pack:cli`. */
const NEVER_LOADED = ['electron'];

/**
 * Bundles electron/cli/main.ts into `outfile`. Resolves to the bare module names the bundle
 * requires at run time besides Node's own modules, so a caller can check that each is provided.
 */
export async function buildCli(root, { outfile, version, sourcemap = 'linked' }) {
  const result = await build({
    entryPoints: [join(root, 'electron/cli/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap,
    // Installed packages run their bin file directly (npm links it into PATH).
    banner: { js: '#!/usr/bin/env node' },
    external: [...NEVER_LOADED, ...CLI_RUNTIME_DEPENDENCIES, ...OPTIONAL_ADDONS],
    define: {
      LOUPE_VERSION: JSON.stringify(version),
      LOUPE_BUNDLED_PROTOS: JSON.stringify(CLI_PROTOS_DIR),
      // Beside the bundle, in dist/ and in the package (scripts/lib/script-worker-bundle.mjs).
      LOUPE_SCRIPT_WORKER: JSON.stringify('script-worker.cjs'),
      LOUPE_LOAD_WORKER: JSON.stringify('load-worker.cjs'),
    },
    metafile: true,
    logLevel: 'warning',
  });
  const builtins = new Set(builtinModules);
  const required = new Set();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const { path, external } of output.imports) {
      const name = path.replace(/^node:/, '');
      if (external && !builtins.has(name) && !builtins.has(name.split('/')[0])) required.add(path);
    }
  }
  return [...required].sort();
}

/**
 * The bundle's run-time requires that are neither the package's dependencies nor optional add-ons:
 * an installed CLI would fail on them.
 */
export function unprovidedRequires(required) {
  const provided = (name) =>
    [...CLI_RUNTIME_DEPENDENCIES, ...OPTIONAL_ADDONS].some((dep) => name === dep || name.startsWith(`${dep}/`));
  return required.filter((name) => !provided(name));
}
