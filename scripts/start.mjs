#!/usr/bin/env node
// `npm start`: the desktop app; `npm run web` (or --web): browser mode.
// Electron's binary is fetched on first start, not at install time. Where it cannot be had
// (no network, unsupported platform), Loupe says so in one sentence and opens in browser mode.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isBuildCurrent } from './lib/build-inputs.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const webOnly = args.includes('--web');
const passThrough = args.filter((a) => a !== '--web');

ensureBuilt();
if (webOnly) runWeb();
else {
  const electron = electronBinary();
  if (electron.path) {
    const child = spawn(electron.path, [root, ...passThrough], { stdio: 'inherit' });
    child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  } else {
    console.log(
      `The Electron runtime is not available on this machine (${electron.reason}), so Loupe opens in browser mode instead.`,
    );
    runWeb();
  }
}

function runWeb() {
  const child = spawn(process.execPath, [join(root, 'dist/cli.cjs'), 'web', ...passThrough], { stdio: 'inherit' });
  const stop = () => child.kill('SIGINT');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  child.on('exit', (code) => process.exit(code ?? 0));
}

/** Finds Electron's binary, downloading it once if needed; never throws. */
function electronBinary() {
  let pkgDir;
  try {
    pkgDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed' };
  }
  const pathFile = join(pkgDir, 'path.txt');
  const installed = () => existsSync(pathFile) && existsSync(join(pkgDir, 'dist', readFileSync(pathFile, 'utf8')));
  if (!installed()) {
    const result = spawnSync(process.execPath, [join(pkgDir, 'install.js')], { encoding: 'utf8', timeout: 300_000 });
    if (result.status !== 0 || !installed()) {
      const output = `${result.stderr ?? ''}${result.stdout ?? ''}`;
      const why =
        output.match(/fetch failed|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN/) ?? output.match(/[^\n]*Error[^\n]*/);
      return { reason: `its download failed: ${why ? why[0].trim() : 'no network'}` };
    }
  }
  return { path: join(pkgDir, 'dist', readFileSync(pathFile, 'utf8')) };
}

/** Rebuilds when the sources differ from the last build's, so `npm start` always runs what is checked out. */
function ensureBuilt() {
  if (isBuildCurrent(root)) return;
  console.log('Building Loupe…');
  const result = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
