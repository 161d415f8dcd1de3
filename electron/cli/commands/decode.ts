import { toGrpcMetadata } from '../../core/calls';
import { withGoogleRpc } from '../../core/calls/status';
import { ChannelPool } from '../../core/calls';
import { FILE_KINDS, readStreamBytes, readUserFile } from '../../core/fs/read-user-file';
import { loadDriftSide } from '../../core/handlers/drift-sides';
import { decodeToJson } from '../../core/schema/json-codec';
import { decodeToText } from '../../core/schema/text-format/text-codec';
import { wireSchemaOf } from '../../core/schema/wire-schema';
import { AppError } from '../../../shared/model/errors';
import { parseHeaders } from '../../../shared/workspace/connection-flags';
import { decodeWire, type WireSchema } from '../../../shared/wire/decode-wire';
import { parsePastedBytes, PastedBytesError } from '../../../shared/wire/pasted-bytes';
import { printRawTree } from '../../../shared/wire/print-raw';
import { parseSource, type SourceFlags } from '../drift-sources';
import { parseMaxTime, usage } from '../options';
import type { CliIo } from '../session';

export interface DecodeFlags extends SourceFlags {
  type?: string;
  format?: string;
  input?: string;
  encoding?: string;
}

const FORMATS = ['json', 'text', 'raw'] as const;
const ENCODINGS = ['auto', 'binary', 'hex', 'base64'] as const;

/**
 * `loupe decode [source] [--type pkg.Msg]`: one message's bytes (binary, hexadecimal or base64,
 * from stdin or --input) as JSON, text format or the raw wire tree, like protoc --decode and
 * --decode_raw. Without --type no schema is needed and the raw tree is printed.
 */
export async function runDecode(source: string | undefined, flags: DecodeFlags, io: CliIo): Promise<number> {
  const format = oneOf('--format', flags.format ?? (flags.type ? 'json' : 'raw'), FORMATS);
  const encoding = oneOf('--encoding', flags.encoding ?? 'auto', ENCODINGS);
  if (flags.type && !source) throw usage('--type needs a schema source to find the type in');
  if (!flags.type && format !== 'raw') throw usage(`--format ${format} needs --type (and a schema source)`);
  const input =
    flags.input !== undefined
      ? await readUserFile(flags.input, FILE_KINDS.messageBytes)
      : await readStreamBytes(io.stdin, 'standard input', FILE_KINDS.messageBytes);
  const bytes = asBytes(input, encoding);
  if (!flags.type || !source) {
    io.stdout.write(printRawTree(decodeWire(bytes)));
    return 0;
  }
  const pool = new ChannelPool();
  try {
    const side = await loadDriftSide(await parseSource(source, flags), pool, {
      metadata: toGrpcMetadata(parseHeaders(flags.header)),
      deadlineMs: parseMaxTime({ ...flags, proto: [], protoset: [] }),
      baseDir: process.cwd(),
    });
    const desc = side.schema.message(flags.type);
    const registry = withGoogleRpc(side.schema.registry);
    if (format === 'raw') {
      const schema: WireSchema = wireSchemaOf(desc, registry);
      io.stdout.write(printRawTree(decodeWire(bytes, { schema })));
    } else if (format === 'text') {
      io.stdout.write(decodeToText(desc, bytes, registry));
    } else {
      io.stdout.write(`${decodeToJson(desc, bytes, registry)}\n`);
    }
    return 0;
  } finally {
    pool.dispose();
  }
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw usage(`${flag} must be one of ${allowed.join(', ')}, not '${value}'`);
}

/**
 * The input as bytes. `auto` reads text made only of hexadecimal or base64 characters as those
 * (what a log or a debugger prints) and anything else as the binary message itself.
 */
function asBytes(input: Buffer, encoding: (typeof ENCODINGS)[number]): Uint8Array {
  if (encoding === 'binary') return input;
  const text = input.toString('latin1');
  const looksEncoded = /^[\s0-9A-Za-z+/=_,:\\-]*$/.test(text);
  if (encoding === 'auto' && !looksEncoded) return input;
  try {
    return parsePastedBytes(text, encoding === 'auto' ? 'auto' : encoding);
  } catch (err) {
    if (!(err instanceof PastedBytesError)) throw err;
    if (encoding === 'auto') return input;
    throw new AppError('VALIDATION', `The input is not ${encoding}: ${err.message}`);
  }
}
