import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { create, equals } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema, type FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import { AppError } from '../../../shared/model';
import { resolveBufBinary } from './buf-binary';
import { compileProtoFiles } from './compile-protos';
import { parseImports } from './proto-imports';
import { protocCompile, TESTDATA } from './testdata/oracle';

const PROTOS = join(TESTDATA, 'protos');
const COMMON = join(TESTDATA, 'common');
const BAD = join(TESTDATA, 'bad');
const CORPUS = ['shop/v1/shop.proto', 'legacy/legacy.proto', 'kitchen/sink.proto'];

async function compileError(files: string[], importPaths: string[]): Promise<AppError> {
  try {
    await compileProtoFiles(files, importPaths);
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected compileProtoFiles to fail');
}

const withoutSourceInfo = (f: FileDescriptorProto) =>
  create(FileDescriptorProtoSchema, { ...f, sourceCodeInfo: undefined });

/**
 * Comments of declarations (messages, fields, enums, values, services, methods, oneofs,
 * extensions), by source path: what the UI shows. Compilers legitimately differ on spans of
 * options and on where comments next to `reserved` statements attach; those are not compared.
 */
function commentsByPath(f: FileDescriptorProto): Map<string, string> {
  const out = new Map<string, string>();
  for (const loc of f.sourceCodeInfo?.location ?? []) {
    if (!isDeclarationPath(loc.path)) continue;
    const parts = [loc.leadingComments, loc.trailingComments, ...loc.leadingDetachedComments].map((c) =>
      (c ?? '').trim(),
    );
    if (parts.some(Boolean)) out.set(loc.path.join(','), parts.join('|'));
  }
  return out;
}

function isDeclarationPath(path: number[]): boolean {
  if (path.length === 0 || path.length % 2) return false;
  // What each element kind may contain, by descriptor.proto field number.
  const children: Record<string, Record<number, string>> = {
    file: { 4: 'message', 5: 'enum', 6: 'service', 7: 'field' },
    message: { 2: 'field', 3: 'message', 4: 'enum', 6: 'field', 8: 'leaf' },
    enum: { 2: 'leaf' },
    service: { 2: 'leaf' },
  };
  let kind = 'file';
  for (let i = 0; i < path.length; i += 2) {
    const next = children[kind]?.[path[i]!];
    if (!next) return false;
    kind = next;
  }
  return true;
}

describe('compileProtoFiles', () => {
  it('produces exactly the descriptors protoc produces for the corpus', async () => {
    const expected = protocCompile(CORPUS, [PROTOS, COMMON]);
    const actual = await compileProtoFiles(CORPUS, [PROTOS, COMMON]);
    expect(actual.map((f) => f.name).sort()).toEqual(expected.map((f) => f.name).sort());
    expect(expected.length).toBe(17);
    for (const want of expected) {
      const got = actual.find((f) => f.name === want.name)!;
      // Full structural equality: type names, json_name, proto3_optional, options, extensions...
      expect(equals(FileDescriptorProtoSchema, withoutSourceInfo(got), withoutSourceInfo(want)), want.name).toBe(true);
      expect(commentsByPath(got), want.name).toEqual(commentsByPath(want));
    }
  });

  it('keeps the faithful details protobufjs loses', async () => {
    const files = await compileProtoFiles(['shop/v1/shop.proto'], [PROTOS, COMMON]);
    const shop = files.find((f) => f.name === 'shop/v1/shop.proto')!;
    const product = shop.messageType.find((m) => m.name === 'Product')!;
    const field = (name: string) => product.field.find((f) => f.name === name)!;
    expect(field('price').typeName).toBe('.acme.Money');
    expect(field('display_name').jsonName).toBe('title');
    expect(field('weight_grams').proto3Optional).toBe(true);
    expect(shop.dependency).toEqual([
      'acme/money.proto',
      'google/protobuf/timestamp.proto',
      'google/protobuf/field_mask.proto',
      'google/api/annotations.proto',
      'shop/v1/types.proto',
    ]);
    const service = shop.sourceCodeInfo!.location.find((l) => l.path.join(',') === '6,0')!;
    expect(service.leadingComments).toBe(' Sells things.\n\n Second paragraph of the service comment.\n');
  });

  it('resolves imports in import-path order, like protoc', async () => {
    const first = join(TESTDATA, 'roots/first');
    const second = join(TESTDATA, 'roots/second');
    const files = await compileProtoFiles([join(second, 'pkg/user.proto')], [first, second]);
    const same = files.find((f) => f.name === 'pkg/same.proto')!;
    expect(same.messageType.map((m) => m.name)).toEqual(['FromFirst']);
    const oracle = protocCompile(['pkg/user.proto'], [first, second]);
    expect(oracle.find((f) => f.name === 'pkg/same.proto')!.messageType.map((m) => m.name)).toEqual(['FromFirst']);

    // Reversed, pkg/same.proto comes from the second root, which lacks FromFirst.
    const err = await compileError([join(second, 'pkg/user.proto')], [second, first]);
    expect(err.code).toBe('SCHEMA');
    expect(err.message).toBe(`${join(second, 'pkg/user.proto')}:4:16: cannot find \`FromFirst\` in this scope`);
  });

  it('uses the directory of a lone file as its import root', async () => {
    const files = await compileProtoFiles([join(COMMON, 'acme/money.proto')], []);
    expect(files.map((f) => f.name)).toEqual(['money.proto']);
  });

  it('resolves google/api, google/rpc, google/type and the well-known types without import paths', async () => {
    const files = await compileProtoFiles([join(PROTOS, 'kitchen/sink.proto')], [PROTOS]);
    const names = files.map((f) => f.name);
    for (const n of [
      'google/rpc/status.proto',
      'google/type/date.proto',
      'google/protobuf/any.proto',
      'google/protobuf/struct.proto',
    ]) {
      expect(names).toContain(n);
    }
  });

  it('reports a syntax error at file:line:column', async () => {
    const err = await compileError([join(BAD, 'syntax_error.proto')], [BAD]);
    expect(err.code).toBe('SCHEMA');
    expect(err.message).toBe(`${join(BAD, 'syntax_error.proto')}:6:3: unexpected \`int32\` after definition`);
    expect(err.locations).toEqual([{ file: join(BAD, 'syntax_error.proto'), line: 6, column: 3 }]);
  });

  it('names a missing import and every path searched (ignoring commented-out imports)', async () => {
    const err = await compileError([join(BAD, 'missing_import.proto')], [BAD, COMMON]);
    expect(err.message).toMatch(
      new RegExp(
        `^${escape(join(BAD, 'missing_import.proto'))}:4:1: import "does/not/exist.proto" was not found\\. Searched: ${escape(BAD)}, ${escape(COMMON)}, .*dist/protos \\(bundled googleapis protos\\)\\.$`,
      ),
    );
    expect(err.locations).toEqual([{ file: join(BAD, 'missing_import.proto'), line: 4, column: 1 }]);
    expect(err.details).toMatchObject({ import: 'does/not/exist.proto' });
  });

  it('reports import cycles', async () => {
    const err = await compileError([join(BAD, 'cycle_a.proto')], [BAD]);
    expect(err.message).toBe('Import cycle: cycle_a.proto -> cycle_b.proto -> cycle_a.proto.');
  });

  it('reports duplicate symbols and unknown types with locations', async () => {
    const dup = await compileError([join(BAD, 'dup_a.proto'), join(BAD, 'dup_b.proto')], [BAD]);
    expect(dup.message).toContain('`Thing` declared multiple times');
    expect(dup.locations?.[0]).toMatchObject({ line: 3, column: 9 });
    const unknown = await compileError([join(BAD, 'unknown_type.proto')], [BAD]);
    expect(unknown.message).toBe(`${join(BAD, 'unknown_type.proto')}:3:16: cannot find \`NoSuchType\` in this scope`);
  });

  it('treats an empty file as protoc does (a valid file with nothing in it)', async () => {
    const [file, ...rest] = await compileProtoFiles([join(BAD, 'empty.proto')], [BAD]);
    expect(rest).toEqual([]);
    expect(file!.name).toBe('empty.proto');
    expect(file!.messageType).toEqual([]);
  });

  it('rejects no input and unreadable input clearly', async () => {
    expect((await compileError([], [])).message).toBe('No .proto files were given to compile.');
    const missing = await compileError(['nope/missing.proto'], [BAD]);
    expect(missing.message).toContain('Cannot read nope/missing.proto: no such file');
    expect(missing.message).toContain(BAD);
  });

  it('finds buf or says clearly that it is missing', async () => {
    const saved = process.env.LOUPE_BUF_PATH;
    process.env.LOUPE_BUF_PATH = '/nonexistent/buf';
    try {
      expect(() => resolveBufBinary()).toThrow(/LOUPE_BUF_PATH points at \/nonexistent\/buf, which does not exist/);
      const err = await compileError([join(COMMON, 'acme/money.proto')], []);
      expect(err.code).toBe('SCHEMA');
    } finally {
      if (saved === undefined) delete process.env.LOUPE_BUF_PATH;
      else process.env.LOUPE_BUF_PATH = saved;
    }
  });
});

describe('parseImports', () => {
  it('skips comments and reports positions', () => {
    const text = '// import "a.proto";\n/* import "b.proto"; */ import public "c.proto";\nimport weak \'d.proto\';';
    expect(parseImports(text)).toEqual([
      { name: 'c.proto', line: 2, column: 25 },
      { name: 'd.proto', line: 3, column: 1 },
    ]);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
