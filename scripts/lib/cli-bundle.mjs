// The `loupe` CLI as one esbuild bundle: built into dist/ by scripts/build.mjs and into the npm
// package by scripts/pack-cli.mjs, from this one configuration, so the package carries exactly
// what the clone runs.
import { isAscii } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { basename, dirname, join } from 'node:path';
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
/**
 * The CLI itself, beside the launcher (`outfile`, the bin), which runs it through V8's code cache
 * (electron/cli/launcher/code-cache.ts): a cold call no longer parses and compiles 3 MB first.
 */
export const CLI_MAIN_FILE = 'cli-main.cjs';
/** ws loads these native add-ons if they are installed and runs without them otherwise. */
const OPTIONAL_ADDONS = ['bufferutil', 'utf-8-validate'];
/** Never loaded by the CLI: a stray import stays a require, which fails `npm run pack:cli`. */
const NEVER_LOADED = ['electron'];

const COMMON = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  metafile: true,
  logLevel: 'warning',
};

/**
 * The esbuild options of the CLI itself (electron/cli/main.ts into `mainFile`); exported so a
 * test can read what a command evaluates from the same configuration
 * (electron/cli/cold-start.test.ts).
 */
export function cliMainOptions(root, { mainFile, version, sourcemap = 'linked' }) {
  return {
    ...COMMON,
    sourcemap,
    entryPoints: [join(root, 'electron/cli/main.ts')],
    outfile: mainFile,
    // Every cold command reads and decodes the whole file before its code cache applies: without
    // comments and layout it is a third smaller (3.6 -> 2.5 MB), and pure ASCII (see below).
    // Names are kept, and the source map maps positions back.
    minifyWhitespace: true,
    minifySyntax: true,
    external: [...NEVER_LOADED, ...CLI_RUNTIME_DEPENDENCIES, ...OPTIONAL_ADDONS],
    define: {
      LOUPE_VERSION: JSON.stringify(version),
      LOUPE_BUNDLED_PROTOS: JSON.stringify(CLI_PROTOS_DIR),
      // Beside the bundle, in dist/ and in the package (scripts/lib/script-worker-bundle.mjs).
      LOUPE_SCRIPT_WORKER: JSON.stringify('script-worker.cjs'),
      LOUPE_LOAD_WORKER: JSON.stringify('load-worker.cjs'),
    },
  };
}

/**
 * Bundles electron/cli/main.ts into CLI_MAIN_FILE beside `outfile`, and the launcher that runs it
 * into `outfile`. Resolves to the bare module names the bundles require at run time besides
 * Node's own modules, so a caller can check that each is provided.
 */
export async function buildCli(root, { outfile, version, sourcemap = 'linked' }) {
  if (basename(outfile) === CLI_MAIN_FILE) throw new Error(`the launcher may not be named ${CLI_MAIN_FILE}`);
  const launcher = build({
    ...COMMON,
    sourcemap,
    entryPoints: [join(root, 'electron/cli/launcher/launch.ts')],
    outfile,
    // Installed packages run their bin file directly (npm links it into PATH).
    banner: { js: '#!/usr/bin/env node' },
    external: [...NEVER_LOADED],
    define: { LOUPE_CLI_BUNDLE: JSON.stringify(CLI_MAIN_FILE), LOUPE_VERSION: JSON.stringify(version) },
  });
  const mainFile = join(dirname(outfile), CLI_MAIN_FILE);
  const main = build(cliMainOptions(root, { mainFile, version, sourcemap }));
  const results = await Promise.all([launcher, main]);
  // The launcher decodes an ASCII bundle as Latin-1, ~20 ms faster than UTF-8
  // (electron/cli/launcher/code-cache.ts). esbuild escapes strings but not regular expressions.
  if (!isAscii(readFileSync(mainFile))) {
    throw new Error(
      `${CLI_MAIN_FILE} is not ASCII: a regular expression in the CLI's sources holds a non-ASCII character; write it as \\uXXXX`,
    );
  }
  const builtins = new Set(builtinModules);
  const required = new Set();
  for (const output of results.flatMap((result) => Object.values(result.metafile.outputs))) {
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
