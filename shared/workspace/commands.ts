import { AppError } from '../model/errors';
import { PROTOCOL_LABELS, TargetSettingsSchema, type TargetSettings } from '../model/target';
import type { ResolvedRequest, SavedRequest } from '../model/workspace';
import { textToStoredBody, validateWith } from './json-file';
import { shellQuote, splitJsonSequence, splitShellWords } from './shell';

type Flag = [name: string, value?: string];

/** The connection flags both tools share (grpcurl's names); `dash` is '-' for grpcurl, '--' for loupe. */
function targetFlags(target: TargetSettings, dash: string): Flag[] {
  const flags: Flag[] = [];
  if (!target.tls.enabled) flags.push([`${dash}plaintext`]);
  if (target.tls.insecureSkipVerify) flags.push([`${dash}insecure`]);
  if (target.tls.caPath) flags.push([`${dash}cacert`, target.tls.caPath]);
  if (target.tls.certPath) flags.push([`${dash}cert`, target.tls.certPath]);
  if (target.tls.keyPath) flags.push([`${dash}key`, target.tls.keyPath]);
  if (target.authority) flags.push([`${dash}authority`, target.authority]);
  if (target.maxReceiveMessageBytes) flags.push([`${dash}max-msg-sz`, String(target.maxReceiveMessageBytes)]);
  if (target.userAgent) flags.push([`${dash}user-agent`, target.userAgent]);
  if (!target.schema.reflection || target.schema.protoFiles.length || target.schema.protosets.length) {
    for (const p of target.schema.importPaths) flags.push([`${dash}import-path`, p]);
    for (const p of target.schema.protoFiles) flags.push([`${dash}proto`, p]);
    for (const p of target.schema.protosets) flags.push([`${dash}protoset`, p]);
  }
  return flags;
}

function requestFlags(request: ResolvedRequest, dash: string): Flag[] {
  const flags = targetFlags(request.target, dash);
  for (const m of request.metadata) flags.push(['-H', `${m.name}: ${m.value}`]);
  if (request.deadlineMs !== undefined) flags.push([`${dash}max-time`, String(request.deadlineMs / 1000)]);
  if (request.emitDefaults) flags.push([`${dash}emit-defaults`]);
  if (request.messages.length) flags.push(['-d', request.messages.join('\n')]);
  return flags;
}

function render(program: string, flags: Flag[], request: ResolvedRequest): string {
  const parts = [program, ...flags.map(([n, v]) => (v === undefined ? n : `${n} ${shellQuote(v)}`))];
  parts.push(shellQuote(request.target.address), shellQuote(request.method));
  return parts.join(' ');
}

/** Loupe's own flags for the wire protocol; none for gRPC, the default. */
function protocolFlags(target: TargetSettings): Flag[] {
  if (target.protocol === 'grpc') return [];
  const flags: Flag[] = [['--protocol', target.protocol]];
  if (target.httpVersion === '1.1') flags.push(['--http1']);
  if (target.protocol === 'connect' && target.connectCodec === 'json') flags.push(['--connect-json']);
  return flags;
}

/** `loupe call ...` for a request (environment already applied). */
export function toLoupeCommand(request: ResolvedRequest): string {
  return render('loupe call', [...protocolFlags(request.target), ...requestFlags(request, '--')], request);
}

/**
 * `grpcurl ...` for a request (environment already applied). grpcurl takes single-dash flags, and
 * speaks gRPC only: a gRPC-Web or Connect request is refused, pointing at buf curl.
 */
export function toGrpcurlCommand(request: ResolvedRequest): string {
  if (request.target.protocol !== 'grpc') {
    throw new AppError(
      'UNSUPPORTED',
      `grpcurl speaks gRPC only, and this request uses ${PROTOCOL_LABELS[request.target.protocol]}: copy it as buf curl or loupe call instead.`,
    );
  }
  return render('grpcurl', requestFlags(request, '-'), request);
}

const VALUE_FLAGS = new Set([
  'd',
  'H',
  'cacert',
  'cert',
  'key',
  'authority',
  'max-time',
  'import-path',
  'proto',
  'protoset',
  'max-msg-sz',
  'user-agent',
  'rpc-header',
  'reflect-header',
  'protocol',
]);
const BOOL_FLAGS = new Set(['plaintext', 'insecure', 'emit-defaults', 'http1', 'connect-json']);

