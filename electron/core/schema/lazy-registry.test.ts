import { execFileSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { equals, type AnyDesc, type DescMessage } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema } from '@bufbuild/protobuf/wkt';
import { compileProtoSchema } from './compile-protos';
import { LazyFileRegistry } from './lazy-registry';
import { googleProtosRoot } from './package-paths';
import { SchemaRegistry } from './registry';
import { TESTDATA } from './testdata/oracle';

/**
 * A lazily linked schema (compiled .proto files, from the compiler or the compile cache) answers
 * exactly as the eagerly linked one of the same files: every file, service, method, message, enum
 * and extension resolves to an equal descriptor, every view (summary, describe, JSON Schema, form,
 * template) is equal, and JSON encodes and decodes to the same bytes and text.
 */

interface Fixture {
  label: string;
  inputs: string[];
  importPaths: string[];
}

const googleRoot = googleProtosRoot()!;
const googleapisLike = execFileSync(
  'find',
  ['google/api', 'google/rpc', 'google/type', 'google/longrunning', 'google/cloud/speech', '-name', '*.proto'],
  { cwd: googleRoot, encoding: 'utf8' },
)
  .trim()
  .split('\n')
  .sort();

const FIXTURES: Fixture[] = [
  {
    label: "the project's corpus",
    inputs: ['shop/v1/shop.proto', 'legacy/legacy.proto', 'kitchen/sink.proto'],
    importPaths: [join(TESTDATA, 'protos'), join(TESTDATA, 'common')],
  },
  {
    label: 'googleapis (api, rpc, type, longrunning, cloud/speech)',
    inputs: googleapisLike,
    importPaths: [googleRoot],
  },
];

/** What linking made of a descriptor: its own fields plus every reference, by name. */
function shape(d: AnyDesc): unknown {
  switch (d.kind) {
    case 'message':
      return {
        file: d.file.proto.name,
        fields: d.fields.map((f) => [
          f.name,
          f.number,
          f.jsonName,
          f.fieldKind,
          f.scalar,
          f.message?.typeName,
          f.enum?.typeName,
          f.fieldKind === 'map' ? f.mapKey : undefined,
          f.oneof?.name,
          f.presence,
          f.fieldKind === 'list' ? f.packed : undefined,
        ]),
        nested: d.nestedMessages.map((m) => m.typeName),
        extensions: d.nestedExtensions.map((x) => x.typeName),
        proto: d.proto,
      };
    case 'enum':
      return { file: d.file.proto.name, values: d.values.map((v) => [v.name, v.number, v.localName]), proto: d.proto };
    case 'service':
      return {
        file: d.file.proto.name,
        methods: d.methods.map((m) => [m.name, m.methodKind, m.input.typeName, m.output.typeName, m.idempotency]),
        proto: d.proto,
      };
    case 'extension':
      return [d.typeName, d.number, d.extendee.typeName, d.fieldKind, d.message?.typeName, d.enum?.typeName];
    default:
      return d.kind;
  }
}

