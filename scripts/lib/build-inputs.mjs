// Whether dist/ was built from the sources as they are now. `npm install` builds (prepare), and
// `npm test` and `npm start` must run what is checked out without building twice: the build
// stamp records a digest of every file the build reads, compared by content (mtimes change on a
// checkout or a copy, and a stale build that looks new would test the wrong code).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Everything scripts/build.mjs reads, relative to the repository root. */
const BUILD_INPUTS = [
  'shared',
  'electron',
  'renderer',
  'package.json',
  'package-lock.json',
  'scripts/build.mjs',
  'scripts/lib/cli-bundle.mjs',
  'scripts/lib/bundled-protos.mjs',
  'tsconfig.base.json',
];
/** Read by the tests, never by the build. */
const NOT_BUILT = (name) => name === 'node_modules' || name === 'testdata' || /\.test\.tsx?$/.test(name);

export const STAMP_FILE = 'dist/build-stamp.json';

/** A digest of the build's inputs: their paths and contents, in a fixed order. */
export function sourceDigest(root) {
  const hash = createHash('sha256');
  const visit = (path) => {
    const info = statSync(path, { throwIfNoEntry: false });
    if (!info) return;
    if (info.isDirectory()) {
      for (const name of readdirSync(path).sort()) if (!NOT_BUILT(name)) visit(join(path, name));
      return;
    }
    hash.update(relative(root, path).split(sep).join('/')).update('\0').update(readFileSync(path)).update('\0');
  };
  for (const input of BUILD_INPUTS) visit(join(root, input));
  return hash.digest('hex');
}

/** True when dist/ holds a build of exactly the current sources. */
export function isBuildCurrent(root) {
  const stampFile = join(root, STAMP_FILE);
  if (!existsSync(stampFile)) return false;
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
  } catch {
    return false;
  }
  return stamp.sources === sourceDigest(root);
}
