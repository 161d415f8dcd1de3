// The load generator's worker thread as one file (electron/core/load/worker/load-worker.ts).
// Built beside the engine's bundles by scripts/build.mjs and pack-cli.mjs, and on first use when
// the engine runs from its sources (tests).
import { buildWorkerBundle } from './worker-bundle.mjs';

export const LOAD_WORKER_FILE = 'load-worker.cjs';

export function buildLoadWorker(root, outfile, options) {
  return buildWorkerBundle(root, 'electron/core/load/worker/load-worker.ts', outfile, options);
}
