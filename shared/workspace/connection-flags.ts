import { checkAddress } from '../model/address';
import { AppError } from '../model/errors';
import {
  MAX_CONNECT_TIMEOUT_MS,
  PROTOCOLS,
  TargetSettingsSchema,
  type Protocol,
  type TargetSettingsInput,
} from '../model/target';
import { parsePositive } from '../text';

/*
 * grpcurl's connection flags, read once for both tools that take them: `loupe call` (and list,
 * describe) on the command line, and a grpcurl command pasted into the window. `dash` is how the
 * tool spells its flags in messages: '-' for grpcurl, '--' for loupe.
 */

/** The connection flags as given, by grpcurl's names (camel-cased). */
export interface ConnectionFlagValues {
  plaintext?: boolean;
  insecure?: boolean;
  cacert?: string;
  cert?: string;
  key?: string;
  authority?: string;
  proto?: readonly string[];
  importPath?: readonly string[];
  protoset?: readonly string[];
  connectTimeout?: string;
  maxMsgSz?: string;
  userAgent?: string;
  /** loupe's own: grpc, grpc-web, grpc-web-text or connect. */
  protocol?: string;
  http1?: boolean;
  connectJson?: boolean;
  /** loupe's own: --proxy <url>, or false for --no-proxy (a direct connection whatever the environment says). */
  proxy?: string | false;
}

function invalid(message: string): AppError {
  return new AppError('VALIDATION', message);
}

/** The protocol flags as target settings; --http1 and --connect-json only where they mean something. */
function protocolSettings(
  flags: ConnectionFlagValues,
  dash: '-' | '--',
): Pick<TargetSettingsInput, 'protocol' | 'httpVersion' | 'connectCodec'> {
  const protocol = flags.protocol ?? 'grpc';
  if (!(PROTOCOLS as readonly string[]).includes(protocol)) {
    throw invalid(`${dash}protocol must be one of ${PROTOCOLS.join(', ')}, got '${protocol}'`);
  }
  if (flags.http1 && protocol === 'grpc')
    throw invalid(`${dash}http1 needs ${dash}protocol grpc-web, grpc-web-text or connect: gRPC is HTTP/2`);
  if (flags.connectJson && protocol !== 'connect') throw invalid(`${dash}connect-json needs ${dash}protocol connect`);
  return {
    // A gRPC target stores no protocol, so files written before protocols existed stay as they are.
    ...(protocol !== 'grpc' ? { protocol: protocol as Protocol } : {}),
    ...(flags.http1 ? { httpVersion: '1.1' as const } : {}),
    ...(flags.connectJson ? { connectCodec: 'json' as const } : {}),
  };
}

/**
 * The target an address and its flags name, as given: no defaults filled in, so a saved file
 * stays small (TargetSettingsSchema.parse fills them in). Refuses what grpcurl refuses (plaintext
 * with TLS files, a certificate without its key), numbers that are not numbers, and an address
 * that can never be dialed.
 */
export function targetFromFlags(address: string, flags: ConnectionFlagValues, dash: '-' | '--'): TargetSettingsInput {
  if (flags.plaintext && (flags.insecure || flags.cacert || flags.cert || flags.key)) {
    throw invalid(`${dash}plaintext cannot be combined with ${dash}insecure, ${dash}cacert, ${dash}cert or ${dash}key`);
  }
  if (Boolean(flags.cert) !== Boolean(flags.key)) throw invalid(`${dash}cert and ${dash}key go together`);
  let maxReceiveMessageBytes: number | undefined;
  if (flags.maxMsgSz !== undefined) {
    maxReceiveMessageBytes = Number(flags.maxMsgSz);
    if (!Number.isInteger(maxReceiveMessageBytes) || maxReceiveMessageBytes <= 0)
      throw invalid(`${dash}max-msg-sz must be a positive integer, got '${flags.maxMsgSz}'`);
  }
  const connectTimeoutMs = parseSeconds(`${dash}connect-timeout`, flags.connectTimeout, MAX_CONNECT_TIMEOUT_MS);
  const protoFiles = [...(flags.proto ?? [])];
  const protosets = [...(flags.protoset ?? [])];
  const local = protoFiles.length > 0 || protosets.length > 0;
  const target: TargetSettingsInput = {
    address,
    ...protocolSettings(flags, dash),
    tls: {
      enabled: !flags.plaintext,
      caPath: flags.cacert,
      certPath: flags.cert,
      keyPath: flags.key,
      insecureSkipVerify: Boolean(flags.insecure),
    },
    authority: flags.authority,
    maxReceiveMessageBytes,
    connectTimeoutMs,
    userAgent: flags.userAgent,
    proxy: flags.proxy === false ? 'none' : flags.proxy,
    // Import paths matter only to local files; with reflection they would be kept for nothing.
    schema: local
      ? { reflection: false, protoFiles, importPaths: [...(flags.importPath ?? [])], protosets }
      : undefined,
  };
  const parsed = TargetSettingsSchema.safeParse(target);
  if (!parsed.success) throw invalid(parsed.error.issues.map((i) => i.message).join('; '));
  checkAddress(parsed.data.address);
  // Without the fields not given, as JSON would store it.
  return JSON.parse(JSON.stringify(target)) as TargetSettingsInput;
}

/** `-H 'name: value'` (grpcurl's form; 'name=value' is not taken, as values may hold '='). Names are lower-cased. */
export function parseHeaders(headers: readonly string[]): Array<{ name: string; value: string }> {
  return headers.map((h) => {
    const colon = h.indexOf(':');
    if (colon <= 0) throw invalid(`header '${h}' must look like 'name: value'`);
    return { name: h.slice(0, colon).trim().toLowerCase(), value: h.slice(colon + 1).trim() };
  });
}

/** A flag in seconds (decimals allowed) as whole milliseconds, at least 1 and at most `maxMs`; undefined when absent. */
export function parseSeconds(flag: string, value: string | undefined, maxMs?: number): number | undefined {
  if (value === undefined) return undefined;
  const ms = parsePositive(value, 1000, maxMs);
  if (ms === undefined) {
    const limit = maxMs === undefined ? '' : ` up to ${maxMs / 1000}`;
    throw invalid(`${flag} must be a positive number of seconds${limit}, got '${value}'`);
  }
  return ms;
}
