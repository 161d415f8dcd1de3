import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clone, create, type MessageInitShape } from '@bufbuild/protobuf';
import { type FieldDescriptorProtoSchema, FileDescriptorProtoSchema } from '@bufbuild/protobuf/wkt';
import { beforeAll, describe, expect, it } from 'vitest';
import { DRIFT_CATEGORIES, inCategory, type DriftReport } from '../../../../shared/model/drift';
import { loadSchema } from '../load-schema';
import { file_grpc_reflection_v1_reflection } from '../reflection-v1_pb.generated';
import { SchemaRegistry } from '../registry';
import { protocCompile } from '../testdata/oracle';
import { compareSchemas } from './compare';
import { expectedKeys, key, V1_TO_V2 } from './testdata/expected';
import { PROTO_FILES, protoSource, rulesSource, versionDir } from './testdata/servers';

let v1: SchemaRegistry;
let v2: SchemaRegistry;
let full: DriftReport;
beforeAll(async () => {
  [v1, v2] = await Promise.all([loadSchema(protoSource('v1')), loadSchema(protoSource('v2'))]);
  full = compareSchemas({ label: 'v1', schema: v1 }, { label: 'v2', schema: v2 }, { category: 'FILE' });
});

const keys = (r: DriftReport) => r.findings.map(key).sort();
const find = (r: DriftReport, rule: string, subject: string) => {
  const f = r.findings.find((x) => x.rule === rule && x.subject === subject);
  if (!f) throw new Error(`no ${rule} finding for ${subject} in:\n${r.findings.map(key).join('\n')}`);
  return f;
};

describe('comparing v1 with v2 (.proto files)', () => {
  it('finds each kind of change, classed by whom it breaks', () => {
    expect(keys(full)).toEqual(expectedKeys(true));
    expect(full.notes).toEqual([]);
  });

  it('says what changed in plain words, naming both sides with file:line', () => {
    const email = find(full, 'FIELD_WIRE_COMPATIBLE_TYPE', 'acme.users.v1.User.email');
    expect(email.message).toBe(
      'field 3 of acme.users.v1.User was `string email`, is now `int64 email_id`: the wire encodings differ, so each side mis-reads what the other writes; it was renamed: JSON clients read and write it under another key',
    );
    expect(email.base).toEqual({
      symbol: 'acme.users.v1.User.email',
      file: 'acme/users/v1/users.proto',
      line: 32,
      column: 3,
    });
    expect(email.other).toEqual({
      symbol: 'acme.users.v1.User.email_id',
      file: 'acme/users/v1/users.proto',
      line: 30,
      column: 3,
    });
    expect(find(full, 'ENUM_VALUE_SAME_NUMBER', 'acme.users.v1.Status.STATUS_BANNED').message).toBe(
      'enum value acme.users.v1.Status.STATUS_BANNED was 2, is now 3: clients built with either side send a number the other reads as something else',
    );
    expect(find(full, 'FIELD_SAME_JSON_NAME', 'acme.users.v1.User.phone').message).toBe(
      'field 7 of acme.users.v1.User was `string phone`, is now `string phone [json_name = "phoneNumber"]`: its JSON name changed from phone to phoneNumber: JSON clients read and write it under another key',
    );
    expect(find(full, 'FIELD_SAME_ONEOF', 'acme.users.v1.User.matrix').message).toBe(
      'field 11 of acme.users.v1.User (`string matrix`): it moved into the oneof contact: setting another member of it now clears this field',
    );
    expect(find(full, 'RPC_SAME_CLIENT_STREAMING', 'acme.users.v1.Users.WatchUsers').message).toBe(
      'method acme.users.v1.Users/WatchUsers was server streaming, is now bidirectional streaming: clients built for one kind of call cannot make the other',
    );
    expect(find(full, 'PACKAGE_MOVED', 'acme.audit.v1').message).toBe(
      'package acme.audit.v1 moved to acme.audit.v2: calls to the old method paths (/acme.audit.v1.Audit/Record) fail with UNIMPLEMENTED, and Any values name its messages differently',
    );
    // A removal points at where the symbol was and at the place it left on the other side.
    const fax = find(full, 'FIELD_NO_DELETE_UNLESS_NUMBER_RESERVED', 'acme.users.v1.User.fax');
    expect(fax.message).toBe(
      'field 8 of acme.users.v1.User (`string fax`) was removed without reserving its number and name: a later field could reuse it, and old clients would mis-read that field',
    );
    expect(fax.other).toEqual({ symbol: 'acme.users.v1.User', file: 'acme/users/v1/users.proto', line: 24, column: 1 });
    const legacy = find(full, 'SERVICE_NO_DELETE', 'acme.users.v1.Legacy');
    expect(legacy.other).toEqual({ symbol: 'acme/users/v1/users.proto', file: 'acme/users/v1/users.proto' });
    // An addition names only the side that has it.
    const locale = find(full, 'FIELD_ADDED', 'acme.users.v1.User.locale');
    expect(locale.other?.symbol).toBe('acme.users.v1.User.locale');
  });

  it('reports at each strictness what its category covers; only breaking findings count', () => {
    for (const category of DRIFT_CATEGORIES) {
      const r = compareSchemas({ label: 'v1', schema: v1 }, { label: 'v2', schema: v2 }, { category });
      const wanted = V1_TO_V2.filter((x) => inCategory(x.category, category));
      expect(keys(r)).toEqual(wanted.map(key).sort());
      expect(r.breaking).toBe(wanted.filter((x) => x.kind.startsWith('breaking-')).length);
      expect(r.category).toBe(category);
    }
    // WIRE_JSON by default.
    expect(compareSchemas({ label: 'v1', schema: v1 }, { label: 'v2', schema: v2 }).category).toBe('WIRE_JSON');
  });

  it('lists breaking findings first, then hygiene, then additions', () => {
    const kinds = full.findings.map((f) => f.kind);
    const firstHygiene = kinds.indexOf('hygiene');
    const firstAddition = kinds.indexOf('addition');
    expect(kinds.slice(0, firstHygiene).every((k) => k.startsWith('breaking-'))).toBe(true);
    expect(kinds.slice(firstHygiene, firstAddition).every((k) => k === 'hygiene')).toBe(true);
    expect(kinds.slice(firstAddition).every((k) => k === 'addition')).toBe(true);
  });

  it('the other way round, additions become removals and removals additions', () => {
    const back = compareSchemas({ label: 'v2', schema: v2 }, { label: 'v1', schema: v1 }, { category: 'FILE' });
    expect(find(back, 'RPC_NO_DELETE', 'acme.users.v1.Users.CreateUser').kind).toBe('breaking-wire');
    expect(find(back, 'RPC_ADDED', 'acme.users.v1.Users.DeleteUser').kind).toBe('addition');
    expect(find(back, 'PACKAGE_MOVED', 'acme.audit.v2').kind).toBe('breaking-wire');
    // v1's field 9 takes a number and a name v2 reserved.
    expect(find(back, 'RESERVED_MESSAGE_NO_DELETE', 'acme.users.v1.User.pager').kind).toBe('breaking-wire');
    expect(find(back, 'MESSAGE_SAME_REQUIRED_FIELDS', 'acme.audit.v2.Entry.actor').message).toMatch(
      /was `optional string actor`, is now `required string actor`: it became required/,
    );
  });
});

