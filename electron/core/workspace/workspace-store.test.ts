import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SavedRequest } from '../../../shared/model/workspace';
import { exportWorkspaceCollection, importWorkspaceCollection } from './collection-io';
import { environmentScope, resolveRequestAt, secretStatus } from './resolve';
import { SecretMask } from './secret-mask';
import { FileSecretStore, secretEnvName } from './secrets';
import { environmentVersion, requestVersion, workspaceFileVersion, WorkspaceStore } from './workspace-store';

let root: string;
let store: WorkspaceStore;
beforeEach(async () => {
  root = mkdtempSync(join(tmpdir(), 'loupe-ws-'));
  store = await WorkspaceStore.open(root, { create: true });
});

const echo = (message: string): SavedRequest => ({
  version: 1,
  target: 'local',
  method: 'loupe.demo.v1.Demo/Echo',
  body: { message },
});

describe('WorkspaceStore', () => {
  it('refuses a folder that is not a workspace unless asked to create one', async () => {
    await expect(WorkspaceStore.open(mkdtempSync(join(tmpdir(), 'loupe-empty-')))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(readFileSync(join(root, 'loupe.workspace.json'), 'utf8')).toBe('{\n  "version": 1,\n  "targets": {}\n}\n');
  });

  it('creates a workspace in a folder that does not exist yet', async () => {
    const fresh = join(mkdtempSync(join(tmpdir(), 'loupe-new-')), 'not', 'yet');
    await (await WorkspaceStore.open(fresh, { create: true })).saveRequest('a', echo('x'));
    expect((await (await WorkspaceStore.open(fresh)).load()).requests.map((r) => r.path)).toEqual(['a']);
  });

  it('saves and loads everything back deep-equal, mirroring folders on disk', async () => {
    await store.saveWorkspaceFile({
      version: 1,
      name: 'demo',
      targets: { local: { address: '{{host}}', tls: { enabled: false } } },
      later: true,
    });
    await store.saveRequest('users/admin/get', echo('a'));
    await store.saveRequest('ping', { ...echo('b'), futureField: [1] });
    await store.saveEnvironment('dev', {
      version: 1,
      variables: [
        { name: 'host', value: 'h:1' },
        { name: 'token', secret: true },
      ],
    });
    expect(readFileSync(join(root, 'requests', 'users', 'admin', 'get.json'), 'utf8')).toMatch(
      /^\{\n {2}"version": 1,\n {2}"target": "local",/,
    );

    const reopened = await (await WorkspaceStore.open(root)).load();
    expect(reopened.problems).toEqual([]);
    expect(reopened.workspace).toEqual({
      version: 1,
      name: 'demo',
      targets: { local: { address: '{{host}}', tls: { enabled: false } } },
      later: true,
    });
    expect(reopened.folders).toEqual(['users', 'users/admin']);
    expect(reopened.requests).toEqual([
      {
        path: 'ping',
        request: { ...echo('b'), futureField: [1] },
        version: requestVersion({ ...echo('b'), futureField: [1] }),
      },
      { path: 'users/admin/get', request: echo('a'), version: requestVersion(echo('a')) },
    ]);
    const dev = {
      version: 1,
      variables: [
        { name: 'host', value: 'h:1' },
        { name: 'token', secret: true },
      ],
    };
    expect(reopened.environments).toEqual([{ name: 'dev', environment: dev, version: environmentVersion(dev) }]);
    expect(reopened.workspaceVersion).toBe(workspaceFileVersion(reopened.workspace));
  });

  it('loads the good files when one is malformed, and names the bad one with line and column', async () => {
    await store.saveRequest('a', echo('a'));
    await store.saveRequest('c', echo('c'));
    writeFileSync(join(root, 'requests', 'b.json'), '{\n  "version": 1,\n  "target": "local"\n  "method": "x"\n}\n');
    writeFileSync(join(root, 'requests', 'd.json'), '{"version": 1, "target": "local"}');
    writeFileSync(join(root, 'environments', 'bad.json'), '[]');
    const content = await store.load();
    expect(content.requests.map((r) => r.path)).toEqual(['a', 'c']);
    expect(content.problems).toEqual([
      {
        file: 'requests/b.json',
        line: 4,
        column: 3,
        message: expect.stringMatching(/^requests\/b\.json:4:3: invalid JSON: expected ',' or '}'/),
      },
      { file: 'requests/d.json', message: expect.stringMatching(/^requests\/d\.json: method: /) },
      { file: 'environments/bad.json', message: expect.stringMatching(/^environments\/bad\.json: /) },
    ]);
  });

  it('moves, renames, duplicates and deletes requests and folders', async () => {
    await store.saveRequest('users/get', echo('g'));
    await store.saveRequest('users/list', echo('l'));
    expect(await store.rename('users/get', 'fetch')).toBe('users/fetch');
    await store.move('users', 'team/people');
    expect(await store.duplicate('team/people/fetch')).toBe('team/people/fetch (2)');
    expect(await store.duplicate('team/people')).toBe('team/people (2)');
    await expect(store.move('team/people/list', 'team/people/fetch')).rejects.toThrow(/already exists/);
    await expect(store.move('team', 'team/inner')).rejects.toThrow(/into itself/);
    await store.deleteItem('team/people (2)');
    await expect(store.deleteItem('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const content = await store.load();
    expect(content.requests.map((r) => r.path)).toEqual([
      'team/people/fetch',
      'team/people/fetch (2)',
      'team/people/list',
    ]);
    expect(content.requests[0]!.request).toEqual(echo('g'));
    await expect(store.saveRequest('../escape', echo('x'))).rejects.toThrow(/Invalid path/);
  });

  it('leaves no temporary files behind', async () => {
    for (let i = 0; i < 5; i++) await store.saveRequest('r', echo(String(i)));
    expect(await readdir(join(root, 'requests'))).toEqual(['r.json']);
  });

  it('exports a folder and imports it elsewhere', async () => {
    await store.saveWorkspaceFile({ version: 1, targets: { local: { address: 'h:1' } } });
    await store.saveRequest('users/get', echo('g'));
    const text = await exportWorkspaceCollection(store, 'users');
    const other = await WorkspaceStore.open(mkdtempSync(join(tmpdir(), 'loupe-ws2-')), { create: true });
    expect(await importWorkspaceCollection(other, text, 'imported')).toEqual(['imported/get']);
    expect(await importWorkspaceCollection(other, text, 'imported')).toEqual(['imported/get (2)']);
    expect((await other.readWorkspaceFile()).targets).toEqual({ local: { address: 'h:1' } });
    expect(await other.readRequest('imported/get')).toEqual(echo('g'));
  });
});

describe('secrets and environments', () => {
  it('keeps secret values in a 0600 file outside the workspace, keyed by workspace and environment', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'loupe-data-'));
    const secrets = new FileSecretStore(join(dataDir, 'secrets.json'));
    await secrets.set(root, 'dev', 'token', 's3cret');
    await secrets.set(root, 'prod', 'token', 'other');
    expect(statSync(secrets.file).mode & 0o777).toBe(0o600);
    expect(await secrets.get(root, 'dev', 'token')).toBe('s3cret');
    expect(await secrets.names(root, 'prod')).toEqual(['token']);
    await secrets.delete(root, 'prod', 'token');
    expect(await secrets.get(root, 'prod', 'token')).toBeUndefined();

    await store.saveWorkspaceFile({ version: 1, targets: { local: { address: '{{host}}', tls: { enabled: false } } } });
    await store.saveEnvironment('dev', {
      version: 1,
      variables: [
        { name: 'host', value: '127.0.0.1:{{port}}' },
        { name: 'port', value: '1' },
        { name: 'token', secret: true },
      ],
    });
    await store.saveRequest('r', { ...echo('x'), metadata: [{ name: 'authorization', value: 'Bearer {{token}}' }] });
    const mask = new SecretMask();
    const fromStore = await resolveRequestAt(store, 'r', 'dev', { store: secrets, env: {}, mask });
    expect(fromStore.resolved.metadata).toEqual([{ name: 'authorization', value: 'Bearer s3cret' }]);
    expect(fromStore.resolved.target.address).toBe('127.0.0.1:1');
    expect(fromStore.template.metadata).toEqual([{ name: 'authorization', value: 'Bearer {{token}}' }]);
    expect(fromStore.template.target.address).toBe('{{host}}');
    expect(mask.text('Bearer s3cret')).toBe('Bearer {{token}}');
    const fromEnv = await resolveRequestAt(store, 'r', 'dev', {
      store: secrets,
      env: { [secretEnvName('token')]: 'from-ci' },
      mask,
    });
    expect(fromEnv.resolved.metadata[0]!.value).toBe('Bearer from-ci');
    await expect(resolveRequestAt(store, 'r', 'dev', { env: {}, mask })).rejects.toThrow(
      "Secret variable 'token' used in metadata 'authorization' of r has no value in environment 'dev': set LOUPE_SECRET_TOKEN",
    );
    expect(readFileSync(join(root, 'environments', 'dev.json'), 'utf8')).not.toContain('s3cret');
    await expect(environmentScope(store, 'nope', { mask })).rejects.toThrow(/no environment named 'nope'/);

    // CI passes an empty string for a secret it does not have: that is no value, and a stored one applies.
    const empty = { env: { [secretEnvName('token')]: '' }, mask };
    await expect(resolveRequestAt(store, 'r', 'dev', empty)).rejects.toThrow(
      'LOUPE_SECRET_TOKEN is set but empty, which counts as not set',
    );
    expect((await resolveRequestAt(store, 'r', 'dev', { ...empty, store: secrets })).resolved.metadata[0]!.value).toBe(
      'Bearer s3cret',
    );
    const dev = await store.readEnvironment('dev');
    expect(await secretStatus(root, 'dev', dev, empty)).toEqual([{ name: 'token', source: 'missing' }]);
    expect(await secretStatus(root, 'dev', dev, { env: { [secretEnvName('token')]: 'x' } })).toEqual([
      { name: 'token', source: 'process-env' },
    ]);
  });

  it('names process variables LOUPE_SECRET_<NAME>', () => {
    expect(secretEnvName('api.token')).toBe('LOUPE_SECRET_API_TOKEN');
  });

  it('resolves relative proto paths against the workspace folder', async () => {
    await store.saveRequest('r', {
      version: 1,
      target: {
        address: 'h:1',
        schema: { reflection: false, protoFiles: ['protos/a.proto'], importPaths: ['protos'] },
      },
      method: 'a.B/C',
    });
    const { resolved } = await resolveRequestAt(store, 'r', null, { mask: new SecretMask() });
    expect(resolved.target.schema.protoFiles).toEqual([join(store.root, 'protos', 'a.proto')]);
    expect(resolved.target.schema.importPaths).toEqual([join(store.root, 'protos')]);
  });
});
