import {
  MAX_CONNECT_TIMEOUT_MS,
  type ConnectCodec,
  type HttpVersion,
  type Protocol,
  type TargetSettingsInput,
} from '../../../../shared/model/target';
import { parsePositive } from '../../../../shared/text';
import { authFormFromSettings, authFromForm, type AuthForm } from './auth-form';

/**
 * The connection settings dialog edits text as typed (numbers in friendly units, path lists one
 * per line); these pure functions convert between that and TargetSettings, and say what is wrong.
 */
export interface SettingsForm {
  protocol: Protocol;
  /** Ignored for gRPC, which is HTTP/2. */
  httpVersion: HttpVersion;
  /** Connect only. */
  connectCodec: ConnectCodec;
  transport: 'plaintext' | 'tls';
  caPath: string;
  certPath: string;
  keyPath: string;
  insecureSkipVerify: boolean;
  authority: string;
  userAgent: string;
  /** MiB, as typed; empty = grpc-js default. */
  maxSendMiB: string;
  maxReceiveMiB: string;
  /** Seconds between keepalive pings, as typed; empty = none. */
  keepaliveSeconds: string;
  /** Seconds connecting may take, as typed; empty = the engine's default. */
  connectTimeoutSeconds: string;
  gzip: boolean;
  reflection: boolean;
  /** Where the proxy comes from: the environment or system, none (direct), or the URL below. */
  proxyMode: 'system' | 'none' | 'url';
  /** http://user:{{password}}@host:port, https://…, socks5://… */
  proxyUrl: string;
  /** One path per line. */
  protoFiles: string;
  importPaths: string;
  protosets: string;
  auth: AuthForm;
}

export type SettingsField = keyof SettingsForm;
/** Per field; the Auth section's fields as `auth.<field>`. */
export type FormErrors = Partial<Record<SettingsField | `auth.${string}`, string>>;

const MIB = 1024 * 1024;

export function formFromTarget(target: TargetSettingsInput): SettingsForm {
  const tls = target.tls;
  const schema = target.schema;
  return {
    protocol: target.protocol ?? 'grpc',
    httpVersion: target.httpVersion ?? '2',
    connectCodec: target.connectCodec ?? 'binary',
    transport: tls?.enabled ? 'tls' : 'plaintext',
    caPath: tls?.caPath ?? '',
    certPath: tls?.certPath ?? '',
    keyPath: tls?.keyPath ?? '',
    insecureSkipVerify: tls?.insecureSkipVerify ?? false,
    authority: target.authority ?? '',
    userAgent: target.userAgent ?? '',
    maxSendMiB: target.maxSendMessageBytes ? formatNumber(target.maxSendMessageBytes / MIB) : '',
    maxReceiveMiB: target.maxReceiveMessageBytes ? formatNumber(target.maxReceiveMessageBytes / MIB) : '',
    keepaliveSeconds: target.keepaliveTimeMs ? formatNumber(target.keepaliveTimeMs / 1000) : '',
    connectTimeoutSeconds: target.connectTimeoutMs ? formatNumber(target.connectTimeoutMs / 1000) : '',
    gzip: target.compression === 'gzip',
    proxyMode: !target.proxy ? 'system' : target.proxy.trim().toLowerCase() === 'none' ? 'none' : 'url',
    proxyUrl: target.proxy && target.proxy.trim().toLowerCase() !== 'none' ? target.proxy : '',
    reflection: schema?.reflection ?? true,
    protoFiles: formatPathList(schema?.protoFiles ?? []),
    importPaths: formatPathList(schema?.importPaths ?? []),
    protosets: formatPathList(schema?.protosets ?? []),
    auth: authFormFromSettings(target.auth),
  };
}

/** What the engine can read as a proxy (it says more about one it cannot use). */
const PROXY_URL = /^(https?|socks5h?|socks):\/\/\S+$/i;

export type FormResult = { ok: true; target: TargetSettingsInput } | { ok: false; errors: FormErrors };

