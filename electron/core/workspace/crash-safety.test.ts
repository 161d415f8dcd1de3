import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseSavedRequest } from '../../../shared/workspace/format';
import { WorkspaceStore } from './workspace-store';

/**
 * A crash at any moment of a save must leave the old or the new file. A child process saves the
 * same request over and over (each version ~1 MB, so a write takes a while), and is killed with
 * SIGKILL at an arbitrary point; the file must then parse as one complete version.
 */
const CHILD = `
import { WorkspaceStore } from './workspace-store';
const [root] = process.argv.slice(2);
(async () => {
  const store = await WorkspaceStore.open(root);
  for (let i = 1; ; i++) {
    await store.saveRequest('big', { version: 1, target: { address: 'h:1' }, method: 'a.B/C', body: { i, pad: String(i % 10).repeat(1 << 20) } });
    process.stdout.write(i + '\\n');
  }
})();
`;

let bundle: string;
beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'loupe-crash-bundle-'));
  bundle = join(dir, 'child.cjs');
  buildSync({
    stdin: { contents: CHILD, resolveDir: __dirname, loader: 'ts', sourcefile: 'crash-child.ts' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: bundle,
    logLevel: 'silent',
  });
});

/** Starts the saving child, waits until it has saved `saves` versions, kills it; answers the last one reported. */
function saveThenKill(root: string, saves: number, extraDelayMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, root], { stdio: ['ignore', 'pipe', 'inherit'] });
    let last = 0;
    let killed = false;
    const timer = setTimeout(() => reject(new Error(`the child saved only ${last} versions in time`)), 15_000);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      last = Number(chunk.trim().split('\n').at(-1));
      if (!killed && last >= saves) {
        killed = true;
        // Kill somewhere inside a later write, not right after a completed one.
        setTimeout(() => child.kill('SIGKILL'), extraDelayMs);
      }
    });
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`the child exited on its own (${signal})`));
      else resolve(last);
    });
  });
}

describe('a crash mid-save', () => {
  it('leaves the old or the new file, never a torn one', async () => {
    const root = mkdtempSync(join(tmpdir(), 'loupe-crash-'));
    const store = await WorkspaceStore.open(root, { create: true });
    await store.saveRequest('big', {
      version: 1,
      target: { address: 'h:1' },
      method: 'a.B/C',
      body: { i: 0, pad: '' },
    });
    for (const [round, delay] of [0, 1, 3, 7, 13].entries()) {
      const reported = await saveThenKill(root, 2 + round, delay);
      const file = join(root, 'requests', 'big.json');
      const request = parseSavedRequest(readFileSync(file, 'utf8'), 'requests/big.json');
      const body = request.body as { i: number; pad: string };
      // The version on disk is the last one reported, or the one being written when killed.
      expect([reported, reported + 1]).toContain(body.i);
      expect(body.pad).toBe(String(body.i % 10).repeat(1 << 20));
    }
    // Temporary files a kill left behind are dot files: loading ignores them.
    expect((await store.load()).problems).toEqual([]);
    expect(readdirSync(join(root, 'requests')).filter((f) => !f.startsWith('.'))).toEqual(['big.json']);
  });
});