describe('options, defaults, reservations and extensions (rules/a against rules/b)', () => {
  it('finds each, classed as Buf classes it', async () => {
    const [a, b] = await Promise.all([loadSchema(rulesSource('a')), loadSchema(rulesSource('b'))]);
    const r = compareSchemas({ label: 'a', schema: a }, { label: 'b', schema: b }, { category: 'FILE' });
    expect(r.findings.map((f) => [f.kind, f.category, f.rule, f.subject])).toEqual([
      ['breaking-wire', 'WIRE', 'RPC_SAME_IDEMPOTENCY_LEVEL', 'acme.rules.Rules.Get'],
      ['breaking-wire', 'WIRE', 'FIELD_SAME_ONEOF', 'acme.rules.Settings.a'],
      ['breaking-wire', 'WIRE', 'FIELD_SAME_DEFAULT', 'acme.rules.Settings.retries'],
      ['breaking-source', 'PACKAGE', 'EXTENSION_MESSAGE_NO_DELETE', 'acme.rules.Settings'],
      ['breaking-source', 'PACKAGE', 'FIELD_SAME_JSTYPE', 'acme.rules.Settings.big'],
      ['breaking-source', 'PACKAGE', 'FIELD_SAME_CPP_STRING_TYPE', 'acme.rules.Settings.blob'],
      ['breaking-source', 'PACKAGE', 'ONEOF_NO_DELETE', 'acme.rules.Settings.choice'],
      ['breaking-source', 'PACKAGE', 'PACKAGE_EXTENSION_NO_DELETE', 'acme.rules.note'],
      ['breaking-source', 'PACKAGE', 'FILE_SAME_GO_PACKAGE', 'rules.proto'],
      ['breaking-source', 'PACKAGE', 'FILE_SAME_JAVA_PACKAGE', 'rules.proto'],
      ['breaking-source', 'PACKAGE', 'FILE_SAME_OPTIMIZE_FOR', 'rules.proto'],
      ['hygiene', 'WIRE', 'RESERVED_ENUM_NO_DELETE', 'acme.rules.Level'],
      ['hygiene', 'WIRE_JSON', 'RESERVED_MESSAGE_NO_DELETE', 'acme.rules.Settings'],
    ]);
    const text = (rule: string) => r.findings.find((f) => f.rule === rule)?.message;
    expect(text('FIELD_SAME_DEFAULT')).toBe(
      'field 1 of acme.rules.Settings was `optional int32 retries [default = 3]`, is now `optional int32 retries [default = 10]`: readers that receive no value now see 10 instead of 3',
    );
    expect(text('FILE_SAME_OPTIMIZE_FOR')).toBe(
      'file rules.proto: option optimize_for was SPEED, is now LITE_RUNTIME: generated code moves or changes',
    );
    expect(text('RESERVED_ENUM_NO_DELETE')).toBe(
      'acme.rules.Level no longer reserves the numbers 5 to 6: a later value could reuse it and mean something else',
    );
  });
});

