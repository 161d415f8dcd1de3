import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSchema } from '../load-schema';
import { SchemaRegistry } from '../registry';
import { compareSchemas } from './compare';
import { readSnapshot, snapshotLabel, snapshotTextPath, writeSnapshot } from './snapshot';
import { expectedKeys, key } from './testdata/expected';
import { protoSource } from './testdata/servers';

let dir: string;
let v1: SchemaRegistry;
let v2: SchemaRegistry;
const INFO = { name: 'v1', takenAt: '2025-01-02T03:04:05.000Z', source: 'protos testdata/v1' };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'loupe-snapshot-'));
  [v1, v2] = await Promise.all([loadSchema(protoSource('v1')), loadSchema(protoSource('v2'))]);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('snapshots', () => {
  it('are a FileDescriptorSet and, beside it, the same schema in proto syntax with a header', async () => {
    const path = join(dir, 'v1.binpb');
    expect(await writeSnapshot(path, v1, INFO)).toEqual({ binary: path, text: `${path}.txt` });
    const text = await readFile(snapshotTextPath(path), 'utf8');
    expect(text.split('\n').slice(0, 3)).toEqual([
      '# Loupe schema snapshot "v1" taken 2025-01-02T03:04:05.000Z from protos testdata/v1',
      '# The schema itself is v1.binpb beside this file, a FileDescriptorSet that Loupe, protoc, buf',
      '# and grpcurl read; this is its readable form, for reviews and diffs.',
    ]);
    // Files sorted by name, each in proto syntax with its comments.
    expect(text.indexOf('// ---- acme/audit/v1/audit.proto ----')).toBeLessThan(
      text.indexOf('// ---- acme/users/v1/users.proto ----'),
    );
    expect(text).toContain(
      'syntax = "proto2";\n\npackage acme.audit.v1;\n\noption go_package = "loupetest/drift/pb";\n',
    );
    expect(text).toContain('  // v2: optional (required is gone).\n  required string actor = 1;\n');
    expect(text).toContain(
      '  rpc WatchUsers ( .acme.users.v1.WatchUsersRequest ) returns ( stream .acme.users.v1.User );\n',
    );
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('read back, compare like the files they were taken from, lines and all', async () => {
    const path = join(dir, 'v1.binpb');
    const snapshot = await readSnapshot(path);
    expect(snapshot.info).toEqual(INFO);
    expect(snapshotLabel('v1.binpb', snapshot.info)).toBe('snapshot v1 (2025-01-02)');
    const schema = SchemaRegistry.fromFiles(snapshot.files, ['snapshot']);
    expect(
      compareSchemas({ label: 'protos', schema: v1 }, { label: 'snapshot', schema }, { category: 'FILE' }).findings,
    ).toEqual([]);
    const drift = compareSchemas({ label: 'snapshot', schema }, { label: 'v2', schema: v2 }, { category: 'FILE' });
    expect(drift.findings.map(key).sort()).toEqual(expectedKeys(true));
    expect(drift.findings.find((f) => f.subject === 'acme.users.v1.User.email')?.base).toEqual({
      symbol: 'acme.users.v1.User.email',
      file: 'acme/users/v1/users.proto',
      line: 32,
      column: 3,
    });
  });

  it('of the same schema are the same bytes (nothing to commit when nothing changed)', async () => {
    const again = await loadSchema(protoSource('v1'));
    // The same files listed the other way round load in another order.
    const reordered = SchemaRegistry.fromFiles([...again.files].reverse(), ['reordered']);
    await writeSnapshot(join(dir, 'a.binpb'), again, INFO);
    await writeSnapshot(join(dir, 'b.binpb'), reordered, INFO);
    expect(await readFile(join(dir, 'a.binpb'))).toEqual(await readFile(join(dir, 'b.binpb')));
    expect(await readFile(join(dir, 'a.binpb.txt'), 'utf8')).toBe(
      (await readFile(join(dir, 'b.binpb.txt'), 'utf8')).replace('b.binpb', 'a.binpb'),
    );
  });

  it('a protoset without the text is read as one, without a name or date', async () => {
    const path = join(dir, 'plain.binpb');
    await writeSnapshot(path, v2, INFO);
    await rm(snapshotTextPath(path));
    const snapshot = await readSnapshot(path);
    expect(snapshot.info).toBeUndefined();
    expect(snapshotLabel('plain.binpb', snapshot.info)).toBe('protoset plain.binpb');
    await writeFile(snapshotTextPath(path), 'not a header\n');
    expect((await readSnapshot(path)).info).toBeUndefined();
  });

  it('a file that is not a snapshot is refused, naming it', async () => {
    const path = join(dir, 'notes.txt');
    await writeFile(path, 'hello');
    await expect(readSnapshot(path)).rejects.toThrow(/notes\.txt is not a protoset \(a binary FileDescriptorSet\)/);
    await expect(readSnapshot(join(dir, 'missing.binpb'))).rejects.toThrow(/missing\.binpb: no such file/);
  });
});
