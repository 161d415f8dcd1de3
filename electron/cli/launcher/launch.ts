import { join } from 'node:path';
import { cacheFlavor, codeCacheDir, runBundle } from './code-cache';

/*
 * Entry point bundled to dist/cli.cjs (the `loupe` bin): runs the CLI bundle beside it
 * (LOUPE_CLI_BUNDLE, built from main.ts) through V8's code cache (code-cache.ts).
 */
declare const LOUPE_CLI_BUNDLE: string;
declare const LOUPE_VERSION: string;

runBundle(join(__dirname, LOUPE_CLI_BUNDLE), {
  cacheDir: codeCacheDir(),
  flavor: cacheFlavor(process.argv.slice(2)),
  version: LOUPE_VERSION,
});
