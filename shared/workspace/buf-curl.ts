import { parseEndpoint } from '../model/address';
import { authHeaders } from './auth-commands';
import { AppError } from '../model/errors';
import { TargetSettingsSchema, type Protocol } from '../model/target';
import type { ResolvedRequest, SavedRequest } from '../model/workspace';
import { textToStoredBody, validateWith } from './json-file';
import { requestData } from './commands';
import { proxyEnvPrefix, takeProxyAssignments } from './proxy-env';
import { shellQuote, splitShellWords } from './shell';

/*
 * buf curl (the Buf CLI's `curl`) speaks gRPC, binary gRPC-Web and Connect, so unlike grpcurl it
 * can carry every request but a gRPC-Web text one. It names a method by URL
 * (http[s]://host:port/pkg.Service/Method); plaintext HTTP/2 needs --http2-prior-knowledge,
 * and over https HTTP/2 is negotiated.
 */

const BUF_PROTOCOL: Record<Exclude<Protocol, 'grpc-web-text'>, string> = {
  grpc: 'grpc',
  'grpc-web': 'grpcweb',
  connect: 'connect',
};

/** `buf curl ...` for a request (environment already applied). */
export function toBufCurlCommand(request: ResolvedRequest): string {
  const t = request.target;
  if (t.protocol === 'grpc-web-text') {
    throw new AppError(
      'UNSUPPORTED',
      'buf curl speaks binary gRPC-Web only, not gRPC-Web text: switch the request to gRPC-Web to copy it as buf curl, or copy it as loupe call.',
    );
  }
  const endpoint = parseEndpoint(t.address);
  if (!endpoint) throw new AppError('VALIDATION', `'${t.address}' is not one host:port that buf curl can dial`);
  const words: [string, string?][] = [];
  if (t.protocol !== 'connect') words.push(['--protocol', BUF_PROTOCOL[t.protocol]]);
  const http2 = t.protocol === 'grpc' || t.httpVersion === '2';
  if (http2 && !t.tls.enabled) words.push(['--http2-prior-knowledge']);
  if (t.tls.insecureSkipVerify) words.push(['--insecure']);
  if (t.tls.caPath) words.push(['--cacert', t.tls.caPath]);
  if (t.tls.certPath) words.push(['--cert', t.tls.certPath]);
  if (t.tls.keyPath) words.push(['--key', t.tls.keyPath]);
  if (t.authority && t.tls.enabled) words.push(['--servername', t.authority.replace(/:\d+$/, '')]);
  if (t.userAgent) words.push(['--user-agent', t.userAgent]);
  if (t.connectTimeoutMs) words.push(['--connect-timeout', String(t.connectTimeoutMs / 1000)]);
  if ('path' in endpoint) words.push(['--unix-socket', endpoint.path]);
  if (!t.schema.reflection || t.schema.protoFiles.length || t.schema.protosets.length) {
    for (const p of [...t.schema.protosets, ...t.schema.protoFiles]) words.push(['--schema', p]);
  }
  for (const m of [...authHeaders(t.auth, 'buf curl'), ...request.metadata])
    words.push(['-H', `${m.name}: ${m.value}`]);
  if (request.deadlineMs !== undefined) words.push(['--timeout', `${request.deadlineMs / 1000}s`]);
  if (request.emitDefaults) words.push(['--emit-defaults']);
  if (request.messages.length) words.push(['-d', request.messages.join('\n')]);
  const host = 'path' in endpoint ? 'localhost' : endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host;
  const port = 'path' in endpoint ? '' : `:${endpoint.port}`;
  const url = `${t.tls.enabled ? 'https' : 'http'}://${host}${port}/${request.method.replace(/^\//, '')}`;
  const parts = [
    'buf curl',
    ...words.map(([n, v]) => (v === undefined ? n : `${n} ${shellQuote(v)}`)),
    shellQuote(url),
  ];
  return proxyEnvPrefix(t, 'buf curl') + parts.join(' ');
}

const VALUE_FLAGS = new Map([
  ['d', 'data'],
  ['data', 'data'],
  ['H', 'header'],
  ['header', 'header'],
  ['protocol', 'protocol'],
  ['cacert', 'cacert'],
  ['E', 'cert'],
  ['cert', 'cert'],
  ['key', 'key'],
  ['servername', 'servername'],
  ['A', 'user-agent'],
  ['user-agent', 'user-agent'],
  ['schema', 'schema'],
  ['connect-timeout', 'connect-timeout'],
  ['timeout', 'timeout'],
  ['unix-socket', 'unix-socket'],
  ['reflect-header', 'reflect-header'],
]);
const BOOL_FLAGS = new Map([
  ['http2-prior-knowledge', 'http2'],
  ['k', 'insecure'],
  ['insecure', 'insecure'],
  ['emit-defaults', 'emit-defaults'],
  ['reflect', 'reflect'],
  ['v', 'verbose'],
  ['verbose', 'verbose'],
]);

const FROM_BUF: Record<string, Exclude<Protocol, 'grpc-web-text'>> = {
  grpc: 'grpc',
  grpcweb: 'grpc-web',
  connect: 'connect',
};

