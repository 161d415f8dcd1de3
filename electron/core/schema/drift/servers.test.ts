import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DriftReport } from '../../../../shared/model/drift';
import { loadSchema } from '../load-schema';
import { SchemaRegistry } from '../registry';
import type { GoServer } from '../testdata/go-server';
import { compareSchemas } from './compare';
import { readSnapshot, writeSnapshot } from './snapshot';
import { expectedKeys, key } from './testdata/expected';
import { protoSource, startGoDriftServer, startNodeServer, type TestServer, type Version } from './testdata/servers';
import { protoJsonName } from './types';

// v1 and v2 of one service, each served by reflection from grpc-js (camel-cased names, as
// proto-loader loads by default, and with keepCase) and from grpc-go, compared every way.
const REFLECTION = { reflection: true, protoFiles: [], importPaths: [], protosets: [] };
const servers: (TestServer | GoServer)[] = [];
const clients: grpc.Client[] = [];
const schema: Record<string, SchemaRegistry> = {};

async function reflect(name: string, server: TestServer | GoServer): Promise<void> {
  servers.push(server);
  const client = new grpc.Client(server.address, grpc.credentials.createInsecure());
  clients.push(client);
  schema[name] = await loadSchema(REFLECTION, { client });
}

beforeAll(async () => {
  for (const v of ['v1', 'v2'] as Version[]) {
    await reflect(`node-${v}`, await startNodeServer(v, true));
    await reflect(`node-camel-${v}`, await startNodeServer(v, false));
    await reflect(`go-${v}`, await startGoDriftServer(v));
    schema[`protos-${v}`] = await loadSchema(protoSource(v));
  }
}, 11 * 60_000);

afterAll(async () => {
  for (const c of clients) c.close();
  for (const s of servers) await s.stop();
});

const compare = (a: string, b: string): DriftReport =>
  compareSchemas({ label: a, schema: schema[a]! }, { label: b, schema: schema[b]! }, { category: 'FILE' });
const keys = (r: DriftReport) => r.findings.map(key).sort();
/** Subjects as a server that camel-cases field names calls them (acme.v1.User.login_count -> loginCount). */
const camel = (s: string) => s.replace(/\.([a-z][a-z0-9_]*)$/, (_, f: string) => `.${protoJsonName(f)}`);

describe('server against server', () => {
  it('grpc-go v1 against grpc-go v2: every kind of change, as with the .proto files', () => {
    const r = compare('go-v1', 'go-v2');
    expect(keys(r)).toEqual(expectedKeys(true));
    expect(r.notes).toEqual([]);
    // Reflection carries no source info: findings name symbols and files, without lines.
    const email = r.findings.find((f) => f.subject === 'acme.users.v1.User.email')!;
    expect(email.base).toEqual({ symbol: 'acme.users.v1.User.email', file: 'acme/users/v1/users.proto' });
    expect(email.message).toMatch(/^field 3 of acme.users.v1.User was `string email`, is now `int64 email_id`: /);
  });

  it("grpc-js v1 against grpc-js v2: every change protobufjs's descriptors can show, and a note on the rest", () => {
    const r = compare('node-v1', 'node-v2');
    expect(keys(r)).toEqual(expectedKeys(false));
    expect(r.notes).toEqual([
      expect.stringMatching(/^node-v1 was described by protobufjs .*: those, and files, were not compared\.$/),
      expect.stringMatching(/^node-v2 was described by protobufjs/),
    ]);
  });

  it('grpc-js with camel-cased field names: the same, under the names the server gives', () => {
    expect(keys(compare('node-camel-v1', 'node-camel-v2'))).toEqual(expectedKeys(false, camel));
  });

  it('grpc-js against grpc-go (another language), both ways round', () => {
    expect(keys(compare('node-v1', 'go-v2'))).toEqual(expectedKeys(false));
    expect(keys(compare('go-v1', 'node-camel-v2'))).toEqual(expectedKeys(false));
  });

  it('the same version from two servers: nothing', () => {
    for (const v of ['v1', 'v2']) {
      expect(compare(`node-${v}`, `go-${v}`).findings).toEqual([]);
      expect(compare(`go-${v}`, `node-camel-${v}`).findings).toEqual([]);
      expect(compare(`node-camel-${v}`, `node-${v}`).findings).toEqual([]);
    }
  });
});

describe('server against .proto files', () => {
  it('a server still on v1 against the v2 protos: every kind of change', () => {
    expect(keys(compare('go-v1', 'protos-v2'))).toEqual(expectedKeys(true));
    expect(keys(compare('node-v1', 'protos-v2'))).toEqual(expectedKeys(false));
    const r = compare('go-v1', 'protos-v2');
    const email = r.findings.find((f) => f.subject === 'acme.users.v1.User.email')!;
    // The protos side has source info, the server's side has not.
    expect(email.base).toEqual({ symbol: 'acme.users.v1.User.email', file: 'acme/users/v1/users.proto' });
    expect(email.other).toEqual({
      symbol: 'acme.users.v1.User.email_id',
      file: 'acme/users/v1/users.proto',
      line: 30,
      column: 3,
    });
  });

  it('v2 protos against a server already on v2... and the other way round: nothing', () => {
    for (const v of ['v1', 'v2']) {
      for (const server of [`go-${v}`, `node-${v}`, `node-camel-${v}`]) {
        expect(compare(server, `protos-${v}`).findings).toEqual([]);
        expect(compare(`protos-${v}`, server).findings).toEqual([]);
      }
    }
  });
});

describe('snapshots of servers', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'loupe-drift-snapshots-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const roundTrip = async (name: string) => {
    const path = join(dir, `${name}.binpb`);
    await writeSnapshot(path, schema[name]!, { name, takenAt: new Date(0).toISOString(), source: name });
    return SchemaRegistry.fromFiles((await readSnapshot(path)).files, ['snapshot']);
  };

  it('a snapshot compares like the server it was taken from, and against protos like it', async () => {
    for (const name of ['go-v1', 'node-v1', 'node-camel-v1']) {
      const snapshot = await roundTrip(name);
      expect(
        compareSchemas({ label: 'snapshot', schema: snapshot }, { label: name, schema: schema[name]! }).findings,
      ).toEqual([]);
      const faithful = name.startsWith('go');
      const drift = compareSchemas(
        { label: 'snapshot', schema: snapshot },
        { label: 'protos', schema: schema['protos-v2']! },
        { category: 'FILE' },
      );
      expect(drift.findings.map(key).sort()).toEqual(
        expectedKeys(faithful, name.includes('camel') ? camel : undefined),
      );
    }
  });

  it("a Node server's snapshot is still known for what protobufjs could not say, and still encodes JSON", async () => {
    const snapshot = await roundTrip('node-camel-v1');
    expect([...snapshot.lossyFiles].sort()).toEqual(['acme_audit_v1.proto', 'acme_users_v1.proto']);
    const user = snapshot.message('acme.users.v1.User');
    const bytes = snapshot.messageFromJson(user, '{"loginCount": 3, "nickname": "al"}');
    expect(JSON.parse(snapshot.messageToJson(user, bytes))).toEqual({ loginCount: 3, nickname: 'al' });
  });
});
