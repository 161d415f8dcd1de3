import type { Command } from 'commander';
import { AppError } from '../../shared/model/errors';
import {
  DEFAULT_CONNECT_TIMEOUT_MS,
  PROTOCOLS,
  TargetSettingsSchema,
  type TargetSettings,
} from '../../shared/model/target';
import { parseSeconds, targetFromFlags, type ConnectionFlagValues } from '../../shared/workspace/connection-flags';

/** Options every command that talks to a server shares (grpcurl's names). */
export interface ConnectionFlags extends ConnectionFlagValues {
  header: string[];
  proto: string[];
  importPath: string[];
  protoset: string[];
  maxTime?: string;
  v?: boolean;
}

/** What a schema source argument may be (drift-sources.ts reads it); here, so the help costs no import of the readers. */
export const SOURCE_HELP =
  'a server (host:port, dns:///host:port, unix:/path; asked by reflection), a .proto file or a folder of them (with -I), or a snapshot or other protoset file (.binpb, .pb, .protoset)';

export const collect = (value: string, previous: string[]) => [...previous, value];

export function addConnectionOptions(cmd: Command): Command {
  return addServerOptions(cmd)
    .option(
      '--auth <json|@file>',
      'auth as in a workspace target: bearer, basic, api-key, oauth2, jwt, google-service-account; {{name}} from LOUPE_SECRET_<NAME>',
    )
    .option('--proto <file>', 'a .proto source file (repeatable); turns off server reflection', collect, [])
    .option('-I, --import-path <dir>', 'import path for --proto files (repeatable)', collect, [])
    .option('--protoset <file>', 'a FileDescriptorSet file (repeatable); turns off server reflection', collect, []);
}

/** The options that reach a server, without --proto/--protoset: for commands whose arguments name their schema sources. */
export function addServerOptions(cmd: Command): Command {
  return cmd
    .option('--plaintext', 'use plaintext HTTP/2 (h2c) instead of TLS')
    .option('--insecure', 'TLS without verifying the server certificate (for testing only)')
    .option('--cacert <file>', 'PEM bundle of CAs to trust instead of the system roots')
    .option('--cert <file>', 'client certificate (PEM) for mutual TLS')
    .option('--key <file>', 'private key (PEM) of the client certificate')
    .option('--authority <name>', ':authority header and TLS server name to use')
    .option('-H, --header <header>', "request metadata 'name: value' (repeatable; -bin values in base64)", collect, [])
    .option('--max-time <seconds>', 'deadline for the whole operation, in seconds (decimals allowed)')
    .option(
      '--connect-timeout <seconds>',
      `how long connecting to the server may take, in seconds (default ${DEFAULT_CONNECT_TIMEOUT_MS / 1000})`,
    )
    .option('--max-msg-sz <bytes>', 'maximum size of a response message (default 4 MiB)')
    .option('--user-agent <text>', 'user-agent to send')
    .option('--protocol <name>', `wire protocol: ${PROTOCOLS.join(', ')} (default grpc)`)
    .option('--http1', 'gRPC-Web and Connect over HTTP/1.1 instead of HTTP/2 (unary and server streaming only)')
    .option('--connect-json', 'Connect with JSON messages instead of binary protobuf')
    .option(
      '--proxy <url>',
      'proxy for the connection: http://[user:pass@]host:port, https://… or socks5://… (default: HTTPS_PROXY/HTTP_PROXY/NO_PROXY)',
    )
    .option('--no-proxy', 'connect directly, whatever HTTPS_PROXY or the workspace say');
}

export function usage(message: string): AppError {
  return new AppError('VALIDATION', message);
}

export function parseMaxTime(flags: ConnectionFlags): number | undefined {
  return parseSeconds('--max-time', flags.maxTime);
}

/** The target an address and the connection flags name, defaults filled in (see targetFromFlags). */
export function buildTarget(address: string, flags: ConnectionFlags): TargetSettings {
  return TargetSettingsSchema.parse(targetFromFlags(address, flags, '--'));
}
