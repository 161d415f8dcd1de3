import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectEngine, disposeEngines, followWorkspaceChanges } from '../test-support/engine-connection';

afterEach(disposeEngines);

function setup() {
  const dataDir = mkdtempSync(join(tmpdir(), 'loupe-wsh-data-'));
  const root = mkdtempSync(join(tmpdir(), 'loupe-wsh-'));
  return { root, dataDir, ...connectEngine({ dataDir }) };
}

describe('workspace contract', () => {
  it('creates, saves, lists and resolves through the contract; secrets never come back', async () => {
    const { client, root } = setup();
    const empty = await client.request('workspace.open', { root, create: true });
    expect(empty).toMatchObject({ requests: [], problems: [], activeEnvironment: null });

    await client.request('workspace.saveSettings', {
      root,
      workspace: { version: 1, targets: { local: { address: '{{host}}' } } },
    });
    await client.request('environment.save', {
      root,
      name: 'dev',
      environment: {
        version: 1,
        variables: [
          { name: 'host', value: 'h:1' },
          { name: 'token', secret: true },
        ],
      },
    });
    await client.request('workspace.saveRequest', {
      root,
      path: 'users/get',
      request: {
        version: 1,
        target: 'local',
        method: 'a.B/C',
        metadata: [{ name: 'authorization', value: '{{token}}' }],
      },
    });
    await client.request('secret.set', { root, environment: 'dev', name: 'token', value: 's3cret' });
    await expect(
      client.request('secret.set', { root, environment: 'dev', name: 'host', value: 'x' }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    await client.request('environment.setActive', { root, name: 'dev' });

    const snapshot = await client.request('workspace.open', { root });
    expect(snapshot.activeEnvironment).toBe('dev');
    expect(snapshot.environments[0]!.secrets).toEqual([{ name: 'token', source: 'store' }]);
    expect(JSON.stringify(snapshot)).not.toContain('s3cret');

    const resolved = await client.request('workspace.resolveRequest', { root, path: 'users/get' });
    expect(resolved.target.address).toBe('h:1');
    expect(resolved.metadata).toEqual([{ name: 'authorization', value: '{{token}}' }]); // never the value
    await expect(
      client.request('workspace.resolveRequest', { root, path: 'users/get', environment: null }),
    ).rejects.toThrow(/Variable 'host'/);

    expect(await client.request('workspace.duplicate', { root, path: 'users/get' })).toBe('users/get (2)');
    expect(await client.request('workspace.rename', { root, path: 'users/get (2)', name: 'copy' })).toBe('users/copy');
    await expect(
      client.request('workspace.saveRequest', {
        root,
        path: '../x',
        request: { version: 1, target: 'local', method: 'a.B/C' },
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    const text = await client.request('collection.export', { root });
    expect(await client.request('collection.import', { root, text, into: 'copy' })).toEqual([
      'copy/users/copy',
      'copy/users/get',
    ]);
  });

  it('streams outside edits after a first "watching" event', async () => {
    const { client, root } = setup();
    await client.request('workspace.open', { root, create: true });
    const { waitFor, cancel } = followWorkspaceChanges(client, root);
    await waitFor((c) => c.kind === 'watching');
    writeFileSync(join(root, 'requests', 'new.json'), '{"version":1,"target":"x","method":"a.B/C"}');
    expect(await waitFor((c) => c.kind === 'request')).toMatchObject({ path: 'new', request: { method: 'a.B/C' } });
    cancel();
  });

  it('keeps history in the data folder', async () => {
    const { client } = setup();
    expect(await client.request('history.list', {})).toEqual([]);
    await expect(client.request('history.get', { id: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
