import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EnvironmentFile, SavedRequest } from '../../../shared/model/workspace';
import { connectEngine, disposeEngines, followWorkspaceChanges as follow } from '../test-support/engine-connection';

afterEach(disposeEngines);

const environment = (host: string): EnvironmentFile => ({ version: 1, variables: [{ name: 'host', value: host }] });
const request = (message: string): SavedRequest => ({
  version: 1,
  target: { address: '127.0.0.1:1' },
  method: 'a.B/C',
  body: { message },
});

describe('saving over a file changed on disk', () => {
  it('save, an outside edit right after, the next save is refused instead of clobbering it', async () => {
    const { client } = connectEngine({ dataDir: mkdtempSync(join(tmpdir(), 'loupe-conflict-data-')) });
    const root = mkdtempSync(join(tmpdir(), 'loupe-conflict-'));
    await client.request('workspace.open', { root, create: true });
    const file = join(root, 'requests', 'get.json');

    const first = await client.request('workspace.saveRequest', {
      root,
      path: 'get',
      request: request('mine'),
      baseVersion: null,
    });
    // A git pull right after the save, within the same mtime tick.
    const pulled = readFileSync(file, 'utf8').replace('"mine"', '"pulled"');
    writeFileSync(file, pulled);

    await expect(
      client.request('workspace.saveRequest', {
        root,
        path: 'get',
        request: request('mine again'),
        baseVersion: first,
      }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('requests/get.json changed on disk'),
    });
    expect(readFileSync(file, 'utf8')).toBe(pulled);

    // The version the app reads now (a reload, or the watcher) lets it save again.
    const snapshot = await client.request('workspace.open', { root });
    const current = snapshot.requests.find((r) => r.path === 'get')!;
    expect(current.request.body).toEqual({ message: 'pulled' });
    expect(current.version).not.toBe(first);
    await client.request('workspace.saveRequest', {
      root,
      path: 'get',
      request: request('merged'),
      baseVersion: current.version,
    });
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
    await expect(
      client.request('workspace.saveRequest', { root, path: 'get', request: request('mine'), baseVersion: null }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining("'get' already exists"),
    });
  });

  it('a file made unreadable on disk (a merge conflict) is not overwritten by a save based on the old version', async () => {
    const { client } = connectEngine({ dataDir: mkdtempSync(join(tmpdir(), 'loupe-conflict-data-')) });
    const root = mkdtempSync(join(tmpdir(), 'loupe-conflict-'));
    await client.request('workspace.open', { root, create: true });
    const version = await client.request('workspace.saveRequest', {
      root,
      path: 'get',
      request: request('mine'),
      baseVersion: null,
    });
    const file = join(root, 'requests', 'get.json');
    const conflicted = '<<<<<<< HEAD\n{"version": 1}\n=======\n{"version": 1}\n>>>>>>> theirs\n';
    writeFileSync(file, conflicted);
    await expect(
      client.request('workspace.saveRequest', { root, path: 'get', request: request('mine'), baseVersion: version }),
    ).rejects.toMatchObject({
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
      const saved = await client.request('workspace.saveRequest', {
        root,
        path: 'get',
        request: request('mine'),
        baseVersion: null,
      });
      const file = join(root, 'requests', 'get.json');
      writeFileSync(file, readFileSync(file, 'utf8').replace('"mine"', '"pulled"'));
      const pulled = await changes.waitFor(
        (c) =>
          c.kind === 'request' && c.request?.body !== undefined && JSON.stringify(c.request.body).includes('pulled'),
      );
      // Our own write came before the outside one: had it been reported, it would be here.
      const echoes = changes.events.filter(
        (c) => c.kind === 'request' && JSON.stringify(c.request?.body ?? '').includes('mine'),
      );
      expect(echoes).toEqual([]);
      expect(pulled).toMatchObject({ version: expect.any(String) });
      expect(pulled.kind === 'request' && pulled.version).not.toBe(saved);
    } finally {
      changes.cancel();
    }
  });
});

describe('saving an environment or the workspace settings over a file changed on disk', () => {
  const setUp = async () => {
    const { client } = connectEngine({ dataDir: mkdtempSync(join(tmpdir(), 'loupe-conflict-data-')) });
    const root = mkdtempSync(join(tmpdir(), 'loupe-conflict-'));
    await client.request('workspace.open', { root, create: true });
    return { client, root };
  };

  it('environment: save, an outside edit right after, the next save is refused and the file left as pulled', async () => {
    const { client, root } = await setUp();
    const file = join(root, 'environments', 'dev.json');
    const first = await client.request('environment.save', {
      root,
      name: 'dev',
      environment: environment('mine:1'),
      baseVersion: null,
    });
    const pulled = readFileSync(file, 'utf8').replace('mine:1', 'pulled:1');
    writeFileSync(file, pulled);

    await expect(
      client.request('environment.save', { root, name: 'dev', environment: environment('mine:2'), baseVersion: first }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('environments/dev.json changed on disk'),
    });
    expect(readFileSync(file, 'utf8')).toBe(pulled);

    // The version read now (the snapshot, or the list the editor refreshes from) lets it save again.
    const snapshot = await client.request('workspace.open', { root });
    const current = snapshot.environments.find((e) => e.name === 'dev')!;
    expect(current.environment.variables).toEqual([{ name: 'host', value: 'pulled:1' }]);
    expect(current.version).not.toBe(first);
    const listed = await client.request('environment.list', { root });
    expect(listed.find((e) => e.name === 'dev')?.version).toBe(current.version);
    await client.request('environment.save', {
      root,
      name: 'dev',
      environment: environment('merged:1'),
      baseVersion: current.version,
    });
    expect(JSON.parse(readFileSync(file, 'utf8')).variables).toEqual([{ name: 'host', value: 'merged:1' }]);

    // Explicitly overwriting (no base version) always writes.
    writeFileSync(file, pulled);
    await client.request('environment.save', { root, name: 'dev', environment: environment('forced:1') });
    expect(JSON.parse(readFileSync(file, 'utf8')).variables).toEqual([{ name: 'host', value: 'forced:1' }]);
  });

  it("environment: the app's own saves do not conflict with themselves, twice in a row, and read back as the version answered", async () => {
    const { client, root } = await setUp();
    const v1 = await client.request('environment.save', {
      root,
      name: 'dev',
      environment: environment('a:1'),
      baseVersion: null,
    });
    const v2 = await client.request('environment.save', {
      root,
      name: 'dev',
      environment: environment('b:1'),
      baseVersion: v1,
    });
    const v3 = await client.request('environment.save', {
      root,
      name: 'dev',
      environment: environment('c:1'),
      baseVersion: v2,
    });
    expect(new Set([v1, v2, v3]).size).toBe(3);
    const snapshot = await client.request('workspace.open', { root });
    expect(snapshot.environments.find((e) => e.name === 'dev')?.version).toBe(v3);
  });

  it('environment: a new one never overwrites a file already there, nor a save one that no longer parses', async () => {
    const { client, root } = await setUp();
    const version = await client.request('environment.save', {
      root,
      name: 'dev',
      environment: environment('theirs:1'),
      baseVersion: null,
    });
    await expect(
      client.request('environment.save', { root, name: 'dev', environment: environment('mine:1'), baseVersion: null }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining("Environment 'dev' already exists"),
    });
    const file = join(root, 'environments', 'dev.json');
    const conflicted = '<<<<<<< HEAD\n{"version": 1}\n=======\n{"version": 1}\n>>>>>>> theirs\n';
    writeFileSync(file, conflicted);
    await expect(
      client.request('environment.save', {
        root,
        name: 'dev',
        environment: environment('mine:1'),
        baseVersion: version,
      }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('not a valid environment'),
    });
    expect(readFileSync(file, 'utf8')).toBe(conflicted);
  });

  it('workspace settings: own saves chain; an outside edit right after one is not overwritten', async () => {
    const { client, root } = await setUp();
    const file = join(root, 'loupe.workspace.json');
    const opened = await client.request('workspace.open', { root });
    expect(opened.workspaceVersion).toEqual(expect.any(String));
    const target = (address: string) => ({ version: 1, targets: { local: { address } } });
    const v1 = await client.request('workspace.saveSettings', {
      root,
      workspace: target('a:1'),
      baseVersion: opened.workspaceVersion,
    });
    const v2 = await client.request('workspace.saveSettings', { root, workspace: target('b:1'), baseVersion: v1 });
    expect((await client.request('workspace.open', { root })).workspaceVersion).toBe(v2);

    const pulled = readFileSync(file, 'utf8').replace('b:1', 'pulled:1');
    writeFileSync(file, pulled);
    await expect(
      client.request('workspace.saveSettings', { root, workspace: target('c:1'), baseVersion: v2 }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('loupe.workspace.json changed on disk'),
    });
    expect(readFileSync(file, 'utf8')).toBe(pulled);

    writeFileSync(file, '{"version": 1, "targets": ');
    await expect(
      client.request('workspace.saveSettings', { root, workspace: target('c:1'), baseVersion: v2 }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('not a valid workspace file'),
    });
  });

  it('the watcher reports an outside edit of an environment and of the settings with the version a save can name', async () => {
    const { client, root } = await setUp();
    const changes = follow(client, root);
    try {
      await changes.waitFor((c) => c.kind === 'watching');
      const saved = await client.request('environment.save', {
        root,
        name: 'dev',
        environment: environment('mine:1'),
        baseVersion: null,
      });
      const file = join(root, 'environments', 'dev.json');
      writeFileSync(file, readFileSync(file, 'utf8').replace('mine:1', 'pulled:1'));
      const pulled = await changes.waitFor(
        (c) => c.kind === 'environment' && JSON.stringify(c.environment ?? '').includes('pulled'),
      );
      expect(
        changes.events.filter((c) => c.kind === 'environment' && JSON.stringify(c.environment ?? '').includes('mine')),
      ).toEqual([]);
      const version = pulled.kind === 'environment' ? pulled.version : undefined;
      expect(version).toEqual(expect.any(String));
      expect(version).not.toBe(saved);
      await client.request('environment.save', {
        root,
        name: 'dev',
        environment: environment('merged:1'),
        baseVersion: version,
      });

      writeFileSync(
        join(root, 'loupe.workspace.json'),
        JSON.stringify({ version: 1, targets: { pulled: { address: 'p:1' } } }),
      );
      const settings = await changes.waitFor((c) => c.kind === 'workspace' && c.workspace !== undefined);
      const settingsVersion = settings.kind === 'workspace' ? settings.version : undefined;
      expect(settingsVersion).toEqual(expect.any(String));
      await client.request('workspace.saveSettings', {
        root,
        workspace: { version: 1, targets: {} },
        baseVersion: settingsVersion,
      });
    } finally {
      changes.cancel();
    }
  });
});