/** The form as TargetSettings for `address`, or the problems per field. */
export function targetFromForm(form: SettingsForm, address: string): FormResult {
  const errors: FormErrors = {};
  const positive = (
    field: SettingsField,
    text: string,
    scale: number,
    unit: string,
    max = Number.MAX_SAFE_INTEGER,
  ): number | undefined => {
    const t = text.trim();
    if (!t) return undefined;
    const value = parsePositive(t, scale, max);
    if (value === undefined) {
      const limit = max < Number.MAX_SAFE_INTEGER ? ` (at most ${formatNumber(max / scale)} ${unit})` : '';
      errors[field] = `Enter a positive number of ${unit}${limit}, or leave it empty.`;
      return undefined;
    }
    return value;
  };

  const tlsOn = form.transport === 'tls';
  const certPath = form.certPath.trim();
  const keyPath = form.keyPath.trim();
  if (tlsOn && Boolean(certPath) !== Boolean(keyPath)) {
    errors[certPath ? 'keyPath' : 'certPath'] = 'A client certificate and its key go together: give both, or neither.';
  }
  const proxyUrl = form.proxyUrl.trim();
  if (form.proxyMode === 'url' && !PROXY_URL.test(proxyUrl)) {
    errors.proxyUrl = proxyUrl
      ? 'A proxy URL starts with http://, https:// or socks5:// and names host:port, e.g. http://user:{{proxyPassword}}@proxy:3128.'
      : 'Enter the proxy URL, or choose "From the environment or system".';
  }
  const protoFiles = parsePathList(form.protoFiles);
  const protosets = parsePathList(form.protosets);
  if (!form.reflection && protoFiles.length === 0 && protosets.length === 0) {
    errors.reflection = 'Choose a schema source: turn on server reflection, or add .proto files or protosets.';
  }

  const auth = authFromForm(form.auth);
  if (!auth.ok) for (const [key, message] of Object.entries(auth.errors)) errors[`auth.${key}`] = message;

  const target: TargetSettingsInput = {
    address: address.trim(),
    // Only what differs from gRPC's defaults, so a gRPC target is saved as it always was.
    ...(form.protocol !== 'grpc' ? { protocol: form.protocol } : {}),
    ...(form.protocol !== 'grpc' && form.httpVersion === '1.1' ? { httpVersion: '1.1' as const } : {}),
    ...(form.protocol === 'connect' && form.connectCodec === 'json' ? { connectCodec: 'json' as const } : {}),
    // Plaintext carries no TLS paths: the engine refuses a client certificate without TLS.
    tls: tlsOn
      ? {
          enabled: true,
          insecureSkipVerify: form.insecureSkipVerify,
          ...optional('caPath', form.caPath),
          ...optional('certPath', certPath),
          ...optional('keyPath', keyPath),
        }
      : { enabled: false, insecureSkipVerify: false },
    ...optional('authority', form.authority),
    ...optional('userAgent', form.userAgent),
    ...defined('maxSendMessageBytes', positive('maxSendMiB', form.maxSendMiB, MIB, 'MiB')),
    ...defined('maxReceiveMessageBytes', positive('maxReceiveMiB', form.maxReceiveMiB, MIB, 'MiB')),
    ...defined('keepaliveTimeMs', positive('keepaliveSeconds', form.keepaliveSeconds, 1000, 'seconds')),
    ...defined(
      'connectTimeoutMs',
      positive('connectTimeoutSeconds', form.connectTimeoutSeconds, 1000, 'seconds', MAX_CONNECT_TIMEOUT_MS),
    ),
    compression: form.gzip ? 'gzip' : 'identity',
    ...(form.proxyMode === 'none' ? { proxy: 'none' } : form.proxyMode === 'url' ? { proxy: proxyUrl } : {}),
    schema: { reflection: form.reflection, protoFiles, importPaths: parsePathList(form.importPaths), protosets },
    ...(auth.ok && auth.auth ? { auth: auth.auth } : {}),
  };
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, target };
}

/**
 * One path per line. Blank lines go, and so do quotes around a whole path: "Copy as path" in
 * Windows Explorer and many shells' drag-and-drop add them. Duplicates are dropped (first wins)
 * since compiling a file twice only produces a confusing "defined twice" error.
 */
export function parsePathList(text: string): string[] {
  const seen = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    let path = line.trim();
    const quoted = /^(["'])(.*)\1$/.exec(path);
    if (quoted) path = (quoted[2] ?? '').trim();
    if (path) seen.add(path);
  }
  return [...seen];
}

export function formatPathList(paths: readonly string[]): string {
  return paths.join('\n');
}

/** Adds picked paths to a typed list, keeping what is there and its order. */
export function appendPaths(text: string, picked: readonly string[]): string {
  return formatPathList(parsePathList([text, ...picked].join('\n')));
}

function optional<K extends string>(key: K, text: string): Partial<Record<K, string>> {
  const t = text.trim();
  return t ? ({ [key]: t } as Record<K, string>) : {};
}

function defined<K extends string>(key: K, value: number | undefined): Partial<Record<K, number>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, number>);
}

function formatNumber(n: number): string {
  return String(Number(n.toFixed(3)));
}
