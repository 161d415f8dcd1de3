import { getProxyForUrl } from 'proxy-from-env';
import { parseProxyUrl, type ProxyServer } from './proxy-url';
import type { Destination } from './tunnel';

/**
 * The system's proxy for a URL, in the PAC answer format Chromium uses (`DIRECT`,
 * `PROXY host:port; DIRECT`, `SOCKS5 host:port`, `HTTPS host:port`). The desktop app hands the
 * engine Electron's session.resolveProxy as this; elsewhere there is none.
 */
export type SystemProxyResolver = (url: string) => Promise<string>;

/** Where a connection's proxy came from, most specific first. */
export type ProxySource = 'target' | 'environment' | 'process environment' | 'system';

export interface ProxyRoute {
  server: ProxyServer;
  source: ProxySource;
  /**
   * Where it was read, as a user would look for it: "the settings" (the target's or the
   * workspace environment's, merged before the engine sees them), the variable's name
   * (HTTPS_PROXY…), or "the system".
   */
  origin: string;
}

export interface ProxyInputs {
  /** The target's proxy setting: a URL, "none", or absent for "from the environment or system". */
  target?: string;
  /** The workspace environment's proxy setting, with the same meaning; the target's wins. */
  environment?: string;
  /** The process environment (HTTPS_PROXY, NO_PROXY, grpc_proxy…); process.env when absent. */
  env?: NodeJS.ProcessEnv;
  system?: SystemProxyResolver;
}

/** "none" (any case) is the explicit "no proxy". */
export function isNoProxy(setting: string | undefined): boolean {
  return setting?.trim().toLowerCase() === 'none';
}

/**
 * Which proxy, if any, carries a connection to `destination`: the target's setting, else the
 * workspace environment's, else the process environment's variables (with NO_PROXY), else the
 * system's. undefined means a direct connection.
 */
export async function chooseProxy(
  destination: Destination & { tls: boolean },
  inputs: ProxyInputs,
): Promise<ProxyRoute | undefined> {
  for (const [setting, source] of [
    [inputs.target, 'target'],
    [inputs.environment, 'environment'],
  ] as const) {
    if (setting === undefined || setting.trim() === '') continue;
    if (isNoProxy(setting)) return undefined;
    return { server: parseProxyUrl(setting, `The ${source}'s proxy`), source, origin: 'the settings' };
  }
  const fromEnv = proxyFromProcessEnv(destination, inputs.env ?? process.env);
  if (fromEnv) {
    const server = parseProxyUrl(fromEnv.url, fromEnv.variable);
    return { server, source: 'process environment', origin: fromEnv.variable };
  }
  if (fromEnv === null || !inputs.system) return undefined;
  const answer = await inputs.system(urlOf(destination)).catch(() => 'DIRECT');
  const server = parsePacAnswer(answer);
  return server ? { server, source: 'system', origin: 'the system' } : undefined;
}

function urlOf(d: Destination & { tls: boolean }): string {
  return `${d.tls ? 'https' : 'http'}://${d.host.includes(':') ? `[${d.host}]` : d.host}:${d.port}`;
}

/** The variables grpc-js and curl read, in the order they win; lower case first, as curl does. */
const GRPC_PROXY = ['grpc_proxy', 'GRPC_PROXY'];
const NO_GRPC_PROXY = ['no_grpc_proxy', 'NO_GRPC_PROXY'];
const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY', 'all_proxy', 'ALL_PROXY'];
const NO_PROXY = ['no_proxy', 'NO_PROXY'];
const ALL = [...GRPC_PROXY, ...NO_GRPC_PROXY, ...PROXY_VARIABLES, ...NO_PROXY, 'npm_config_no_proxy'];

/**
 * The proxy the process environment names for the destination: `{url, variable}`, or null when a
 * variable is set but NO_PROXY exempts the destination (the system is then not asked either),
 * or undefined when no variable is set. proxy-from-env applies the variables and NO_PROXY rules
 * (ports, wildcards, `*`); grpc_proxy and no_grpc_proxy, which grpc-js reads, come first.
 */
export function proxyFromProcessEnv(
  destination: Destination & { tls: boolean },
  env: NodeJS.ProcessEnv,
): { url: string; variable: string } | null | undefined {
  const first = (names: string[]) => names.find((n) => env[n]);
  const grpcVar = first(GRPC_PROXY);
  const proxyVar = grpcVar ?? first(destination.tls ? PROXY_VARIABLES : PROXY_VARIABLES.slice(2));
  if (!proxyVar) return undefined;
  const noProxyVar = first(NO_GRPC_PROXY) ?? first(NO_PROXY);
  // proxy-from-env reads process.env: it sees exactly these variables, set and restored
  // synchronously around the one call, so nothing else can observe the swap.
  const value = env[proxyVar]!;
  // A bare host:port is an HTTP proxy, as curl takes it (proxy-from-env would take the target's scheme).
  const proxyUrl = value.includes('://') ? value : `http://${value}`;
  const url = withProcessEnv({ ALL_PROXY: proxyUrl, NO_PROXY: noProxyVar ? env[noProxyVar] : undefined }, () =>
    getProxyForUrl(urlOf(destination)),
  );
  return url ? { url, variable: proxyVar } : null;
}

function withProcessEnv<T>(values: Record<string, string | undefined>, run: () => T): T {
  const saved = Object.fromEntries(ALL.map((name) => [name, process.env[name]]));
  for (const name of ALL) delete process.env[name];
  for (const [name, value] of Object.entries(values)) if (value !== undefined) process.env[name] = value;
  try {
    return run();
  } finally {
    for (const name of ALL) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  }
}

/** The first usable proxy of a PAC answer; undefined for DIRECT (or nothing usable). */
export function parsePacAnswer(answer: string): ProxyServer | undefined {
  for (const entry of answer.split(';')) {
    const [keyword = '', hostPort] = entry.trim().split(/\s+/);
    const kind = { PROXY: 'http', HTTP: 'http', HTTPS: 'https', SOCKS: 'socks5', SOCKS5: 'socks5' }[
      keyword.toUpperCase()
    ];
    if (keyword.toUpperCase() === 'DIRECT') return undefined;
    if (kind && hostPort) return parseProxyUrl(`${kind}://${hostPort}`, 'The system proxy');
  }
  return undefined;
}
