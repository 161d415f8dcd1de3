import { AppError } from '../../../shared/model/errors';

/** A proxy server, parsed from a URL such as `http://user:pass@proxy:3128` or `socks5://proxy:1080`. */
export interface ProxyServer {
  /** http: CONNECT in plaintext; https: TLS to the proxy, then CONNECT; socks5: SOCKS version 5. */
  kind: 'http' | 'https' | 'socks5';
  host: string;
  port: number;
  username?: string;
  /** A secret: never in a message, a label or the timeline. */
  password?: string;
}

const DEFAULT_PORTS: Record<ProxyServer['kind'], number> = { http: 80, https: 443, socks5: 1080 };
const SCHEMES: Record<string, ProxyServer['kind']> = {
  'http:': 'http',
  'https:': 'https',
  'socks5:': 'socks5',
  // socks5h (names resolved by the proxy) is what we always do; socks alone means 5 to curl users.
  'socks5h:': 'socks5',
  'socks:': 'socks5',
};

/** The URL with its password replaced by `***`, for messages about a URL the user wrote. */
export function redactProxyUrl(text: string): string {
  return text.replace(/^([a-z0-9+.-]+:\/\/[^:@/]*):[^@/]*@/i, '$1:***@');
}

/**
 * The URL as it may be kept (history): a password written into it replaced by `***`, while a
 * {{variable}} password stays, as it is no secret and lets the entry be sent again.
 */
export function withoutLiteralPassword(text: string): string {
  const m = /^[a-z0-9+.-]+:\/\/[^:@/]*:([^@/]*)@/i.exec(text.trim());
  return m && !/^\{\{\s*[A-Za-z_][\w.-]*\s*\}\}$/.test(m[1]!) ? redactProxyUrl(text.trim()) : text;
}

/** How the timeline and messages name a proxy: its kind and host:port, never its credentials. */
export function proxyLabel(p: ProxyServer): string {
  const host = p.host.includes(':') ? `[${p.host}]` : p.host;
  return `${p.kind}://${host}:${p.port}`;
}

/**
 * Parses a proxy URL. `where` names its origin in the error (e.g. "the target's proxy", "HTTPS_PROXY").
 * A bare `host:port` is an HTTP proxy, as curl and the proxy environment variables take it.
 */
export function parseProxyUrl(text: string, where: string): ProxyServer {
  const raw = text.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw invalid(raw, where, 'it is not a URL');
  }
  const kind = SCHEMES[url.protocol];
  if (!kind) throw invalid(raw, where, `'${url.protocol.slice(0, -1)}' is not a proxy scheme`);
  if (!url.hostname) throw invalid(raw, where, 'it names no host');
  if (url.pathname !== '/' && url.pathname !== '') throw invalid(raw, where, 'a proxy URL has no path');
  const port = url.port ? Number(url.port) : DEFAULT_PORTS[kind];
  const server: ProxyServer = { kind, host: url.hostname.replace(/^\[|\]$/g, ''), port };
  if (url.username) server.username = decodeURIComponent(url.username);
  if (url.password) server.password = decodeURIComponent(url.password);
  return server;
}

function invalid(raw: string, where: string, why: string): AppError {
  return new AppError(
    'VALIDATION',
    `${where} '${redactProxyUrl(raw)}' is not a usable proxy: ${why}. Write it as http://host:port, https://host:port or socks5://host:port (user:password@ before the host when it needs them), or "none".`,
  );
}
