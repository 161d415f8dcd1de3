import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/* The real thing for child-process tests: the CLI bundled by esbuild with the build's own
 * settings (scripts/lib/cli-bundle.mjs), so what the bundle cannot find fails here too. */

const ROOT = resolve(__dirname, '../../..');

/** scripts/lib/cli-bundle.mjs: the one esbuild configuration of the CLI (a script, so untyped). */
interface CliBundle {
  buildCli(root: string, opts: { outfile: string; version: string }): Promise<string[]>;
}

/**
 * The bundle leaves out what reads its own files (like @grpc/reflection's .proto files); from a
 * temporary folder, those are found in the repository's node_modules. Each run gets its own data
 * folder, so history from one test never reaches another.
 */
export function bundledCliEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_PATH: join(ROOT, 'node_modules'),
    LOUPE_DATA_DIR: mkdtempSync(join(tmpdir(), 'loupe-data-')),
    // The launcher's code cache (electron/cli/launcher) runs as it does for users, in a folder of its own.
    LOUPE_CODE_CACHE_DIR: mkdtempSync(join(tmpdir(), 'loupe-code-cache-')),
  };
}

/** Bundles the CLI into a temporary folder; returns the bundle's path. */
export async function buildBundledCli(): Promise<string> {
  const bundle = join(mkdtempSync(join(tmpdir(), 'loupe-bundle-')), 'cli.cjs');
  const { buildCli } = (await import(join(ROOT, 'scripts/lib/cli-bundle.mjs'))) as CliBundle;
  await buildCli(ROOT, { outfile: bundle, version: '0.0.0-test' });
  return bundle;
}

/** Runs the bundle to its end; stdin is closed at once unless given. `env` adds to bundledCliEnv(). */
export function runBundledCli(
  bundle: string,
  args: string[],
  stdin?: string,
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((res) => {
    const child = spawn(process.execPath, [bundle, ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...bundledCliEnv(), ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('close', (code) => res({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}
