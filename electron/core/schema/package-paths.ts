import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

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
      const unpacked = found.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
      const path = existsSync(unpacked) ? unpacked : found;
      if (existsSync(path)) return { path, tried };
      tried.push(path);
    } catch {
      tried.push(`${spec} from ${dirname(base)}`);
    }
  }
  return { tried };
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

let googleRoot: string | null | undefined;

/** The google-proto-files root (holds google/api, google/rpc, google/type, google/protobuf...). */
export function googleProtosRoot(): string | undefined {
  if (googleRoot === undefined) {
    const found = resolvePackageFile('google-proto-files/package.json').path;
    googleRoot = found && existsSync(join(dirname(found), 'google')) ? dirname(found) : null;
  }
  return googleRoot ?? undefined;
}
