import { access, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../../../shared/model/errors';
import { unpackedPath } from '../schema/package-paths';

declare const LOUPE_SCRIPT_WORKER: string | undefined;

const BUNDLER = 'scripts/lib/script-worker-bundle.mjs';
let located: Promise<string> | undefined;

/**
 * The script worker's file. A build puts it beside its bundles and says where, relative to the
 * bundle (dist/script-worker.cjs beside dist/cli.cjs and above dist/electron/main.cjs; unpacked
 * beside app.asar in the packaged app). Code run from the sources (tests, the bench's bundles)
 * builds it once per process from the sources it belongs to, as the build would.
 */
export function scriptWorkerFile(): Promise<string> {
  return (located ??= locate());
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

async function locate(): Promise<string> {
  if (typeof LOUPE_SCRIPT_WORKER === 'string') {
    const built = unpackedPath(resolve(__dirname, LOUPE_SCRIPT_WORKER));
    if (await exists(built)) return built;
  }
  const root = await sourceRoot();
  if (!root)
    throw new AppError(
      'INTERNAL',
      'The script worker is missing from this installation (script-worker.cjs beside the bundle); reinstall Loupe',
    );
  const bundler = (await import(pathToFileURL(join(root, BUNDLER)).href)) as {
    buildScriptWorker(root: string, outfile: string): Promise<string>;
    SCRIPT_WORKER_FILE: string;
  };
  const dir = await mkdtemp(join(tmpdir(), 'loupe-script-worker-'));
  return bundler.buildScriptWorker(root, join(dir, bundler.SCRIPT_WORKER_FILE));
}

/** The checkout these sources belong to: the nearest folder above this code (or the working folder) with the bundler. */
async function sourceRoot(): Promise<string | undefined> {
  for (const start of [__dirname, process.cwd()]) {
    let dir = start;
    for (let depth = 0; depth < 8; depth++) {
      if (await exists(join(dir, BUNDLER))) return dir;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return undefined;
}
