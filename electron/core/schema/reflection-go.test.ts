import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as grpc from '@grpc/grpc-js';
import { loadSchema } from './load-schema';
import { reflectSchema } from './reflection-client';
import { AUDIT_ENTRY_DESCRIBED, startGoServer, type GoServer } from './testdata/go-server';

// A grpc-go 1.33 server: v1alpha reflection only, proto2 extensions declared in files that no
// service's file imports, and a message no method references.
let server: GoServer;
let client: grpc.Client;
const REFLECTION_ONLY = { reflection: true, protoFiles: [], importPaths: [], protosets: [] };

beforeAll(async () => {
  server = await startGoServer();
  client = new grpc.Client(server.address, grpc.credentials.createInsecure());
}, 11 * 60_000);
afterAll(async () => {
  client?.close();
  await server?.stop();
});

describe('reflection from a grpc-go server (v1alpha)', () => {
  it('lists every service the server reports, its own reflection service included', async () => {
    const reflected = await reflectSchema(client);
    expect(reflected.version).toBe('v1alpha');
    expect(reflected.services.sort()).toEqual(['grpc.reflection.v1alpha.ServerReflection', 'loupe.catalog.Catalog']);
    expect(reflected.warnings).toEqual([]);
  });

  it('follows the extensions of loaded messages into files no service imports', async () => {
    const schema = await loadSchema(REFLECTION_ONLY, { client });
    expect(schema.files.map((f) => f.name)).toContain('extras.proto');
    expect(schema.describe('loupe.catalog.Item')).toBe(
      [
        'loupe.catalog.Item is a message:',
        'message Item {',
        '  optional string id = 1;',
        '  optional string name = 2;',
        '  extensions 100 to 199;',
        '}',
        'extend .loupe.catalog.Item {',
        '  optional int32 priority = 100; // [loupe.extras.priority]',
        '  optional .loupe.extras.Label label = 101; // [loupe.extras.label]',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('asks the server for a symbol the services do not reach, then for its extensions', async () => {
    const schema = await loadSchema(REFLECTION_ONLY, { client, symbols: ['loupe.audit.Entry'] });
    expect(schema.describe('loupe.audit.Entry')).toBe(AUDIT_ENTRY_DESCRIBED);
    // A field of it, spelled as describe accepts it, is found through its message.
    const byField = await loadSchema(REFLECTION_ONLY, { client, symbols: ['loupe.audit.Entry.what'] });
    expect(byField.describe('loupe.audit.Entry.what')).toBe(
      'loupe.audit.Entry.what is a field:\noptional string what = 1;\n',
    );
  });

  it("a symbol the server does not know either: NOT_FOUND with the server's answer", async () => {
    const schema = await loadSchema(REFLECTION_ONLY, { client, symbols: ['loupe.audit.Nope'] });
    expect(schema.warnings).toEqual([]);
    expect(() => schema.describe('loupe.audit.Nope')).toThrow(
      /^No symbol "loupe.audit.Nope" in the loaded schema; the server's reflection does not know it either: unknown symbol: loupe.audit.Nope\./,
    );
  });
});
