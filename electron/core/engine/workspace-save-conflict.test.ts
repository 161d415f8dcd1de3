import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SavedRequest, WorkspaceChange } from '../../../shared/model/workspace';
import { connectEngine, disposeEngines } from './test-connection';

afterEach(disposeEngines);

const request = (message: string): SavedRequest => ({ version: 1, target: { address: '127.0.0.1:1' }, method: 'a.B/C', body: { message } });

/** Subscribes to workspace.changes and lets the test wait (bounded) for an event that matches. */
function follow(client: ReturnType<typeof connectEngine>['client'], root: string) {
  const events: WorkspaceChange[] = [];
  let notify = (): void => undefined;
  const sub = client.subscribe('workspace.changes', { root }, {
    onEvents: (batch) => {
      events.push(...batch);
      notify();
    },
    onEnd: () => undefined,
  });
  const waitFor = (match: (c: WorkspaceChange) => boolean) =>
    new Promise<WorkspaceChange>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out; saw ${JSON.stringify(events)}`)), 10_000);
      notify = () => {
        const found = events.find(match);
        if (!found) return;
        clearTimeout(timer);
        resolve(found);
      };
      notify();
    });
  return { events, waitFor, cancel: () => sub.cancel() };
}

describe('saving over a file changed on disk', () => {
  it('save, an outside edit right after, the next save is refused instead of clobbering it', async () => {
    const { client } = connectEngine({ dataDir: mkdtempSync(join(tmpdir(), 'loupe-conflict-data-')) });
    const root = mkdtempSync(join(tmpdir(), 'loupe-conflict-'));
    await client.request('workspace.open', { root, create: true });
    const file = join(root, 'requests', 'get.json');

    const first = await client.request('workspace.saveRequest', { root, path: 'get', request: request('mine'), baseVersion: null });
    // A git pull right after the save, within the same mtime tick.
    const pulled = readFileSync(file, 'utf8').replace('"mine"', '"pulled"');
    writeFileSync(file, pulled);

    await expect(client.request('workspace.saveRequest', { root, path: 'get', request: request('mine again'), baseVersion: first })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('requests/get.json changed on disk'),
    });
    expect(readFileSync(file, 'utf8')).toBe(pulled);

    // The version the app reads now (a reload, or the watcher) lets it save again.
    const snapshot = await client.request('workspace.open', { root });
    const current = snapshot.requests.find((r) => r.path === 'get')!;
    expect(current.request.body).toEqual({ message: 'pulled' });
    expect(current.version).not.toBe(first);
    await client.request('workspace.saveRequest', { root, path: 'get', request: request('merged'), baseVersion: current.version });
    expect(JSON.parse(readFileSync(file, 'utf8')).body).toEqual({ message: 'merged' });

    // Explicitly overwriting (no base version) always writes.
    writeFileSync(file, pulled);
    await client.request('workspace.saveRequest', { root, path: 'get', request: request('forced') });
    expect(JSON.parse(readFileSync(file, 'utf8')).body).toEqual({ message: 'forced' });
  });

  it('a first save (Save as) never overwrites a request that is already there', async () => {
    const { client } = connectEngine({ dataDir: mkdtempSync(join(tmpdir(), 'loupe-conflict-data-')) });
    const root = mkdtempSync(join(tmpdir(), 'loupe-conflict-'));
    await client.request('workspace.open', { root, create: true });
    await client.request('workspace.saveRequest', { root, path: 'get', request: request('theirs'), baseVersion: null });
    await expect(client.request('workspace.saveRequest', { root, path: 'get', request: request('mine'), baseVersion: null })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining("'get' already exists"),
    });
  });

  it('a file made unreadable on disk (a merge conflict) is not overwritten by a save based on the old version', async () => {
    const { client } = connectEngine({ dataDir: mkdtempSync(join(tmpdir(), 'loupe-conflict-data-')) });
    const root = mkdtempSync(join(tmpdir(), 'loupe-conflict-'));
    await client.request('workspace.open', { root, create: true });
    const version = await client.request('workspace.saveRequest', { root, path: 'get', request: request('mine'), baseVersion: null });
    const file = join(root, 'requests', 'get.json');
    const conflicted = '<<<<<<< HEAD\n{"version": 1}\n=======\n{"version": 1}\n>>>>>>> theirs\n';
    writeFileSync(file, conflicted);
    await expect(client.request('workspace.saveRequest', { root, path: 'get', request: request('mine'), baseVersion: version })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('not a valid request'),
    });
    expect(readFileSync(file, 'utf8')).toBe(conflicted);
  });

  it("the app's own save is not reported back as a change; an outside edit right after it is, with its version", async () => {
    const { client } = connectEngine({ dataDir: mkdtempSync(join(tmpdir(), 'loupe-conflict-data-')) });
    const root = mkdtempSync(join(tmpdir(), 'loupe-conflict-'));
    await client.request('workspace.open', { root, create: true });
    const changes = follow(client, root);
    try {
      await changes.waitFor((c) => c.kind === 'watching');
      const saved = await client.request('workspace.saveRequest', { root, path: 'get', request: request('mine'), baseVersion: null });
      const file = join(root, 'requests', 'get.json');
      writeFileSync(file, readFileSync(file, 'utf8').replace('"mine"', '"pulled"'));
      const pulled = await changes.waitFor((c) => c.kind === 'request' && c.request?.body !== undefined && JSON.stringify(c.request.body).includes('pulled'));
      // Our own write came before the outside one: had it been reported, it would be here.
      const echoes = changes.events.filter((c) => c.kind === 'request' && JSON.stringify(c.request?.body ?? '').includes('mine'));
      expect(echoes).toEqual([]);
      expect(pulled).toMatchObject({ version: expect.any(String) });
      expect(pulled.kind === 'request' && pulled.version).not.toBe(saved);
    } finally {
      changes.cancel();
    }
  });
});
