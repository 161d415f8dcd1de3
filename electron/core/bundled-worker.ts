import { access, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { AppError } from '../../shared/model/errors';
import { unpackedPath } from './schema/package-paths';

/** A worker thread's script: bundled by a build, or built from the sources on first use. */
export interface WorkerBundle {
  /** Where a build put it, relative to the running bundle (its LOUPE_*_WORKER define); undefined from sources. */
  built: string | undefined;
  /** The bundler module, relative to the checkout, and its build function's name. */
  bundler: string;
  build: string;
  /** The file name the bundler writes. */
  file: string;
  /** What the user reads when neither is there. */
  missing: string;
}

const located = new Map<string, Promise<string>>();

/**
 * A worker's file. A build puts it beside its bundles and says where, relative to the bundle
 * (dist/x-worker.cjs beside dist/cli.cjs and above dist/electron/main.cjs; unpacked beside
 * app.asar in the packaged app). Code run from the sources (tests, the bench's bundles) builds
 * it once per process from the sources it belongs to, as the build would.
 */
export function workerFile(bundle: WorkerBundle): Promise<string> {
  let found = located.get(bundle.file);
  if (!found) located.set(bundle.file, (found = locate(bundle)));
  return found;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

async function locate(bundle: WorkerBundle): Promise<string> {
  if (typeof bundle.built === 'string') {
    const built = unpackedPath(resolve(__dirname, bundle.built));
    if (await exists(built)) return built;
  }
  const root = await sourceRoot(bundle.bundler);
  if (!root) throw new AppError('INTERNAL', bundle.missing);
  const bundler = (await import(pathToFileURL(join(root, bundle.bundler)).href)) as Record<
    string,
    (root: string, outfile: string) => Promise<string>
  >;
  const dir = await mkdtemp(join(tmpdir(), `loupe-${bundle.file.replace(/\W/g, '-')}-`));
  return bundler[bundle.build]!(root, join(dir, bundle.file));
}

/** The checkout these sources belong to: the nearest folder above this code (or the working folder) with the bundler. */
async function sourceRoot(bundler: string): Promise<string | undefined> {
  for (const start of [__dirname, process.cwd()]) {
    let dir = start;
    for (let depth = 0; depth < 8; depth++) {
      if (await exists(join(dir, bundler))) return dir;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  return undefined;
}
