import { shell } from 'electron';

/**
 * The only way the app opens anything outside itself: https links to a short list of hosts,
 * in the user's browser. Everything else is refused.
 */
const ALLOWED_HOSTS = new Set(['grpc.io', 'protobuf.dev', 'github.com']);

export function openExternalSafely(rawUrl: string): boolean {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || !ALLOWED_HOSTS.has(url.hostname)) return false;
  void shell.openExternal(url.toString());
  return true;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * An OAuth sign-in page the engine asks for: the issuer is the user's own choice, so any https
 * host, and plain http only on this machine (a development issuer). Nothing but http(s).
 */
export function openSignInPageSafely(rawUrl: string): boolean {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) return false;
  void shell.openExternal(url.toString());
  return true;
}
