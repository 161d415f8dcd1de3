import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
export const ROOT = join(BENCH_DIR, '..', '..');
/**
 * Bundles built from the sources on every run, in this working tree's dist/ (ignored by git, and
 * where their requires find node_modules): not in node_modules, which several working trees may
 * share through a link, so one tree's run would load another's engine.
 */
export const CACHE_DIR = join(ROOT, 'dist', 'bench');
export const ENGINE_BUNDLE = join(CACHE_DIR, 'engine.cjs');
export const UI_BUNDLE = join(CACHE_DIR, 'ui.cjs');
export const CLI = join(ROOT, 'bin', 'loupe.cjs');
export const DIST_CLI = join(ROOT, 'dist', 'cli.cjs');
export const RENDERER_DIR = join(ROOT, 'dist', 'renderer');
export const DEMO_PROTO_DIR = join(ROOT, 'electron', 'core', 'demo', 'proto');
