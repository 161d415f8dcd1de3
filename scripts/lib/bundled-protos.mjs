// The googleapis .proto files Loupe ships, so that `import "google/api/annotations.proto"` resolves
// without an import path: copied by the build into dist/protos (the desktop app, browser mode and
// the CLI run from a clone resolve their bundled imports there) and by `npm run pack:cli` into the
// CLI package. google-proto-files holds all of googleapis (~83 MB, 70 of it Cloud and Ads APIs);
// it is a devDependency, read here only.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Every .proto file directly in these folders is bundled, with whatever they import. What users
 * import by default: HTTP annotations, field behaviour and resources (google/api, without its
 * subfolders, which are Google Cloud's own service APIs), status and error details (google/rpc),
 * common types (google/type), long-running operations, and the well-known types (google/protobuf
 * and compiler/plugin.proto; not protobuf's test files in its other subfolders).
 */
export const BUNDLED_PROTO_FOLDERS = [
  'google/api',
  'google/longrunning',
  'google/protobuf',
  'google/protobuf/compiler',
  'google/rpc',
  'google/rpc/context',
  'google/type',
];

const require = createRequire(import.meta.url);

/** The root of google-proto-files: google/..., as imports name the files. */
export function googleapisRoot() {
  return dirname(require.resolve('google-proto-files/package.json'));
}

/**
 * The bundled files, as imports name them, sorted: the .proto files of BUNDLED_PROTO_FOLDERS and,
 * transitively, everything they import. The closure is computed by the compiler Loupe runs (buf,
 * building those files against all of googleapis), so the set is complete by construction: a
 * bundled file that imported an unbundled one would be in the image, and one that cannot compile
 * fails the build here rather than in a user's hands.
 */
export function bundledProtoFiles(googleRoot = googleapisRoot()) {
  const seeds = BUNDLED_PROTO_FOLDERS.flatMap((folder) =>
    readdirSync(join(googleRoot, folder), { withFileTypes: true })
      .filter((entry) => entry.isFile() && entry.name.endsWith('.proto'))
      .map((entry) => `${folder}/${entry.name}`),
  );
  const cache = mkdtempSync(join(tmpdir(), 'loupe-buf-cache-'));
  try {
    const built = spawnSync(
      process.execPath,
      [
        require.resolve('@bufbuild/buf/bin/buf'),
        'build',
        '.',
        '--config',
        '{"version":"v2"}',
        ...seeds.flatMap((file) => ['--path', file]),
        '--exclude-source-info',
        '-o',
        '-#format=json',
      ],
      {
        cwd: googleRoot,
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
        env: { ...process.env, BUF_CACHE_DIR: cache },
      },
    );
    if (built.error) throw new Error(`could not run buf to find the bundled protos' imports: ${built.error.message}`);
    if (built.status !== 0) {
      throw new Error(`the bundled googleapis protos do not compile on their own:\n${built.stderr.trim()}`);
    }
    const names = JSON.parse(built.stdout).file.map((file) => file.name);
    return [...new Set([...seeds, ...names])].sort();
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
}

/**
 * Writes the bundled files into `outDir` (emptied first), with googleapis' license beside them.
 * Returns the files written, as imports name them.
 */
export function writeBundledProtos(outDir, googleRoot = googleapisRoot()) {
  const files = bundledProtoFiles(googleRoot);
  rmSync(outDir, { recursive: true, force: true });
  for (const name of files) {
    mkdirSync(dirname(join(outDir, name)), { recursive: true });
    copyFileSync(join(googleRoot, name), join(outDir, name));
  }
  // Apache-2.0: redistributed files carry the license.
  copyFileSync(join(googleRoot, 'LICENSE'), join(outDir, 'LICENSE'));
  return files;
}
