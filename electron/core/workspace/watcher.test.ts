import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { WorkspaceChange } from '../../../shared/model/workspace';
import { watchWorkspace, type WorkspaceWatcher } from './watcher';
import { WorkspaceStore } from './workspace-store';

/**
 * Collects changes and lets a test wait for the first one that matches. The bound only keeps a
 * broken watcher from hanging the run: it is far above what a change takes on a loaded machine.
 */
function recorder() {
  const seen: WorkspaceChange[] = [];
  const waiters: Array<{ match: (c: WorkspaceChange) => boolean; resolve: (c: WorkspaceChange) => void }> = [];
  return {
    seen,
    push(change: WorkspaceChange) {
      seen.push(change);
      for (const w of [...waiters]) {
        if (!w.match(change)) continue;
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(change);
      }
    },
    next(match: (c: WorkspaceChange) => boolean, timeoutMs = 30_000): Promise<WorkspaceChange> {
      const found = seen.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no matching change within ${timeoutMs} ms; saw ${JSON.stringify(seen)}`)),
          timeoutMs,
        );
        waiters.push({ match, resolve: (c) => (clearTimeout(timer), resolve(c)) });
      });
    },
  };
}

let watcher: WorkspaceWatcher | undefined;
afterEach(async () => watcher?.close());

/**
 * Writes a file and gives it the mtime it had before, as a second write within one tick of the
 * file system's clock has: chokidar then sees no change (it compares mtimes) and sends no event.
 */
function writeWithinSameTick(file: string, text: string): void {
  const before = statSync(file);
  writeFileSync(file, text);
  utimesSync(file, new Date(Date.now() + 60_000), before.mtime);
}

/** A workspace with one saved request (requests/get.json), watched from here on. */
async function watchedRequestFile() {
  const root = mkdtempSync(join(tmpdir(), 'loupe-watch-'));
  const store = await WorkspaceStore.open(root, { create: true });
  await store.saveRequest('get', { version: 1, target: 'local', method: 'a.B/Saved' });
  const changes = recorder();
  watcher = await watchWorkspace(store, (c) => changes.push(c));
  return { file: join(root, 'requests', 'get.json'), changes };
}

describe('watchWorkspace', { timeout: 60_000 }, () => {
  it('reports edits made outside, with the new content or a named problem, and not our own saves', async () => {
    const root = mkdtempSync(join(tmpdir(), 'loupe-watch-'));
    const store = await WorkspaceStore.open(root, { create: true });
    await store.saveRequest('users/get', { version: 1, target: 'local', method: 'a.B/Get' });
    const changes = recorder();
    watcher = await watchWorkspace(store, (c) => changes.push(c));

    // Our own save: must not come back as an outside change. Marked by a later outside edit.
    await store.saveRequest('users/get', { version: 1, target: 'local', method: 'a.B/Own' });
    writeFileSync(
      join(root, 'requests', 'users', 'get.json'),
      JSON.stringify({ version: 1, target: 'local', method: 'a.B/Edited' }),
    );
    const edited = await changes.next((c) => c.kind === 'request' && c.request?.method === 'a.B/Edited');
    expect(edited).toMatchObject({ kind: 'request', path: 'users/get', removed: false });
    expect(changes.seen.some((c) => c.kind === 'request' && c.request?.method === 'a.B/Own')).toBe(false);

    writeFileSync(join(root, 'requests', 'users', 'get.json'), '{ broken');
    // writeFileSync truncates before it writes: the watcher may read the file empty first and say
    // so; its re-read then reports the broken text, naming where.
    const broken = await changes.next((c) => c.kind === 'request' && c.problem?.line !== undefined);
    expect(broken).toMatchObject({
      path: 'users/get',
      problem: { file: 'requests/users/get.json', line: 1, column: 3 },
    });

    mkdirSync(join(root, 'requests', 'orders'));
    await changes.next((c) => c.kind === 'folder' && c.path === 'orders' && !c.removed);
    writeFileSync(join(root, 'environments', 'dev.json'), '{"version":1,"variables":[{"name":"host","value":"h"}]}');
    const env = await changes.next((c) => c.kind === 'environment' && c.name === 'dev');
    expect(env).toMatchObject({ removed: false, environment: { variables: [{ name: 'host', value: 'h' }] } });
    rmSync(join(root, 'requests', 'users', 'get.json'));
    await changes.next((c) => c.kind === 'request' && c.path === 'users/get' && c.removed);
  });

  it('reports a write made within the same timestamp tick as the one before (git pull right after a save)', async () => {
    const { file, changes } = await watchedRequestFile();

    writeFileSync(file, JSON.stringify({ version: 1, target: 'local', method: 'a.B/First' }));
    await changes.next((c) => c.kind === 'request' && c.request?.method === 'a.B/First');
    writeWithinSameTick(file, JSON.stringify({ version: 1, target: 'local', method: 'a.B/Pulled' }));
    await changes.next((c) => c.kind === 'request' && c.request?.method === 'a.B/Pulled');
  });

  it('recovers when an editor truncates a file, then writes it within the same tick', async () => {
    const { file, changes } = await watchedRequestFile();

    writeFileSync(file, '');
    await changes.next((c) => c.kind === 'request' && c.problem !== undefined);
    writeWithinSameTick(file, JSON.stringify({ version: 1, target: 'local', method: 'a.B/Rewritten' }));
    const rewritten = await changes.next((c) => c.kind === 'request' && c.request?.method === 'a.B/Rewritten');
    expect(rewritten).toMatchObject({ kind: 'request', path: 'get', removed: false });
    expect(rewritten).not.toHaveProperty('problem');
  });
});
