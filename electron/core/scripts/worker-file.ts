import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { unpackedPath } from '../schema/package-paths';

declare const LOUPE_SCRIPT_WORKER: string | undefined;

let fromSources: Promise<string> | undefined;

/**
 * The script worker's file. A build says where it is relative to its bundle (dist/script-worker.cjs
 * beside dist/cli.cjs and above dist/electron/main.cjs; unpacked beside app.asar in the packaged
 * app). Run from the sources (tests), the engine builds it once per process, as the build would.
 */
export function scriptWorkerFile(): Promise<string> {
  if (typeof LOUPE_SCRIPT_WORKER === 'string')
    return Promise.resolve(unpackedPath(resolve(__dirname, LOUPE_SCRIPT_WORKER)));
  return (fromSources ??= buildFromSources());
}

async function buildFromSources(): Promise<string> {
  const root = resolve(__dirname, '../../..');
  const bundler = (await import(pathToFileURL(join(root, 'scripts/lib/script-worker-bundle.mjs')).href)) as {
    buildScriptWorker(root: string, outfile: string): Promise<string>;
    SCRIPT_WORKER_FILE: string;
  };
  const dir = await mkdtemp(join(tmpdir(), 'loupe-script-worker-'));
  return bundler.buildScriptWorker(root, join(dir, bundler.SCRIPT_WORKER_FILE));
}