describe.each(FIXTURES)('a lazily linked schema of $label', (fixture) => {
  let eager: SchemaRegistry;
  let fresh: SchemaRegistry;
  let cached: SchemaRegistry;

  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'loupe-lazy-'));
    const cache = { dir };
    const compiled = await compileProtoSchema(fixture.inputs, fixture.importPaths, undefined, cache);
    eager = SchemaRegistry.fromFiles(compiled.files(), ['eager'], 1);
    const again = await compileProtoSchema(fixture.inputs, fixture.importPaths, undefined, cache);
    fresh = SchemaRegistry.fromCompiled(
      await compileProtoSchema(fixture.inputs, fixture.importPaths, undefined),
      ['eager'],
      1,
    );
    cached = SchemaRegistry.fromCompiled(again, ['eager'], 1);
  }, 240_000);

  it('lists the same services and files before linking any file', () => {
    for (const lazy of [fresh, cached]) {
      expect(lazy.registry).toBeInstanceOf(LazyFileRegistry);
      expect(lazy.summary()).toEqual(eager.summary());
      expect(lazy.typeNames()).toEqual([...eager.typeNames()]);
      expect((lazy.registry as LazyFileRegistry).linkedCount).toBe(0);
    }
  });

  it('links only the file a method needs and the files it imports', () => {
    const method = eager.services().at(-1)!.methods[0]!;
    const linked = cached.registry as LazyFileRegistry;
    expect(cached.method(method.fullName).input.typeName).toBe(method.requestType);
    expect(linked.linkedCount).toBeGreaterThan(0);
    expect(linked.linkedCount).toBeLessThan(cached.fileCount);
  });

  it('resolves every type to an equal descriptor, and iterates in the same order', () => {
    for (const lazy of [fresh, cached]) {
      for (const desc of eager.registry) {
        const other = lazy.registry.get(desc.typeName);
        expect(other?.kind, desc.typeName).toBe(desc.kind);
        expect(shape(other!), desc.typeName).toEqual(shape(desc));
        expect(lazy.describe(desc.typeName), desc.typeName).toBe(eager.describe(desc.typeName));
      }
      expect([...lazy.registry].map((t) => t.typeName)).toEqual([...eager.registry].map((t) => t.typeName));
      const files = [...lazy.registry.files];
      expect(files.map((f) => f.proto.name)).toEqual([...eager.registry.files].map((f) => f.proto.name));
      for (const f of files) {
        expect(equals(FileDescriptorProtoSchema, f.proto, eager.registry.getFile(f.proto.name)!.proto)).toBe(true);
        expect(f.dependencies.map((d) => d.proto.name)).toEqual(
          eager.registry.getFile(f.proto.name)!.dependencies.map((d) => d.proto.name),
        );
      }
    }
  });

  it('links each type once: a field refers to the very descriptor the registry hands out', () => {
    for (const desc of eager.registry) {
      if (desc.kind !== 'message') continue;
      const lazy = cached.registry.getMessage(desc.typeName)!;
      for (const f of lazy.fields) {
        if (f.message) expect(f.message).toBe(cached.registry.getMessage(f.message.typeName));
        if (f.enum) expect(f.enum).toBe(cached.registry.getEnum(f.enum.typeName));
      }
    }
  });

  it('gives the same views and JSON for every message, and the same answers for every method', () => {
    const messages = [...eager.registry].filter((d): d is DescMessage => d.kind === 'message');
    expect(messages.length).toBeGreaterThan(10);
    for (const lazy of [fresh, cached]) {
      for (const m of messages) {
        const name = m.typeName;
        expect(lazy.template(name), name).toBe(eager.template(name));
        expect(lazy.jsonSchema(name), name).toEqual(eager.jsonSchema(name));
        expect(lazy.messageForm(name), name).toEqual(eager.messageForm(name));
        const json = eager.template(name);
        let bytes: Uint8Array;
        try {
          bytes = eager.messageFromJson(m, json);
        } catch (err) {
          // A template the codec rejects (e.g. a required Any) must be rejected alike.
          expect(() => lazy.messageFromJson(lazy.message(name), json), name).toThrow(String((err as Error).message));
          continue;
        }
        expect(lazy.messageFromJson(lazy.message(name), json), name).toEqual(bytes);
        expect(lazy.messageToJson(lazy.message(name), bytes), name).toBe(eager.messageToJson(m, bytes));
      }
      for (const s of eager.services()) {
        for (const method of s.methods) {
          expect(lazy.method(method.path).output.typeName).toBe(eager.method(method.path).output.typeName);
        }
      }
      expect(() => lazy.message('no.such.Type')).toThrow(
        (() => {
          try {
            eager.message('no.such.Type');
          } catch (err) {
            return (err as Error).message;
          }
          return 'unreachable';
        })(),
      );
    }
  });
});