describe('nothing is reported for the same schema', () => {
  it('compared with itself', () => {
    for (const schema of [v1, v2]) {
      const r = compareSchemas({ label: 'a', schema }, { label: 'b', schema }, { category: 'FILE' });
      expect(r.findings).toEqual([]);
      expect(r.breaking).toBe(0);
    }
  });

  it('compiled again, by another compiler (protoc), with other comments and positions', () => {
    for (const version of ['v1', 'v2'] as const) {
      const files = protocCompile(PROTO_FILES[version], [versionDir(version)]);
      const again = SchemaRegistry.fromFiles(files, ['protoc']);
      const buf = version === 'v1' ? v1 : v2;
      expect(
        compareSchemas({ label: 'buf', schema: buf }, { label: 'protoc', schema: again }, { category: 'FILE' })
          .findings,
      ).toEqual([]);
    }
  });

  it('without its source info (as a server reflects it)', () => {
    const stripped = SchemaRegistry.fromFiles(
      v2.files.map((f) => {
        const copy = clone(FileDescriptorProtoSchema, f);
        copy.sourceCodeInfo = undefined;
        return copy;
      }),
      ['stripped'],
    );
    const r = compareSchemas({ label: 'a', schema: v2 }, { label: 'b', schema: stripped }, { category: 'FILE' });
    expect(r.findings).toEqual([]);
  });
});

