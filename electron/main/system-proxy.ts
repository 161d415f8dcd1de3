import type { Session } from 'electron';
import type { SystemProxyResolver } from '../core/net';

/**
 * Electron's own proxy resolution (the system's settings, PAC scripts, WPAD) handed to the engine,
 * which stays plain Node: it asks with a target's URL and reads the PAC-style answer
 * (`DIRECT`, `PROXY host:port`, `SOCKS5 host:port`).
 */
export function systemProxyResolver(session: Pick<Session, 'resolveProxy'>): SystemProxyResolver {
  return (url) => session.resolveProxy(url);
}
