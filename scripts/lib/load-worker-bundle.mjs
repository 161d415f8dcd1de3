// The load generator's worker thread as one file (electron/core/load/worker/load-worker.ts).
// Built beside the engine's bundles by scripts/build.mjs and pack-cli.mjs, and on first use when
// the engine runs from its sources (tests).
import { join } from 'node:path';
import { build } from 'esbuild';

export const LOAD_WORKER_FILE = 'load-worker.cjs';

export async function buildLoadWorker(root, outfile, { sourcemap = false } = {}) {
  await build({
    entryPoints: [join(root, 'electron/core/load/worker/load-worker.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap,
    logLevel: 'warning',
  });
  return outfile;
}
