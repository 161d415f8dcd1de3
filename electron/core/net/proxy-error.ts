import { proxyLabel, type ProxyServer } from './proxy-url';

/**
 * Why a tunnel through a proxy could not be opened, in the three ways a user can act on:
 * - unreachable: the proxy itself did not answer (down, wrong host or port, timed out);
 * - auth: the proxy refused the credentials (HTTP 407, SOCKS5 authentication failed);
 * - target: the proxy is fine but could not reach the target (CONNECT 502/503/504, SOCKS reply);
 * - protocol: it is not the kind of proxy the URL says (no HTTP reply, not SOCKS5).
 */
export type ProxyFailureKind = 'unreachable' | 'auth' | 'target' | 'protocol';

export class ProxyError extends Error {
  override readonly name = 'ProxyError';

  constructor(
    readonly kind: ProxyFailureKind,
    message: string,
    /** What the user can do about it. */
    readonly hint: string,
  ) {
    super(message);
  }
}

export function proxyUnreachable(p: ProxyServer, why: string): ProxyError {
  return new ProxyError(
    'unreachable',
    `The proxy ${proxyLabel(p)} is unreachable: ${why}.`,
    'Check the proxy address and port and that the proxy is running, or choose "no proxy" for this target.',
  );
}

export function proxyCertificateUntrusted(p: ProxyServer, code: string): ProxyError {
  return new ProxyError(
    'unreachable',
    `The proxy ${proxyLabel(p)} is unreachable: its TLS certificate is not trusted (${code}).`,
    "Trust the CA that signed it: give it as the target's CA bundle (with TLS on), or set NODE_EXTRA_CA_CERTS to its file before starting Loupe.",
  );
}

export function proxyRefusedCredentials(p: ProxyServer, answer: string, sent: boolean): ProxyError {
  return new ProxyError(
    'auth',
    `The proxy ${proxyLabel(p)} refused the connection (${answer}): ${sent ? 'wrong' : 'missing'} credentials.`,
    sent
      ? 'Check the user name and password in the proxy URL (a {{secret}} variable keeps the password out of files).'
      : 'The proxy wants a user name and password: write the proxy as http://user:{{password}}@host:port.',
  );
}

export function proxyCouldNotReachTarget(p: ProxyServer, target: string, answer: string): ProxyError {
  return new ProxyError(
    'target',
    `The proxy ${proxyLabel(p)} could not reach ${target} (${answer}).`,
    'The proxy works, but the target is down or unknown from where the proxy stands: check the address, or whether this target should bypass the proxy (NO_PROXY, or "no proxy" on the target).',
  );
}

export function proxySpokeSomethingElse(p: ProxyServer, what: string): ProxyError {
  return new ProxyError(
    'protocol',
    `${proxyLabel(p)} did not answer as a ${p.kind === 'socks5' ? 'SOCKS5' : 'HTTP CONNECT'} proxy: ${what}.`,
    'Check the scheme of the proxy URL (http://, https:// or socks5://) and the port.',
  );
}
