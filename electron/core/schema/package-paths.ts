import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

/**
 * Resolves a file inside an npm package from wherever this code runs: unbundled (vitest),
 * bundled by esbuild into one .cjs (no __filename of ours), or packaged into an Electron asar
 * (native binaries must come from app.asar.unpacked to be executable).
 */
export function resolvePackageFile(spec: string): { path?: string; tried: string[] } {
  const tried: string[] = [];
  for (const base of requireBases()) {
    try {
      const found = createRequire(base).resolve(spec);
      const unpacked = unpackedPath(found);
      const path = existsSync(unpacked) ? unpacked : found;
      if (existsSync(path)) return { path, tried };
      tried.push(path);
    } catch {
      tried.push(`${spec} from ${dirname(base)}`);
    }
  }
  return { tried };
}

/** Inside Electron's app.asar, the same path in app.asar.unpacked (where other processes can read it). */
export function unpackedPath(path: string): string {
  return path.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
}

function requireBases(): string[] {
  const bases: string[] = [];
  if (typeof __filename !== 'undefined') bases.push(__filename);
  if (process.argv[1]) bases.push(process.argv[1]);
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) bases.push(join(resourcesPath, 'app.asar.unpacked', 'noop.js'));
  bases.push(join(process.cwd(), 'noop.js'));
  return [...new Set(bases)];
}

declare const LOUPE_BUNDLED_PROTOS: string | undefined;

let bundledRoot: string | undefined;

/**
 * The googleapis protos Loupe ships: google/api, google/rpc, google/type, google/longrunning and
 * the well-known types (scripts/lib/bundled-protos.mjs picks them and the build copies them). A
 * build says where they are relative to its bundle (dist/protos beside dist/electron/main.cjs and
 * dist/cli.cjs, protos/ in the CLI package); code run from the sources (tests) uses the build's
 * dist/protos. In the packaged app they are unpacked beside app.asar: buf, a process of its own,
 * cannot read inside the archive. `root` is undefined when they are missing; `expected` says where
 * they were looked for.
 */
export function bundledProtos(): { root?: string; expected: string } {
  if (bundledRoot) return { root: bundledRoot, expected: bundledRoot };
  const relative = typeof LOUPE_BUNDLED_PROTOS === 'string' ? LOUPE_BUNDLED_PROTOS : '../../../dist/protos';
  const expected = unpackedPath(resolve(__dirname, relative));
  if (!existsSync(join(expected, 'google'))) return { expected };
  bundledRoot = expected;
  return { root: expected, expected };
}

let googleRoot: string | null | undefined;

/**
 * All of googleapis, from google-proto-files: a devDependency, for tests that need files Loupe
 * does not bundle (the engine itself resolves imports against bundledProtos()).
 */
export function googleProtosRoot(): string | undefined {
  if (googleRoot === undefined) {
    const found = resolvePackageFile('google-proto-files/package.json').path;
    googleRoot = found && existsSync(join(dirname(found), 'google')) ? dirname(found) : null;
  }
  return googleRoot ?? undefined;
}
