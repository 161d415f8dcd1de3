import { chmod, mkdir, mkdtemp, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { equals } from '@bufbuild/protobuf';
import { FileDescriptorProtoSchema, SourceCodeInfoSchema, type FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import { resolveBufBinary } from './buf-binary';
import { pruneCompileCache } from './compile-cache';
import { compileProtoFiles, compileProtoSchema } from './compile-protos';

/**
 * The compiled-descriptor cache, end to end through compileProtoFiles with the real compiler
 * behind a wrapper that counts its runs: a hit is "buf did not run", never "it was quick".
 */
let root: string;
let cacheDir: string;
let runsFile: string;
let savedBufPath: string | undefined;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'loupe-compile-cache-'));
  cacheDir = join(root, 'cache');
  runsFile = join(root, 'buf-runs');
  const real = resolveBufBinary();
  const wrapper = join(root, 'bin', 'buf');
  await mkdir(dirname(wrapper), { recursive: true });
  await writeFile(wrapper, `#!/bin/sh\necho run >> '${runsFile}'\nexec '${real}' "$@"\n`);
  await chmod(wrapper, 0o755);
  savedBufPath = process.env.LOUPE_BUF_PATH;
  process.env.LOUPE_BUF_PATH = wrapper;
});

afterEach(() => {
  if (savedBufPath === undefined) delete process.env.LOUPE_BUF_PATH;
  else process.env.LOUPE_BUF_PATH = savedBufPath;
});

const bufRuns = () =>
  readFile(runsFile, 'utf8').then(
    (t) => t.split('\n').filter(Boolean).length,
    () => 0,
  );

async function put(path: string, text: string): Promise<void> {
  await mkdir(dirname(join(root, path)), { recursive: true });
  await writeFile(join(root, path), text);
}

const api = (field: string) =>
  `syntax = "proto3";\npackage t;\nimport "dep.proto";\nmessage Req { Dep dep = 1; }\nservice S { rpc M(Req) returns (Req); }\n// ${field}\n`;
/** api.proto with a leading comment on its service. */
const documented = (doc: string) => api('x').replace('service S', `// ${doc}\nservice S`);
const dep = (field: string) => `syntax = "proto3";\npackage t;\nmessage Dep { string ${field} = 1; }\n`;

const compile = (importPaths: string[]) => compileProtoFiles(['api/api.proto'], importPaths, root, { dir: cacheDir });

/** Every comment api.proto's source info holds. */
const comments = (files: FileDescriptorProto[]) =>
  files
    .find((f) => f.name === 'api.proto')
    ?.sourceCodeInfo?.location.flatMap((l) => [l.leadingComments, l.trailingComments, ...l.leadingDetachedComments]);

const depFields = (files: FileDescriptorProto[]) =>
  files.find((f) => f.name === 'dep.proto')?.messageType[0]?.field.map((f) => f.name);

