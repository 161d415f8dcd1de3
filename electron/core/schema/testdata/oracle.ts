// Test helpers: protoc as the reference compiler. Not shipped (only tests import this).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromBinary } from '@bufbuild/protobuf';
import { FileDescriptorSetSchema, type FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import { bundledProtos } from '../package-paths';

export const TESTDATA = __dirname;

/** protoc --include_imports --include_source_info, with the engine's bundled googleapis root last. */
export function protocCompile(files: string[], importPaths: string[]): FileDescriptorProto[] {
  const dir = mkdtempSync(join(tmpdir(), 'loupe-protoc-'));
  try {
    const out = join(dir, 'set.pb');
    const includes = [...importPaths, bundledProtos().root!].map((p) => `-I${p}`);
    execFileSync('protoc', [...includes, '--include_imports', '--include_source_info', `--descriptor_set_out=${out}`, ...files], { stdio: 'pipe' });
    return fromBinary(FileDescriptorSetSchema, readFileSync(out)).file;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Seeded bytes, so a "random protoset" failure is reproducible. */
export function pseudoRandomBytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}
