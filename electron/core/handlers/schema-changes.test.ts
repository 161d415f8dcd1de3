import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { versionDir } from '../schema/drift/testdata/servers';
import { connectEngine, disposeEngines } from '../test-support/engine-connection';

afterEach(disposeEngines);

// A target on .proto files that change on disk between two loads, as a team's protos do.
describe('schema.load with refresh says what changed', () => {
  it('lists the changes of a refresh that changed something, and nothing otherwise', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'loupe-refresh-'));
    cpSync(versionDir('v1'), dir, { recursive: true });
    const target = {
      address: '127.0.0.1:1',
      schema: { reflection: false, protoFiles: [join(dir, 'acme/users/v1/users.proto')], importPaths: [dir] },
    };
    const { client } = connectEngine();
    const first = await client.request('schema.load', { target });
    expect(first.changes).toBeUndefined();

    const same = await client.request('schema.load', { target, refresh: true });
    expect(same.changes).toBeUndefined();

    cpSync(versionDir('v2'), dir, { recursive: true });
    const changed = await client.request('schema.load', { target, refresh: true });
    expect(changed.changes?.category).toBe('FILE');
    expect(changed.changes?.breaking).toBeGreaterThan(0);
    const subjects = changed.changes?.findings.map((f) => `${f.kind} ${f.subject}`);
    expect(subjects).toContain('breaking-wire acme.users.v1.Users.DeleteUser');
    expect(subjects).toContain('addition acme.users.v1.Users.CreateUser');
    expect(changed.services.flatMap((s) => s.methods.map((m) => m.name))).toContain('CreateUser');
  });
});
