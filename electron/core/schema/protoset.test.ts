import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { create, equals, toBinary } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema, FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt';
import { AppError } from '../../../shared/model';
import { resolveBufBinary } from './buf-binary';
import { bundledProtos } from './package-paths';
import { readProtoset } from './protoset';
import { SchemaRegistry } from './registry';
import { protocCompile, pseudoRandomBytes, TESTDATA } from './testdata/oracle';

const dir = mkdtempSync(join(tmpdir(), 'loupe-protoset-test-'));
const PROTOS = join(TESTDATA, 'protos');
const COMMON = join(TESTDATA, 'common');

async function protosetError(path: string): Promise<AppError> {
  try {
    await readProtoset(path);
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected readProtoset to fail');
}

describe('readProtoset', () => {
  it('reads what protoc --descriptor_set_out --include_imports writes', async () => {
    const out = join(dir, 'shop.pb');
    execFileSync('protoc', [
      `-I${PROTOS}`,
      `-I${COMMON}`,
      `-I${bundledProtos().root}`,
      '--include_imports',
      '--include_source_info',
      `--descriptor_set_out=${out}`,
      'shop/v1/shop.proto',
    ]);
    const files = await readProtoset(out);
    const oracle = protocCompile(['shop/v1/shop.proto'], [PROTOS, COMMON]);
    expect(files.length).toBe(oracle.length);
    files.forEach((f, i) => expect(equals(FileDescriptorProtoSchema, f, oracle[i]!)).toBe(true));
    const registry = SchemaRegistry.fromFiles(files, ['protoset shop.pb']);
    expect(registry.services().map((s) => s.fullName)).toEqual(['shop.v1.ShopService']);
    expect(registry.services()[0]!.comment).toBe('Sells things.\n\nSecond paragraph of the service comment.');
  });

  it('reads what buf build -o writes (an image with buf-private fields)', async () => {
    const out = join(dir, 'legacy.binpb');
    execFileSync(resolveBufBinary(), ['build', PROTOS, '--path', join(PROTOS, 'legacy'), '-o', out]);
    const files = await readProtoset(out);
    expect(files.map((f) => f.name)).toEqual(['legacy/legacy.proto']);
    expect((files[0] as { $unknown?: unknown }).$unknown).toBeUndefined();
    expect(
      SchemaRegistry.fromFiles(files, ['x'])
        .message('legacy.Order')
        .fields.map((f) => f.name),
    ).toEqual(['id', 'quantity', 'note', 'codes', 'shipping']);
  });

  it('rejects random bytes, naming the file', async () => {
    for (const seed of [1, 2, 3, 42, 1234]) {
      const path = join(dir, `random-${seed}.bin`);
      writeFileSync(path, pseudoRandomBytes(4096, seed));
      const err = await protosetError(path);
      expect(err.code).toBe('SCHEMA');
      expect(err.message).toMatch(
        new RegExp(
          `^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not a protoset \\(a binary FileDescriptorSet\\): `,
        ),
      );
      expect(err.locations).toEqual([{ file: path }]);
    }
  });

  it('rejects an empty file, a set without files, and a missing file', async () => {
    const empty = join(dir, 'empty.pb');
    writeFileSync(empty, new Uint8Array());
    expect((await protosetError(empty)).message).toContain(
      'is not a protoset (a binary FileDescriptorSet): the file is empty',
    );
    const none = join(dir, 'none.pb');
    writeFileSync(none, toBinary(FileDescriptorSetSchema, create(FileDescriptorSetSchema, {})));
    expect((await protosetError(none)).message).toContain('the file is empty');
    const missing = await protosetError(join(dir, 'nope.pb'));
    expect(missing.message).toMatch(/^Cannot read the protoset .*nope\.pb: no such file$/);
  });

  it('explains a protoset built without --include_imports', async () => {
    const out = join(dir, 'no-imports.pb');
    execFileSync('protoc', [
      `-I${PROTOS}`,
      `-I${COMMON}`,
      `-I${bundledProtos().root}`,
      `--descriptor_set_out=${out}`,
      'shop/v1/types.proto',
      'shop/v1/shop.proto',
    ]);
    const files = await readProtoset(out);
    expect(() => SchemaRegistry.fromFiles(files, ['p'])).toThrow(
      'shop/v1/shop.proto imports "acme/money.proto", which is not in the schema. Add it (an import path, a protoset built with --include_imports) or use a source that has it.',
    );
  });
});
