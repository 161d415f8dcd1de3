import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Browser mode exposes the engine (which can read files and open connections) to a web page,
 * so every WebSocket must prove it comes from our own page: the right token, our Origin, and a
 * Host header naming the loopback address (which also defeats DNS rebinding).
 */
export function allowedOrigins(host: string, port: number): Set<string> {
  const hosts = new Set([host, '127.0.0.1', 'localhost']);
  if (host === '::1') hosts.add('[::1]');
  return new Set([...hosts].map((h) => `http://${h}:${port}`));
}

export function tokensMatch(expected: string, given: string | null): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export type AccessVerdict = { ok: true } | { ok: false; status: number; reason: string };

export function checkUpgrade(req: IncomingMessage, expectedToken: string, origins: Set<string>): AccessVerdict {
  const url = new URL(req.url ?? '/', 'http://placeholder');
  if (url.pathname !== '/rpc') return { ok: false, status: 404, reason: 'unknown path' };
  const hostHeader = req.headers.host ?? '';
  if (![...origins].some((o) => o === `http://${hostHeader}`)) {
    return { ok: false, status: 403, reason: `foreign Host header '${hostHeader}'` };
  }
  const origin = req.headers.origin;
  if (!origin || !origins.has(origin)) {
    return { ok: false, status: 403, reason: `foreign Origin '${origin ?? '(none)'}'` };
  }
  if (!tokensMatch(expectedToken, url.searchParams.get('token'))) {
    return { ok: false, status: 401, reason: 'missing or wrong token' };
  }
  return { ok: true };
}
