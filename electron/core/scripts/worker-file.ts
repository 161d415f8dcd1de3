import { workerFile } from '../bundled-worker';

declare const LOUPE_SCRIPT_WORKER: string | undefined;

/** The script worker's file (see bundled-worker.ts). */
export function scriptWorkerFile(): Promise<string> {
  return workerFile({
    built: typeof LOUPE_SCRIPT_WORKER === 'string' ? LOUPE_SCRIPT_WORKER : undefined,
    bundler: 'scripts/lib/script-worker-bundle.mjs',
    build: 'buildScriptWorker',
    file: 'script-worker.cjs',
    missing:
      'The script worker is missing from this installation (script-worker.cjs beside the bundle); reinstall Loupe',
  });
}
