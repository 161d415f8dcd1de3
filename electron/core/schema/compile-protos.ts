import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import type { SourceLocation } from '../../../shared/model';
import { resolveBufBinary } from './buf-binary';
import {
  compilerIdentity,
  DamagedCacheEntry,
  readCompileCache,
  writeCompileCache,
  type CompileRequest,
} from './compile-cache';
import { compiledFromFiles, type CompiledSchema } from './compiled-schema';
import { bundledProtos } from './package-paths';
import { schemaError } from './errors';
import { resolveProtoLayout, type ProtoLayout } from './proto-imports';
import { splitImage } from './image-split';
import { decodeFile } from './lazy-source-info';
import { mergeFiles, splitLayout } from './split-layout';
import { FILE_KINDS, readUserFile } from '../fs/read-user-file';

/** Generous: all of googleapis (~3,500 files) compiles in a few seconds on 2 cores. */
const BUF_TIMEOUT_MS = 120_000;

/**
 * Compiles .proto files to faithful FileDescriptorProtos (with source info, so comments survive).
 *
 * Why buf and not protobufjs (measured with tools/bench-compilers.mjs on this repo's corpus,
 * 3 inputs / 17 files with imports): protobufjs merged them into 8 files named per package
 * ("shop_v1.proto"), left 132 of 311 type names unqualified, and wrote no json_name, no
 * proto3_optional and no comments; buf's output equals protoc's field for field (asserted in
 * compile-protos.test.ts). A cold buf process costs ~50-150 ms, which a user loading protos does
 * not notice. All of googleapis (7,184 files) takes ~20 s (buf ~12 s writing an 83 MB image
 * with source info, decoding ~6 s); protobufjs parses it in ~5 s but lossily.
 *
 * We resolve imports ourselves (proto-imports.ts) and give buf a throw-away module of symlinks
 * holding exactly the files needed, named as the imports spell them: protoc's precedence among
 * import paths, no "file in two modules" conflicts, clear missing-import errors.
 */
export async function compileProtoFiles(
  files: string[],
  importPaths: string[],
  baseDir?: string,
  cache?: CompileCacheOptions,
): Promise<FileDescriptorProto[]> {
  try {
    return (await compileProtoSchema(files, importPaths, baseDir, cache)).files();
  } catch (error) {
    // Decoding every file is where a damaged cache entry shows; it is gone now, so this compiles.
    if (!(error instanceof DamagedCacheEntry)) throw error;
    return (await compileProtoSchema(files, importPaths, baseDir, cache)).files();
  }
}

/**
 * As compileProtoFiles, as a schema that links each file when first needed (compiled-schema.ts):
 * from the cache when none of the files changed, without decoding any descriptor.
 */
export async function compileProtoSchema(
  files: string[],
  importPaths: string[],
  baseDir?: string,
  cache?: CompileCacheOptions,
): Promise<CompiledSchema> {
  if (!cache) return compiledFromFiles(await compileLayout(await resolveProtoLayout(files, importPaths, baseDir)));
  const request: CompileRequest = {
    inputs: files,
    importPaths,
    baseDir: baseDir ?? process.cwd(),
    compiler: await compilerIdentity(resolveBufBinary()),
    bundledRoot: bundledProtos().root,
  };
  const cached = await readCompileCache(cache.dir, request);
  if (cached) return cached;
  const layout = await resolveProtoLayout(files, importPaths, baseDir);
  const compiled = compiledFromFiles(await compileLayout(layout));
  await writeCompileCache(cache.dir, request, layout, compiled).catch((err: unknown) =>
    cache.warnings?.push(`Could not write the compiled schema cache: ${String(err)}`),
  );
  return compiled;
}

export interface CompileCacheOptions {
  /** The data folder's cache directory (compile-cache.ts). */
  dir: string;
  /** Where a failure to write the cache is noted; it never fails the compile. */
  warnings?: string[];
}

