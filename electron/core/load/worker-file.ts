import { workerFile } from '../bundled-worker';

declare const LOUPE_LOAD_WORKER: string | undefined;

/** The load generator's thread script (see bundled-worker.ts and scripts/lib/load-worker-bundle.mjs). */
export function loadWorkerFile(): Promise<string> {
  return workerFile({
    built: typeof LOUPE_LOAD_WORKER === 'string' ? LOUPE_LOAD_WORKER : undefined,
    bundler: 'scripts/lib/load-worker-bundle.mjs',
    build: 'buildLoadWorker',
    file: 'load-worker.cjs',
    missing:
      'The load generator is missing from this installation (load-worker.cjs beside the bundle); reinstall Loupe',
  });
}
