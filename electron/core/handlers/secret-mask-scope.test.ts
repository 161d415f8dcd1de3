import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LoupeContract } from '../../../shared/contract';
import { TargetSettingsSchema } from '../../../shared/model/target';
import { RpcClient } from '../../../shared/protocol/client';
import { createMemoryPortPair } from '../../../shared/protocol/test-support/memory-port';
import { HistoryStore } from '../history';
import { defaultSecretStore, WorkspaceStore } from '../workspace';
import { Engine } from '../engine';

/*
 * What the secret mask covers, and what it must leave alone. The engine masks everything it
 * sends the window, but the workspace's own files are the user's text: a plain value that
 * happens to equal a secret must reach the editor as typed, or the next save writes `{{name}}`
 * into the file. And history written before a secret was used in this session (or by an older
 * version that kept values) must not show the value.
 */

const SECRET = 'admin-7d41';
let engine: Engine | undefined;
afterEach(() => engine?.dispose());

function connect(dataDir: string): RpcClient<LoupeContract> {
  engine = new Engine({ version: '0.0.0-test', dataDir, cacheDir: join(dataDir, 'cache') });
  const [clientPort, enginePort] = createMemoryPortPair();
  engine.connect(enginePort);
  return new RpcClient<LoupeContract>(clientPort);
}

describe('the secret mask', () => {
  it('leaves the workspace files as typed, also after the secret was used', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'loupe-mask-data-'));
    const root = mkdtempSync(join(tmpdir(), 'loupe-mask-ws-'));
    const store = await WorkspaceStore.open(root, { create: true });
    await store.saveEnvironment('dev', {
      version: 1,
      variables: [
        { name: 'user', value: SECRET },
        { name: 'pw', secret: true },
      ],
    });
    const body = `{\n  "login": "${SECRET}",\n  "password": "{{pw}}"\n}`;
    await store.saveRequest('login', { version: 1, target: { address: '127.0.0.1:1' }, method: 'a.B/Login', body });
    await defaultSecretStore(dataDir).set(store.root, 'dev', 'pw', SECRET);

    const client = connect(dataDir);
    // Using the environment teaches the mask the value (as any call does).
    const resolved = await client.request('workspace.resolveRequest', { root, path: 'login', environment: 'dev' });
    expect(resolved.messages[0]).not.toContain(SECRET);

    const snapshot = await client.request('workspace.open', { root });
    expect(snapshot.requests.find((r) => r.path === 'login')?.request.body).toBe(body);
    const environments = await client.request('environment.list', { root });
    expect(environments.find((e) => e.name === 'dev')?.environment.variables).toContainEqual({
      name: 'user',
      value: SECRET,
    });
  });

  it('masks a stored secret in history written before this session used it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'loupe-mask-data-'));
    await defaultSecretStore(dataDir).set('/some/workspace', 'prod', 'token', SECRET);
    const old = await HistoryStore.inDataDir(dataDir).append({
      at: Date.now(),
      durationMs: 5,
      target: TargetSettingsSchema.parse({ address: '127.0.0.1:50051' }),
      method: 'a.B/C',
      metadata: [{ name: 'authorization', value: `Bearer ${SECRET}` }],
      requests: [`{"token":"${SECRET}"}`],
      status: { code: 0, name: 'OK', message: '' },
      responses: [],
      responseCount: 0,
      truncated: false,
    });

    const client = connect(dataDir);
    const entry = await client.request('history.get', { id: old.id });
    expect(JSON.stringify(entry)).not.toContain(SECRET);
    expect(entry.metadata).toEqual([{ name: 'authorization', value: 'Bearer {{token}}' }]);
    expect(JSON.stringify(await client.request('history.search', { query: 'a.B' }))).not.toContain(SECRET);
  });
});