/** Reads a pasted `buf curl` command into a saved request with a target of its own. */
export function parseBufCurlCommand(commandLine: string): SavedRequest {
  const words = splitShellWords(commandLine.trim());
  // HTTPS_PROXY='…' / NO_PROXY='*' before the command: what copy as buf curl writes for a proxy.
  const proxy = takeProxyAssignments(words);
  if ((words[0] === 'buf' || words[0]?.endsWith('/buf')) && words[1] === 'curl') words.splice(0, 2);
  const positional: string[] = [];
  const values = new Map<string, string[]>();
  const bools = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (!word.startsWith('-')) {
      positional.push(word);
      continue;
    }
    // cobra takes --flag value, --flag=value, -f value and -fvalue (the last is not read here).
    const bare = word.replace(/^--?/, '');
    const eq = bare.indexOf('=');
    const name = eq < 0 ? bare : bare.slice(0, eq);
    const bool = BOOL_FLAGS.get(name);
    if (bool) {
      if (eq < 0 || bare.slice(eq + 1) === 'true') bools.add(bool);
      else if (bare.slice(eq + 1) === 'false') bools.add(`no-${bool}`);
      continue;
    }
    const key = VALUE_FLAGS.get(name);
    if (!key) throw new AppError('VALIDATION', `The buf curl flag '${word}' is not supported here`);
    const value = eq >= 0 ? bare.slice(eq + 1) : words[++i];
    if (value === undefined) throw new AppError('VALIDATION', `The flag '${word}' needs a value`);
    values.set(key, [...(values.get(key) ?? []), value]);
  }
  if (positional.length !== 1) {
    throw new AppError('VALIDATION', 'Expected one URL, like http://localhost:8080/pkg.Service/Method');
  }
  const one = (n: string) => values.get(n)?.at(-1);
  const all = (n: string) => values.get(n) ?? [];
  const url = /^(https?):\/\/([^/]+)\/(.+)$/.exec(positional[0]!);
  const path = url?.[3]?.split('/').filter(Boolean) ?? [];
  if (!url || path.length < 2) {
    throw new AppError('VALIDATION', `'${positional[0]}' is not a method URL like http://host:port/pkg.Service/Method`);
  }
  const tls = url[1] === 'https';
  const protocolName = one('protocol') ?? 'connect';
  const protocol = FROM_BUF[protocolName];
  if (!protocol) throw new AppError('VALIDATION', `--protocol must be grpc, grpcweb or connect, got '${protocolName}'`);
  const hostPort = url[2]!.includes(':') && !url[2]!.endsWith(']') ? url[2]! : `${url[2]}:${tls ? 443 : 80}`;
  const socket = one('unix-socket');
  const schemaFiles = all('schema');
  const data = one('data');
  if (data?.startsWith('@')) throw new AppError('VALIDATION', `-d ${data} reads a file; paste the JSON itself instead`);
  const stored = {
    address: socket ? `unix:${socket}` : hostPort,
    ...(protocol !== 'grpc' ? { protocol } : {}),
    // http:// is HTTP/1.1 unless told otherwise; https negotiates HTTP/2.
    ...(protocol !== 'grpc' && !tls && !bools.has('http2') ? { httpVersion: '1.1' } : {}),
    tls: {
      enabled: tls,
      caPath: one('cacert'),
      certPath: one('cert'),
      keyPath: one('key'),
      insecureSkipVerify: bools.has('insecure'),
    },
    authority: one('servername'),
    userAgent: one('user-agent'),
    proxy: proxy === false ? 'none' : proxy,
    connectTimeoutMs:
      one('connect-timeout') !== undefined ? Math.round(Number(one('connect-timeout')) * 1000) : undefined,
    schema:
      schemaFiles.length > 0
        ? {
            reflection: false,
            protoFiles: schemaFiles.filter((f) => f.endsWith('.proto')),
            importPaths: [],
            protosets: schemaFiles.filter((f) => !f.endsWith('.proto')),
          }
        : undefined,
  };
  validateWith(TargetSettingsSchema, stored, 'the command');
  const target = JSON.parse(JSON.stringify(stored)) as SavedRequest['target'];
  const request: SavedRequest = { version: 1, target, method: `${path.at(-2)}/${path.at(-1)}` };
  const metadata = all('header').map((h) => {
    const colon = h.indexOf(':');
    if (colon <= 0) throw new AppError('VALIDATION', `The header '${h}' must look like 'name: value'`);
    return { name: h.slice(0, colon).trim().toLowerCase(), value: h.slice(colon + 1).trim() };
  });
  if (metadata.length) request.metadata = metadata;
  const timeout = one('timeout');
  if (timeout !== undefined) {
    const m = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(timeout);
    if (!m) throw new AppError('VALIDATION', `--timeout must be a duration like 1.5s, got '${timeout}'`);
    request.deadlineMs = Math.round(Number(m[1]) * (m[2] === 'ms' ? 1 : m[2] === 's' ? 1000 : 60_000));
  }
  const parts = data !== undefined ? requestData(data) : [];
  if (parts.length === 1) request.body = textToStoredBody(parts[0]!);
  else if (parts.length > 1) request.messages = parts.map(textToStoredBody);
  if (bools.has('emit-defaults')) request.options = { emitDefaults: true };
  return request;
}

/** A pasted command of either tool. */
export function isBufCurlCommand(commandLine: string): boolean {
  return /^\s*([A-Za-z_]\w*=\S*\s+)*(\S*\/)?buf\s+curl(\s|$)/.test(commandLine);
}
