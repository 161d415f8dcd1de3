// Test helpers: protoc's own text format (--encode, --decode, --decode_raw) as the reference.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { bundledProtos } from '../../package-paths';
import { TESTDATA } from '../../testdata/oracle';

export const FORMATS_TESTDATA = __dirname;

const PROTO_FILES = ['kitchen/sink.proto', 'legacy/legacy.proto', 'formats/formats.proto'];

function includes(): string[] {
  return [join(TESTDATA, 'protos'), join(TESTDATA, 'common'), FORMATS_TESTDATA, bundledProtos().root!].map(
    (p) => `-I${p}`,
  );
}

function protoc(args: string[], input: string | Uint8Array): Buffer {
  return execFileSync('protoc', [...includes(), ...args, ...PROTO_FILES], { input, stdio: 'pipe' });
}

/** protoc --encode: protoc's reading of text format. */
export function protocEncode(type: string, text: string): Uint8Array {
  return new Uint8Array(protoc([`--encode=${type}`], text));
}

/** protoc --decode: protoc's printing of text format. */
export function protocDecode(type: string, bytes: Uint8Array): string {
  return protoc([`--decode=${type}`], bytes).toString('utf8');
}

/** protoc --decode_raw: the tree protoc reads without a schema. */
export function protocDecodeRaw(bytes: Uint8Array): string {
  return execFileSync('protoc', ['--decode_raw'], { input: bytes, stdio: 'pipe' }).toString('utf8');
}