/** Reads a pasted grpcurl (or loupe call) command into a saved request with a target of its own. */
export function parseGrpcurlCommand(commandLine: string): SavedRequest {
  const words = splitShellWords(commandLine.trim());
  if (words[0] === 'grpcurl' || words[0]?.endsWith('/grpcurl')) words.shift();
  else if (words[0] === 'loupe' && words[1] === 'call') words.splice(0, 2);
  const positional: string[] = [];
  const values = new Map<string, string[]>();
  const bools = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (!word.startsWith('-') || word === '-') {
      positional.push(word);
      continue;
    }
    // grpcurl (Go's flag package) takes -flag, --flag, -flag=value and -flag value alike.
    const bare = word.replace(/^--?/, '');
    const eq = bare.indexOf('=');
    const name = eq < 0 ? bare : bare.slice(0, eq);
    if (BOOL_FLAGS.has(name)) {
      if (eq < 0 || bare.slice(eq + 1) === 'true') bools.add(name);
      continue;
    }
    if (!VALUE_FLAGS.has(name))
      throw new AppError(
        'VALIDATION',
        `The flag '${word}' is not supported (supported: -d, -H, -plaintext, -insecure, -cacert, -cert, -key, -authority, -max-time, -import-path, -proto, -protoset)`,
      );
    const value = eq >= 0 ? bare.slice(eq + 1) : words[++i];
    if (value === undefined) throw new AppError('VALIDATION', `The flag '${word}' needs a value`);
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  const verb = positional.find((p) => p === 'list' || p === 'describe');
  if (verb) throw new AppError('VALIDATION', `grpcurl ${verb} is not a request; paste a call (address and method)`);
  if (positional.length !== 2)
    throw new AppError(
      'VALIDATION',
      `Expected an address and a method, found ${positional.length ? positional.map((p) => `'${p}'`).join(', ') : 'neither'}`,
    );
  const one = (n: string) => values.get(n)?.at(-1);
  const all = (n: string) => values.get(n) ?? [];
  const data = one('d');
  if (data === '@')
    throw new AppError('VALIDATION', '-d @ reads the request from stdin; paste the JSON itself instead');
  const local = all('proto').length > 0 || all('protoset').length > 0;
  const stored = {
    address: positional[0],
    tls: {
      enabled: !bools.has('plaintext'),
      caPath: one('cacert'),
      certPath: one('cert'),
      keyPath: one('key'),
      insecureSkipVerify: bools.has('insecure'),
    },
    authority: one('authority'),
    maxReceiveMessageBytes: one('max-msg-sz') !== undefined ? Number(one('max-msg-sz')) : undefined,
    userAgent: one('user-agent'),
    // loupe call's own flags (grpcurl has none of them).
    protocol: one('protocol'),
    httpVersion: bools.has('http1') ? '1.1' : undefined,
    connectCodec: bools.has('connect-json') ? 'json' : undefined,
    schema: local
      ? { reflection: false, protoFiles: all('proto'), importPaths: all('import-path'), protosets: all('protoset') }
      : undefined,
  };
  validateWith(TargetSettingsSchema, stored, 'the command');
  // Stored as given (no defaults filled in) so the saved file stays small.
  const target = JSON.parse(JSON.stringify(stored)) as SavedRequest['target'];
  const metadata = [...all('H'), ...all('rpc-header')].map((h) => {
    const colon = h.indexOf(':');
    if (colon <= 0) throw new AppError('VALIDATION', `The header '${h}' must look like 'name: value'`);
    return { name: h.slice(0, colon).trim().toLowerCase(), value: h.slice(colon + 1).trim() };
  });
  const maxTime = one('max-time');
  let deadlineMs: number | undefined;
  if (maxTime !== undefined) {
    const secs = Number(maxTime);
    if (!(secs > 0))
      throw new AppError('VALIDATION', `-max-time must be a positive number of seconds, got '${maxTime}'`);
    deadlineMs = Math.round(secs * 1000);
  }
  const parts = data !== undefined ? splitJsonSequence(data) : [];
  const request: SavedRequest = { version: 1, target, method: positional[1]! };
  if (deadlineMs !== undefined) request.deadlineMs = deadlineMs;
  if (metadata.length) request.metadata = metadata;
  if (parts.length === 1) request.body = textToStoredBody(parts[0]!);
  else if (parts.length > 1) request.messages = parts.map(textToStoredBody);
  if (bools.has('emit-defaults')) request.options = { emitDefaults: true };
  return request;
}
