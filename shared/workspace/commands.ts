import { AppError } from '../model/errors';
import { PROTOCOL_LABELS, type TargetSettings } from '../model/target';
import type { ResolvedRequest, SavedRequest } from '../model/workspace';
import { parseHeaders, parseSeconds, targetFromFlags } from './connection-flags';
import { authHeaders, loupeAuthFlag } from './auth-commands';
import { textToStoredBody } from './json-file';
import { splitJsonValues } from '../json/json-stream';
import { proxyEnvPrefix, takeProxyAssignments } from './proxy-env';
import { shellQuote, splitShellWords } from './shell';

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
  if (target.connectTimeoutMs) flags.push([`${dash}connect-timeout`, String(target.connectTimeoutMs / 1000)]);
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
  if (dash === '--') flags.push(...loupeAuthFlag(request.target.auth));
  else for (const m of authHeaders(request.target.auth, 'grpcurl')) flags.push(['-H', `${m.name}: ${m.value}`]);
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

/** Loupe's proxy flags; a password stays the {{variable}} the request was written with. */
function proxyFlags(target: TargetSettings): Flag[] {
  if (!target.proxy) return [];
  return target.proxy.trim().toLowerCase() === 'none' ? [['--no-proxy']] : [['--proxy', target.proxy]];
}

/** `loupe call ...` for a request (environment already applied). */
export function toLoupeCommand(request: ResolvedRequest): string {
  return render(
    'loupe call',
    [...protocolFlags(request.target), ...proxyFlags(request.target), ...requestFlags(request, '--')],
    request,
  );
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
  return proxyEnvPrefix(request.target, 'grpcurl') + render('grpcurl', requestFlags(request, '-'), request);
}

const VALUE_FLAGS = new Set([
  'd',
  'H',
  'rpc-header',
  'max-time',
  'connect-timeout',
  'cacert',
  'cert',
  'key',
  'authority',
  'import-path',
  'proto',
  'protoset',
  'max-msg-sz',
  'user-agent',
  'protocol',
  'proxy',
]);
const BOOL_FLAGS = new Set(['plaintext', 'insecure', 'emit-defaults', 'http1', 'connect-json', 'no-proxy']);

/** Reads a pasted grpcurl (or loupe call) command into a saved request with a target of its own. */
export function parseGrpcurlCommand(commandLine: string): SavedRequest {
  const words = splitShellWords(commandLine.trim());
  // HTTPS_PROXY='…' / NO_PROXY='*' before the command: what copy as grpcurl writes for a proxy.
  const proxyFromEnv = takeProxyAssignments(words);
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
    if (name === 'reflect-header')
      throw new AppError(
        'VALIDATION',
        `The flag '${word}' cannot be kept: Loupe sends no headers of its own with reflection requests, so a request has no place for them. Remove it; headers for the call itself go in -H or -rpc-header.`,
      );
    if (!VALUE_FLAGS.has(name))
      throw new AppError(
        'VALIDATION',
        `The flag '${word}' is not supported (supported: ${[...VALUE_FLAGS, ...BOOL_FLAGS].map((f) => `-${f}`).join(', ')})`,
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
  const target = targetFromFlags(
    positional[0]!,
    {
      plaintext: bools.has('plaintext'),
      insecure: bools.has('insecure'),
      cacert: one('cacert'),
      cert: one('cert'),
      key: one('key'),
      authority: one('authority'),
      proto: all('proto'),
      importPath: all('import-path'),
      protoset: all('protoset'),
      connectTimeout: one('connect-timeout'),
      maxMsgSz: one('max-msg-sz'),
      userAgent: one('user-agent'),
      // loupe call's own flags (grpcurl has none of them).
      protocol: one('protocol'),
      http1: bools.has('http1'),
      connectJson: bools.has('connect-json'),
      proxy: bools.has('no-proxy') ? false : (one('proxy') ?? proxyFromEnv),
    },
    '-',
  );
  const metadata = parseHeaders([...all('H'), ...all('rpc-header')]);
  const deadlineMs = parseSeconds('-max-time', one('max-time'));
  const parts = data !== undefined ? requestData(data) : [];
  const request: SavedRequest = { version: 1, target, method: positional[1]! };
  if (deadlineMs !== undefined) request.deadlineMs = deadlineMs;
  if (metadata.length) request.metadata = metadata;
  if (parts.length === 1) request.body = textToStoredBody(parts[0]!);
  else if (parts.length > 1) request.messages = parts.map(textToStoredBody);
  if (bools.has('emit-defaults')) request.options = { emitDefaults: true };
  return request;
}

/** The messages of -d, split as the CLI splits its request data; a mistake says it is in -d. */
/** The JSON values of a pasted command's -d (one per message), with errors that name the flag. */
export function requestData(data: string): string[] {
  try {
    return splitJsonValues(data);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    throw new AppError('VALIDATION', `Cannot read the request data (-d): ${err.message}`, { details: err.details });
  }
}
