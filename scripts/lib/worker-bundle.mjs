// One worker thread's script as one self-contained file: the esbuild settings every worker bundle
// shares (scripts/lib/load-worker-bundle.mjs, scripts/lib/script-worker-bundle.mjs), so the
// workers cannot drift apart in target, format or what they bundle.
import { join } from 'node:path';
import { build } from 'esbuild';

/**
 * Bundles `entry` (relative to the checkout at `root`) into `outfile`, everything it imports
 * included: a worker is started from a path, with no node_modules beside it in the CLI's package.
 */
export async function buildWorkerBundle(root, entry, outfile, { sourcemap = false, define } = {}) {
  await build({
    entryPoints: [join(root, entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap,
    logLevel: 'warning',
    define,
  });
  return outfile;
}