async function compileLayout(layout: ProtoLayout): Promise<FileDescriptorProto[]> {
  const parts = splitLayout(layout, availableParallelism());
  if (parts.length === 1) return compileOne(layout);
  const results = await Promise.all(parts.map(compileOne));
  return mergeFiles(results);
}

async function compileOne(layout: ProtoLayout): Promise<FileDescriptorProto[]> {
  const buf = resolveBufBinary();
  const work = await mkdtemp(join(tmpdir(), 'loupe-protos-'));
  try {
    const moduleDir = join(work, 'module');
    await mkdir(moduleDir);
    await writeFile(join(moduleDir, 'buf.yaml'), 'version: v2\n');
    await Promise.all([...layout.files].map(([name, disk]) => linkInto(moduleDir, name, disk)));
    const out = join(work, 'image.binpb');
    const result = await run(buf, ['build', '.', '-o', out, '--error-format', 'json'], moduleDir, {
      // Keep buf's own cache out of the user's home; it needs none for a local module.
      BUF_CACHE_DIR: join(work, 'cache'),
    });
    if (result.code !== 0) throw compileFailure(result, layout);
    // buf writes an Image: a FileDescriptorSet plus buf-private fields (8042), which the split drops.
    return splitImage(await readUserFile(out, FILE_KINDS.protoset)).map(decodeFile);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function linkInto(moduleDir: string, name: string, disk: string): Promise<void> {
  const target = join(moduleDir, name);
  await mkdir(dirname(target), { recursive: true });
  try {
    await symlink(disk, target);
  } catch {
    // Windows without developer mode cannot symlink; a copy is slower but equivalent.
    await copyFile(disk, target);
  }
}

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  error?: Error;
}

function run(cmd: string, args: string[], cwd: string, env: Record<string, string>): Promise<RunResult> {
  return new Promise((resolvePromise) => {
    execFile(
      cmd,
      args,
      { cwd, env: { ...process.env, ...env }, timeout: BUF_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024, windowsHide: true },
      (error, stdout, stderr) => {
        const code = error
          ? typeof (error as { code?: unknown }).code === 'number'
            ? (error as { code: number }).code
            : null
          : 0;
        resolvePromise({ code, stdout: String(stdout), stderr: String(stderr), error: error ?? undefined });
      },
    );
  });
}

interface BufDiagnostic {
  path?: string;
  start_line?: number;
  start_column?: number;
  message?: string;
}

/** Turns buf's JSON diagnostics into an AppError pointing at the user's real files. */
function compileFailure(result: RunResult, layout: ProtoLayout) {
  const diagnostics: BufDiagnostic[] = [];
  for (const line of `${result.stdout}\n${result.stderr}`.split('\n')) {
    const t = line.trim();
    if (!t.startsWith('{')) continue;
    try {
      diagnostics.push(JSON.parse(t) as BufDiagnostic);
    } catch {
      /* not a diagnostic line */
    }
  }
  if (diagnostics.length === 0) {
    if (result.error && result.code === null) {
      const killed = (result.error as { killed?: boolean }).killed;
      return schemaError(
        killed
          ? `The proto compiler (buf) did not finish within ${BUF_TIMEOUT_MS / 1000} s.`
          : `Could not run the proto compiler (buf): ${result.error.message}`,
      );
    }
    const text = (result.stderr || result.stdout).trim().replace(/module\/?/g, '');
    return schemaError(`Compiling the .proto files failed: ${text || `buf exited with code ${result.code}`}`);
  }
  const locations: SourceLocation[] = [];
  const lines: string[] = [];
  for (const d of diagnostics) {
    const file = (d.path && layout.files.get(d.path)) ?? d.path ?? '(unknown file)';
    const loc: SourceLocation = { file };
    if (d.start_line) loc.line = d.start_line;
    if (d.start_column) loc.column = d.start_column;
    locations.push(loc);
    lines.push(`${[file, loc.line, loc.column].filter((x) => x !== undefined).join(':')}: ${d.message ?? 'error'}`);
  }
  return schemaError(lines.join('\n'), locations);
}
