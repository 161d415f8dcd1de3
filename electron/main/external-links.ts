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
