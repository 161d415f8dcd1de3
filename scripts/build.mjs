#!/usr/bin/env node
// Builds everything `npm start`, `npm run web`, the CLI and the packaged app run:
// the Node side with esbuild (main, preload, CLI), the renderer with Vite, and the googleapis
// protos the engine bundles (dist/protos).
import { build as esbuild } from 'esbuild';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as viteBuild } from 'vite';
import { sourceDigest, STAMP_FILE } from './lib/build-inputs.mjs';
import { writeBundledProtos } from './lib/bundled-protos.mjs';
import { buildCli } from './lib/cli-bundle.mjs';
import { buildScriptWorker, SCRIPT_WORKER_FILE } from './lib/script-worker-bundle.mjs';
import { buildLoadWorker, LOAD_WORKER_FILE } from './lib/load-worker-bundle.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const onlyNode = process.argv.includes('--node-only');

// Runtime dependencies stay in node_modules (electron-builder packs them); everything else, ours
// and any devDependency it imports, is bundled.
const external = ['electron', ...Object.keys(pkg.dependencies ?? {})];
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  external,
  logLevel: 'warning',
  define: { LOUPE_VERSION: JSON.stringify(pkg.version) },
};

const started = Date.now();
// Taken before building, so a file edited while the build runs makes the next check rebuild.
const sources = sourceDigest(root);
writeBundledProtos(join(root, 'dist/protos'));
await Promise.all([
  esbuild({
    ...common,
    entryPoints: [join(root, 'electron/main/main.ts')],
    outfile: join(root, 'dist/electron/main.cjs'),
    // Where the engine finds the bundled protos, relative to this bundle (dist/electron).
    define: {
      ...common.define,
      LOUPE_BUNDLED_PROTOS: JSON.stringify('../protos'),
      LOUPE_SCRIPT_WORKER: JSON.stringify(`../${SCRIPT_WORKER_FILE}`),
      LOUPE_LOAD_WORKER: JSON.stringify(`../${LOAD_WORKER_FILE}`),
    },
  }),
  // Sandboxed preloads cannot require our own files: it must be one self-contained script.
  esbuild({
    ...common,
    entryPoints: [join(root, 'electron/preload/preload.ts')],
    outfile: join(root, 'dist/electron/preload.cjs'),
  }),
  buildCli(root, { outfile: join(root, 'dist/cli.cjs'), version: pkg.version }),
  // The thread workspace scripts run in: one file beside both bundles.
  buildScriptWorker(root, join(root, 'dist', SCRIPT_WORKER_FILE), { sourcemap: 'linked' }),
  // The load generator's threads: one file beside both bundles too.
  buildLoadWorker(root, join(root, 'dist', LOAD_WORKER_FILE), { sourcemap: 'linked' }),
]);
if (!onlyNode) {
  await viteBuild({ configFile: join(root, 'renderer/vite.config.ts'), logLevel: 'warn' });
}
mkdirSync(join(root, 'dist'), { recursive: true });
// A Node-only build leaves the renderer as it was, so it cannot vouch for all the sources.
writeFileSync(
  join(root, STAMP_FILE),
  JSON.stringify({ builtAt: Date.now(), version: pkg.version, sources: onlyNode ? null : sources }),
);
console.log(`Loupe built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