describe('details', () => {
  /** A one-file schema from a descriptor written by hand. */
  type FileInit = MessageInitShape<typeof FileDescriptorProtoSchema>;
  type FieldInit = MessageInitShape<typeof FieldDescriptorProtoSchema>;
  const schemaOf = (file: FileInit) =>
    SchemaRegistry.fromFiles(
      [create(FileDescriptorProtoSchema, { name: 'x/m.proto', package: 'x', syntax: 'proto3', ...file })],
      ['test'],
    );
  const field = (name: string, number: number, type: number, extra: FieldInit = {}): FieldInit => ({
    name,
    number,
    type,
    label: 1,
    jsonName: name,
    ...extra,
  });
  const message = (fields: FieldInit[], extra: object = {}): FileInit => ({
    messageType: [{ name: 'M', field: fields, ...extra }],
  });
  const compare = (a: FileInit, b: FileInit) =>
    compareSchemas({ label: 'a', schema: schemaOf(a) }, { label: 'b', schema: schemaOf(b) }, { category: 'FILE' });
  const TYPE = { INT32: 5, INT64: 3, UINT32: 13, SINT32: 17, STRING: 9, BYTES: 12 };

  it("grades a type change like protobuf's updating rules: wire, JSON, or generated code only", () => {
    const change = (from: number, to: number) =>
      compare(message([field('f', 1, from)]), message([field('f', 1, to)])).findings.map((f) => [f.kind, f.rule]);
    expect(change(TYPE.INT32, TYPE.SINT32)).toEqual([['breaking-wire', 'FIELD_WIRE_COMPATIBLE_TYPE']]);
    expect(change(TYPE.INT32, TYPE.INT64)).toEqual([['breaking-json', 'FIELD_WIRE_JSON_COMPATIBLE_TYPE']]);
    expect(change(TYPE.STRING, TYPE.BYTES)).toEqual([['breaking-json', 'FIELD_WIRE_JSON_COMPATIBLE_TYPE']]);
    expect(change(TYPE.INT32, TYPE.UINT32)).toEqual([['breaking-source', 'FIELD_SAME_TYPE']]);
  });

  it('a field moved to another number is one finding, not a removal and an addition', () => {
    const r = compare(message([field('a', 1, TYPE.STRING)]), message([field('a', 2, TYPE.STRING)]));
    expect(r.findings.map((f) => [f.rule, f.message])).toEqual([
      [
        'FIELD_SAME_NUMBER',
        'field `string a` of x.M moved from number 1 to 2: each side ignores what the other writes under its number',
      ],
    ]);
  });

  it('a field taking a number the other side reserved breaks the wire; a dropped reservation is hygiene', () => {
    const reserved = message([], { reservedRange: [{ start: 5, end: 8 }] });
    const taken = compare(reserved, message([field('b', 5, TYPE.STRING)]));
    expect(taken.findings.map((f) => [f.kind, f.rule])).toEqual([
      ['breaking-wire', 'RESERVED_MESSAGE_NO_DELETE'],
      ['hygiene', 'RESERVED_MESSAGE_NO_DELETE'],
    ]);
    expect(taken.findings[1]!.message).toBe(
      'x.M no longer reserves the numbers 6 to 7: a later field could reuse it, and old clients would mis-read that field',
    );
  });

  it('a descriptor protobufjs made: presence, json_name, camel-cased names and its inclusive ranges are not held against it', () => {
    const faithful = message([field('user_id', 1, TYPE.STRING, { jsonName: 'uid' }), field('gone', 3, TYPE.STRING)], {
      reservedRange: [{ start: 2, end: 3 }],
    });
    // As @grpc/reflection serves it: named after the package, no json_name, camel-cased, range end inclusive.
    const node = SchemaRegistry.fromFiles(
      [
        create(FileDescriptorProtoSchema, {
          name: 'x.proto',
          package: 'x',
          syntax: 'proto3',
          messageType: [
            {
              name: 'M',
              field: [{ name: 'userId', number: 1, type: TYPE.STRING, label: 1 }],
              reservedRange: [
                { start: 2, end: 2 },
                { start: 3, end: 3 },
              ],
            },
          ],
        }),
      ],
      ['node'],
    );
    expect([...node.lossyFiles]).toEqual(['x.proto']);
    const r = compareSchemas(
      { label: 'protos', schema: schemaOf(faithful) },
      { label: 'node server', schema: node },
      { category: 'FILE' },
    );
    // The name of the removed field is not reserved on the Node side; its number is (an inclusive range).
    expect(r.findings.map((f) => f.rule)).toEqual(['FIELD_NO_DELETE', 'FIELD_NO_DELETE_UNLESS_NAME_RESERVED']);
    expect(r.notes).toEqual([
      expect.stringMatching(/^node server was described by protobufjs \(a Node server's reflection\)/),
    ]);
  });

  it('maps, enums and messages as field types', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'loupe-drift-types-'));
    const compile = async (name: string, body: string) => {
      await mkdir(join(dir, name));
      await writeFile(join(dir, name, 't.proto'), `syntax = "proto3";\npackage t;\n${body}`);
      return loadSchema({
        reflection: false,
        protoFiles: [join(dir, name, 't.proto')],
        importPaths: [join(dir, name)],
        protosets: [],
      });
    };
    const common = 'enum E { E_0 = 0; }\nenum F { F_0 = 0; }\nmessage A {}\nmessage B {}\n';
    const a = await compile(
      'a',
      `${common}message M {\n  map<string, int32> m = 1;\n  E e = 2;\n  A x = 3;\n  bytes y = 4;\n}\n`,
    );
    const b = await compile(
      'b',
      `${common}message M {\n  map<int64, int32> m = 1;\n  F e = 2;\n  B x = 3;\n  A y = 4;\n}\n`,
    );
    const r = compareSchemas({ label: 'a', schema: a }, { label: 'b', schema: b }, { category: 'FILE' });
    expect(r.findings.map((f) => [f.rule, f.message])).toEqual([
      [
        'FIELD_WIRE_COMPATIBLE_TYPE',
        'field 1 of t.M was `map<string, int32> m`, is now `map<int64, int32> m`: its keys changed type: the wire encodings differ, so each side mis-reads what the other writes',
      ],
      ['FIELD_WIRE_COMPATIBLE_TYPE', 'field 3 of t.M was `t.A x`, is now `t.B x`: it holds another message type'],
      [
        'FIELD_WIRE_JSON_COMPATIBLE_TYPE',
        'field 2 of t.M was `t.E e`, is now `t.F e`: it holds another enum: numbers travel unchanged, but JSON clients use value names',
      ],
      [
        'FIELD_WIRE_JSON_COMPATIBLE_TYPE',
        'field 4 of t.M was `bytes y`, is now `t.A y`: the wire encoding is compatible, but JSON writes the values differently',
      ],
    ]);
    await rm(dir, { recursive: true, force: true });
  });

  it("a server's own reflection service is not part of what is compared", () => {
    const reflection = [file_grpc_reflection_v1_reflection.proto];
    const withIt = SchemaRegistry.fromFiles([...v1.files, ...reflection], ['server']);
    expect(
      compareSchemas({ label: 'server', schema: withIt }, { label: 'protos', schema: v1 }, { category: 'FILE' })
        .findings,
    ).toEqual([]);
  });
});
