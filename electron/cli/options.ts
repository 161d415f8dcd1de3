import type { Command } from 'commander';
import { checkAddress } from '../../shared/model/address';
import { AppError } from '../../shared/model/errors';
import type { MetadataEntry } from '../../shared/model/call';
import {
  DEFAULT_CONNECT_TIMEOUT_MS,
  MAX_CONNECT_TIMEOUT_MS,
  PROTOCOLS,
  TargetSettingsSchema,
  type Protocol,
  type TargetSettings,
  type TargetSettingsInput,
} from '../../shared/model/target';

/** Options every command that talks to a server shares (grpcurl's names). */
export interface ConnectionFlags {
  plaintext?: boolean;
  insecure?: boolean;
  cacert?: string;
  cert?: string;
  key?: string;
  authority?: string;
  header: string[];
  proto: string[];
  importPath: string[];
  protoset: string[];
  maxTime?: string;
  connectTimeout?: string;
  maxMsgSz?: string;
  userAgent?: string;
  protocol?: string;
  http1?: boolean;
  connectJson?: boolean;
  v?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function addConnectionOptions(cmd: Command): Command {
  return cmd
    .option('--plaintext', 'use plaintext HTTP/2 (h2c) instead of TLS')
    .option('--insecure', 'TLS without verifying the server certificate (for testing only)')
    .option('--cacert <file>', 'PEM bundle of CAs to trust instead of the system roots')
    .option('--cert <file>', 'client certificate (PEM) for mutual TLS')
    .option('--key <file>', 'private key (PEM) of the client certificate')
    .option('--authority <name>', ':authority header and TLS server name to use')
    .option('-H, --header <header>', "request metadata 'name: value' (repeatable; -bin values in base64)", collect, [])
    .option('--proto <file>', 'a .proto source file (repeatable); turns off server reflection', collect, [])
    .option('-I, --import-path <dir>', 'import path for --proto files (repeatable)', collect, [])
    .option('--protoset <file>', 'a FileDescriptorSet file (repeatable); turns off server reflection', collect, [])
    .option('--max-time <seconds>', 'deadline for the whole operation, in seconds (decimals allowed)')
    .option(
      '--connect-timeout <seconds>',
      `how long connecting to the server may take, in seconds (default ${DEFAULT_CONNECT_TIMEOUT_MS / 1000})`,
    )
    .option('--max-msg-sz <bytes>', 'maximum size of a response message (default 4 MiB)')
    .option('--user-agent <text>', 'user-agent to send')
    .option('--protocol <name>', `wire protocol: ${PROTOCOLS.join(', ')} (default grpc)`)
    .option('--http1', 'gRPC-Web and Connect over HTTP/1.1 instead of HTTP/2 (unary and server streaming only)')
    .option('--connect-json', 'Connect with JSON messages instead of binary protobuf');
}

/** --protocol, --http1 and --connect-json as target settings; the last two only where they mean something. */
function protocolSettings(
  flags: ConnectionFlags,
): Pick<TargetSettingsInput, 'protocol' | 'httpVersion' | 'connectCodec'> {
  const protocol = flags.protocol ?? 'grpc';
  if (!(PROTOCOLS as readonly string[]).includes(protocol)) {
    throw usage(`--protocol must be one of ${PROTOCOLS.join(', ')}, got '${protocol}'`);
  }
  if (flags.http1 && protocol === 'grpc')
    throw usage('--http1 needs --protocol grpc-web, grpc-web-text or connect: gRPC is HTTP/2');
  if (flags.connectJson && protocol !== 'connect') throw usage('--connect-json needs --protocol connect');
  return {
    protocol: protocol as Protocol,
    ...(flags.http1 ? { httpVersion: '1.1' as const } : {}),
    ...(flags.connectJson ? { connectCodec: 'json' as const } : {}),
  };
}

export function usage(message: string): AppError {
  return new AppError('VALIDATION', message);
}

/** 'name: value' (grpcurl style; 'name=value' is not accepted because values may contain '='). */
export function parseHeaders(headers: string[]): MetadataEntry[] {
  return headers.map((h) => {
    const colon = h.indexOf(':');
    if (colon <= 0) throw usage(`header '${h}' must look like 'name: value'`);
    return { name: h.slice(0, colon).trim().toLowerCase(), value: h.slice(colon + 1).trim() };
  });
}

/** A flag in seconds (decimals allowed) as whole milliseconds, at least 1; undefined when absent. */
export function parseSeconds(flag: string, value: string | undefined, maxSeconds = Infinity): number | undefined {
  if (value === undefined) return undefined;
  const secs = Number(value);
  const ms = Math.round(secs * 1000);
  if (!Number.isFinite(secs) || secs <= 0 || ms < 1 || secs > maxSeconds) {
    const limit = Number.isFinite(maxSeconds) ? ` up to ${maxSeconds}` : '';
    throw usage(`${flag} must be a positive number of seconds${limit}, got '${value}'`);
  }
  return ms;
}

export function parseMaxTime(flags: ConnectionFlags): number | undefined {
  return parseSeconds('--max-time', flags.maxTime);
}

export function buildTarget(address: string, flags: ConnectionFlags): TargetSettings {
  if (flags.plaintext && (flags.insecure || flags.cacert || flags.cert || flags.key)) {
    throw usage('--plaintext cannot be combined with --insecure, --cacert, --cert or --key');
  }
  if (Boolean(flags.cert) !== Boolean(flags.key)) throw usage('--cert and --key go together');
  let maxReceive: number | undefined;
  if (flags.maxMsgSz !== undefined) {
    maxReceive = Number(flags.maxMsgSz);
    if (!Number.isInteger(maxReceive) || maxReceive <= 0)
      throw usage(`--max-msg-sz must be a positive integer, got '${flags.maxMsgSz}'`);
  }
  const connectTimeoutMs = parseSeconds('--connect-timeout', flags.connectTimeout, MAX_CONNECT_TIMEOUT_MS / 1000);
  const local = flags.proto.length > 0 || flags.protoset.length > 0;
  const parsed = TargetSettingsSchema.safeParse({
    address,
    ...protocolSettings(flags),
    tls: {
      enabled: !flags.plaintext,
      caPath: flags.cacert,
      certPath: flags.cert,
      keyPath: flags.key,
      insecureSkipVerify: Boolean(flags.insecure),
    },
    authority: flags.authority,
    maxReceiveMessageBytes: maxReceive,
    connectTimeoutMs,
    userAgent: flags.userAgent,
    schema: { reflection: !local, protoFiles: flags.proto, importPaths: flags.importPath, protosets: flags.protoset },
  });
  if (!parsed.success) throw usage(parsed.error.issues.map((i) => i.message).join('; '));
  checkAddress(parsed.data.address);
  return parsed.data;
}
