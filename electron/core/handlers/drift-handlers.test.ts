import { mkdtempSync, readFileSync, symlinkSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { key, V1_TO_V2 } from '../schema/drift/testdata/expected';
import { PROTO_FILES, startNodeServer, versionDir, type TestServer } from '../schema/drift/testdata/servers';
import { connectEngine, disposeEngines } from '../test-support/engine-connection';

// The drift entries of the contract, as the window will use them: through a real Engine.
let v1Server: TestServer;
beforeAll(async () => {
  v1Server = await startNodeServer('v1', true);
});
afterAll(() => v1Server?.stop());
afterEach(disposeEngines);

const protos = (version: 'v1' | 'v2') => ({ kind: 'protos' as const, paths: [versionDir(version)] });
const atDefault = V1_TO_V2.filter((x) => x.category === 'WIRE' || x.category === 'WIRE_JSON');

function setup() {
  const dataDir = mkdtempSync(join(tmpdir(), 'loupe-drift-data-'));
  const root = mkdtempSync(join(tmpdir(), 'loupe-drift-ws-'));
  return { root, ...connectEngine({ dataDir }) };
}

describe('drift contract', () => {
  it('drift.compare: two folders of protos, at the default strictness and another', async () => {
    const { client } = setup();
    const report = await client.request('drift.compare', { base: protos('v1'), other: protos('v2') });
    expect(report.category).toBe('WIRE_JSON');
    expect(report.findings.map(key).sort()).toEqual(atDefault.map(key).sort());
    expect(report.base).toBe(`protos ${versionDir('v1')}`);
    const wire = await client.request('drift.compare', { base: protos('v1'), other: protos('v2'), category: 'WIRE' });
    expect(wire.findings.every((f) => f.category === 'WIRE')).toBe(true);
  });

  it("drift.compare: the current target (a server, its address from the workspace's environment) against protos", async () => {
    const { client, root } = setup();
    await client.request('workspace.open', { root, create: true });
    await client.request('environment.save', {
      root,
      name: 'dev',
      environment: { version: 1, variables: [{ name: 'host', value: v1Server.address }] },
    });
    const target = { kind: 'target' as const, target: { address: '{{host}}' } };
    const environment = { root, name: 'dev' };
    const same = await client.request('drift.compare', { base: target, other: protos('v1'), environment });
    expect(same.findings).toEqual([]);
    expect(same.base).toBe(`reflection ${v1Server.address}`);
    expect(same.notes).toHaveLength(1);
    const drift = await client.request('drift.compare', { base: target, other: protos('v2'), environment });
    expect(drift.breaking).toBeGreaterThan(0);
  });

  it('drift.saveSnapshot into the workspace, drift.snapshots lists it, drift.compare reads it by a relative path', async () => {
    const { client, root } = setup();
    const environment = { root, name: null };
    const saved = await client.request('drift.saveSnapshot', {
      source: protos('v1'),
      name: 'prod 2025/06',
      environment,
    });
    expect(saved.path).toBe(join(root, 'snapshots', 'prod-2025-06.binpb'));
    expect(saved.info).toMatchObject({ name: 'prod 2025/06', source: `protos ${versionDir('v1')}` });
    expect(readFileSync(`${saved.path}.txt`, 'utf8')).toMatch(/^# Loupe schema snapshot "prod 2025\/06" taken /);
    expect(await client.request('drift.snapshots', { root })).toEqual([saved]);
    const report = await client.request('drift.compare', {
      base: { kind: 'snapshot', path: 'snapshots/prod-2025-06.binpb' },
      other: {
        kind: 'protos',
        paths: PROTO_FILES.v2.map((f) => join(versionDir('v2'), f)),
        importPaths: [versionDir('v2')],
      },
      environment,
    });
    expect(report.base).toBe(`snapshot prod 2025/06 (${saved.info!.takenAt.slice(0, 10)})`);
    expect(report.findings.map(key).sort()).toEqual(atDefault.map(key).sort());
  });

  it('drift.saveSnapshot at an absolute path, no workspace needed; a server as the source', async () => {
    const { client } = setup();
    const path = join(mkdtempSync(join(tmpdir(), 'loupe-drift-abs-')), 'server.binpb');
    const target = { kind: 'target' as const, target: { address: v1Server.address } };
    const saved = await client.request('drift.saveSnapshot', { source: target, name: 'server', path });
    expect(saved.path).toBe(path);
    const report = await client.request('drift.compare', { base: { kind: 'snapshot', path }, other: target });
    expect(report.findings).toEqual([]);
  });

  it('refuses what it cannot do, saying why', async () => {
    const { client, root } = setup();
    await expect(
      client.request('drift.compare', { base: { kind: 'snapshot', path: 'a.binpb' }, other: protos('v1') }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      message: 'The path a.binpb is relative, and no workspace says to what.',
    });
    await expect(client.request('drift.saveSnapshot', { source: protos('v1'), name: 'x' })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: 'Saving a snapshot needs an absolute path or a workspace to save it in.',
    });
    await expect(
      client.request('drift.compare', { base: protos('v1'), other: protos('v2'), category: 'STRICT' as never }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(
      client.request('drift.compare', {
        base: { kind: 'snapshot', path: join(root, 'missing.binpb') },
        other: protos('v1'),
      }),
    ).rejects.toMatchObject({ code: 'SCHEMA', message: expect.stringMatching(/missing\.binpb: no such file/) });
    // A snapshots folder that leads outside the workspace is not written through.
    const outside = mkdtempSync(join(tmpdir(), 'loupe-drift-outside-'));
    symlinkSync(outside, join(root, 'snapshots'));
    await expect(
      client.request('drift.saveSnapshot', { source: protos('v1'), name: 'x', environment: { root, name: null } }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/leads outside the workspace folder/),
    });
    expect(existsSync(join(outside, 'x.binpb'))).toBe(false);
    // No snapshots folder: none listed.
    const empty = mkdtempSync(join(tmpdir(), 'loupe-drift-empty-'));
    mkdirSync(join(empty, 'other'));
    expect(await client.request('drift.snapshots', { root: empty })).toEqual([]);
  });
});
