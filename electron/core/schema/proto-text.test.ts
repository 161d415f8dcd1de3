import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/model';
import { compileProtoFiles } from './compile-protos';
import { pseudoRandomBytes } from './testdata/oracle';

/* A .proto file is text. buf (1.75) silently compiles many binary files to an empty schema,
 * so Loupe checks the text itself, as protoc does, and points at the first offending byte. */

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'loupe-proto-text-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Seeded noise, so a failure reproduces. */
const noise = (length: number, seed: number) => Buffer.from(pseudoRandomBytes(length, seed));

async function failure(files: string[]): Promise<AppError> {
  const err = await compileProtoFiles(files, [dir]).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof AppError)) throw new Error(`expected a schema error, got ${String(err)}`);
  return err;
}

describe('.proto files that are not text', () => {
  it('refuses the bytes buf accepted as an empty file, at file:line:column', async () => {
    // 0x10 at column 4 is where protoc stops too ("Invalid control characters encountered in text").
    const file = write('seven.proto', Buffer.from([0x34, 0x23, 0x76, 0x10, 0x40, 0x94, 0xc0]));
    const err = await failure([file]);
    expect(err.code).toBe('SCHEMA');
    expect(err.message).toBe(
      `${file}:1:4: control character U+0010 outside a comment or string: a .proto file is text (is this really one?)`,
    );
    expect(err.locations).toEqual([{ file, line: 1, column: 4 }]);
  });

  it.each([1, 2, 3, 4, 5])('refuses 4 KiB of noise (seed %i)', async (seed) => {
    const file = write(`noise-${seed}.proto`, noise(4096, seed));
    const err = await failure([file]);
    expect(err.code).toBe('SCHEMA');
    expect(err.message).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: `));
    expect(err.locations?.[0]).toMatchObject({ file, line: expect.any(Number), column: expect.any(Number) });
  });

  it('names an imported file that is binary, not the file that imports it', async () => {
    write('blob.proto', Buffer.concat([Buffer.from('syntax = "proto3";\n'), noise(512, 9)]));
    const main = write('main.proto', 'syntax = "proto3";\nimport "blob.proto";\nmessage M {}\n');
    const err = await failure([main]);
    expect(err.locations?.[0]).toMatchObject({ file: join(dir, 'blob.proto'), line: 2 });
  });

  it('says which non-ASCII character is misplaced', async () => {
    const file = write('letters.proto', 'syntax = "proto3";\nmessage \u00e9A {}\n');
    const err = await failure([file]);
    expect(err.message).toBe(
      `${file}:2:9: non-ASCII character 'é' (U+00E9) outside a comment or string: a .proto file is text (is this really one?)`,
    );
  });

  it('accepts what protoc accepts: a BOM, UTF-8 in strings, anything in comments', async () => {
    const file = write(
      'fine.proto',
      Buffer.concat([
        Buffer.from(
          '\ufeffsyntax = "proto3";\n// caf\u00e9 \u2603\n/* \u0001 */\nmessage A { string s = 1 [json_name = "caf\u00e9"]; }\n',
        ),
      ]),
    );
    const [compiled] = await compileProtoFiles([file], [dir]);
    expect(compiled?.messageType.map((m) => m.name)).toEqual(['A']);
  });
});