describe.skipIf(process.platform === 'win32')('compiled schema cache', () => {
  it('serves unchanged files without running the compiler, with the same descriptors', async () => {
    await put('api/api.proto', api('x'));
    await put('a/dep.proto', dep('first'));
    const cold = await compile(['api', 'a']);
    expect(await bufRuns()).toBe(1);
    const warm = await compile(['api', 'a']);
    expect(await bufRuns()).toBe(1);
    expect(warm.map((f) => f.name)).toEqual(cold.map((f) => f.name));
    expect(depFields(warm)).toEqual(['first']);
    // Comments (source info, stored apart and decoded on first read) survive the cache.
    const sourceInfo = (files: FileDescriptorProto[]) => files.find((f) => f.name === 'api.proto')?.sourceCodeInfo;
    expect(sourceInfo(warm)?.location.length).toBeGreaterThan(0);
    expect(equals(SourceCodeInfoSchema, sourceInfo(warm)!, sourceInfo(cold)!)).toBe(true);
    expect(warm.map((f) => equals(FileDescriptorProtoSchema, f, cold[warm.indexOf(f)]!))).not.toContain(false);
  });

  it('compiles again when an imported file changes, and serves the new one after', async () => {
    await put('api/api.proto', api('x'));
    await put('a/dep.proto', dep('first'));
    await compile(['api', 'a']);
    await put('a/dep.proto', dep('second'));
    expect(depFields(await compile(['api', 'a']))).toEqual(['second']);
    expect(await bufRuns()).toBe(2);
    await compile(['api', 'a']);
    expect(await bufRuns()).toBe(2);
  });

  it('trusts an old file only while its stamp holds: same size and time after a write is still a change', async () => {
    await put('api/api.proto', api('x'));
    await put('a/dep.proto', dep('aaaa'));
    // Files last written long ago: their stamps are trusted, so a reload does not read them.
    const long = new Date(Date.UTC(2020, 0, 1));
    for (const file of ['api/api.proto', 'a/dep.proto']) await utimes(join(root, file), long, long);
    await compile(['api', 'a']);
    expect(depFields(await compile(['api', 'a']))).toEqual(['aaaa']);
    expect(await bufRuns()).toBe(1);
    // The same number of bytes, the old modification time put back: only the change time differs.
    await put('a/dep.proto', dep('bbbb'));
    await utimes(join(root, 'a/dep.proto'), long, long);
    expect(depFields(await compile(['api', 'a']))).toEqual(['bbbb']);
    expect(await bufRuns()).toBe(2);
  });

  it('compiles again when the import paths change or a new file shadows an import', async () => {
    await put('api/api.proto', api('x'));
    await put('a/dep.proto', dep('fromA'));
    await put('b/dep.proto', dep('fromB'));
    expect(depFields(await compile(['api', 'a', 'b']))).toEqual(['fromA']);
    expect(depFields(await compile(['api', 'b', 'a']))).toEqual(['fromB']);
    expect(await bufRuns()).toBe(2);
    // Same import paths, but a file appears in an earlier one: protoc would now pick it.
    await put('api/dep.proto', dep('shadow'));
    expect(depFields(await compile(['api', 'a', 'b']))).toEqual(['shadow']);
    expect(await bufRuns()).toBe(3);
  });

  it('compiles again when a file appears in the folder under the name of an input found in the import paths', async () => {
    await put('a/pkg/dep.proto', dep('inPath'));
    const byName = () => compileProtoFiles(['pkg/dep.proto'], ['a'], root, { dir: cacheDir });
    const field = (files: FileDescriptorProto[]) => files[0]?.messageType[0]?.field[0]?.name;
    expect(field(await byName())).toBe('inPath');
    expect(field(await byName())).toBe('inPath');
    expect(await bufRuns()).toBe(1);
    // Now "pkg/dep.proto" names a file in the folder: that file is the input, as protoc would take it.
    await put('pkg/dep.proto', dep('inFolder'));
    expect(field(await byName())).toBe('inFolder');
    expect(await bufRuns()).toBe(2);
  });

  it('ignores a corrupt or truncated entry, compiles again and rewrites it', async () => {
    await put('api/api.proto', api('x'));
    await put('a/dep.proto', dep('first'));
    await compile(['api', 'a']);
    const image = (await readdir(cacheDir)).find((n) => n.endsWith('.binpb'))!;
    const bytes = await readFile(join(cacheDir, image));
    // Flip bytes in the middle: still decodable perhaps, but not what was stored.
    bytes.writeUInt8(bytes.readUInt8(bytes.length >> 1) ^ 0xff, bytes.length >> 1);
    await writeFile(join(cacheDir, image), bytes);
    expect(depFields(await compile(['api', 'a']))).toEqual(['first']);
    expect(await bufRuns()).toBe(2);
    await compile(['api', 'a']);
    expect(await bufRuns()).toBe(2);

    const manifest = (await readdir(cacheDir)).find((n) => n.endsWith('.json'))!;
    await writeFile(join(cacheDir, manifest), '{"format": 1, "files": [');
    expect(depFields(await compile(['api', 'a']))).toEqual(['first']);
    expect(await bufRuns()).toBe(3);
    await writeFile(join(cacheDir, image), bytes.subarray(0, 10));
    expect(depFields(await compile(['api', 'a']))).toEqual(['first']);
    expect(await bufRuns()).toBe(4);
    const sourceInfo = (await readdir(cacheDir)).find((n) => n.endsWith('.sci'))!;
    await writeFile(join(cacheDir, sourceInfo), 'not source info');
    expect(depFields(await compile(['api', 'a']))).toEqual(['first']);
    expect(await bufRuns()).toBe(5);
  });

  it('finds a damaged part where it is read, removes the entry and compiles on the next load', async () => {
    await put('api/api.proto', documented('x'));
    await put('a/dep.proto', dep('first'));
    await compile(['api', 'a']);
    const entry = async (ext: string) =>
      join(
        cacheDir,
        (await readdir(cacheDir)).find((n) => n.endsWith(ext))!,
      );
    // Every byte changed, the size kept: only each part's own digest can tell.
    const damage = async (ext: string) => {
      const path = await entry(ext);
      const bytes = await readFile(path);
      await writeFile(
        path,
        bytes.map((b) => b ^ 0x5a),
      );
    };

    await damage('.sci');
    const hit = await compile(['api', 'a']);
    expect(await bufRuns()).toBe(1);
    // Comments that cannot be read are missing, never wrong; the entry is gone.
    expect(hit.find((f) => f.name === 'api.proto')!.sourceCodeInfo).toBeUndefined();
    expect((await readdir(cacheDir)).some((n) => n.endsWith('.json'))).toBe(false);
    expect(comments(await compile(['api', 'a']))).toContain(' x\n');
    expect(await bufRuns()).toBe(2);

    await damage('.binpb');
    const schema = await compileProtoSchema(['api/api.proto'], ['api', 'a'], root, { dir: cacheDir });
    expect(await bufRuns()).toBe(2);
    expect(() => schema.files()).toThrow(/schema cache's copy of (api|dep)\.proto is damaged and was removed/);
    expect(depFields(await compile(['api', 'a']))).toEqual(['first']);
    expect(await bufRuns()).toBe(3);
  });

  it('keeps serving a schema in use after its entry is pruned from the folder', async () => {
    await put('api/api.proto', documented('kept'));
    await put('a/dep.proto', dep('first'));
    await compile(['api', 'a']);
    const schema = await compileProtoSchema(['api/api.proto'], ['api', 'a'], root, { dir: cacheDir });
    expect(await bufRuns()).toBe(1);
    await pruneCompileCache(cacheDir, { entries: 0, bytes: 0 });
    expect(await readdir(cacheDir)).toEqual([]);
    const files = schema.files();
    expect(depFields(files)).toEqual(['first']);
    expect(comments(files)).toContain(' kept\n');
  });

  it('keeps the folder within its bounds, dropping the least recently used entries', async () => {
    await put('api/api.proto', api('x'));
    for (const [i, name] of ['a', 'b', 'c'].entries()) {
      await put(`${name}/dep.proto`, dep(name));
      await compile(['api', name]);
      // Entries' ages set, not waited for: a is oldest, c newest.
      const stamp = new Date(Date.UTC(2020, 0, 1 + i));
      for (const file of await readdir(cacheDir)) {
        const path = join(cacheDir, file);
        const { mtimeMs } = await stat(path);
        if (mtimeMs > Date.UTC(2021, 0, 1)) await utimes(path, stamp, stamp);
      }
    }
    // Using a makes it the most recent: b is now the oldest.
    await compile(['api', 'a']);
    expect(await bufRuns()).toBe(3);
    await pruneCompileCache(cacheDir, { entries: 2, bytes: 1e9 });
    const left = await readdir(cacheDir);
    expect(left.filter((n) => n.endsWith('.json'))).toHaveLength(2);
    expect(left.filter((n) => n.endsWith('.binpb'))).toHaveLength(2);
    await compile(['api', 'a']);
    await compile(['api', 'c']);
    expect(await bufRuns()).toBe(3);
    await compile(['api', 'b']);
    expect(await bufRuns()).toBe(4);

    // A byte bound too small for any entry leaves nothing behind.
    await pruneCompileCache(cacheDir, { entries: 10, bytes: 1 });
    expect(await readdir(cacheDir)).toEqual([]);
  });
});
