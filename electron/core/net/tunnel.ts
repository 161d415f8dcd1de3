import * as net from 'node:net';
import * as tls from 'node:tls';
import {
  ProxyError,
  proxyCertificateUntrusted,
  proxyCouldNotReachTarget,
  proxyRefusedCredentials,
  proxySpokeSomethingElse,
  proxyUnreachable,
} from './proxy-error';
import type { ProxyServer } from './proxy-url';

export interface Destination {
  host: string;
  port: number;
}

/** host:port as CONNECT and messages write it (IPv6 in brackets). */
export function hostPort(d: Destination): string {
  return `${d.host.includes(':') ? `[${d.host}]` : d.host}:${d.port}`;
}

export interface TunnelOptions {
  /** Bounds the whole setup: connecting to the proxy and its answer. */
  timeoutMs: number;
  /** PEM roots trusted for an https:// proxy's certificate besides the system's (a company CA). */
  proxyCa?: string | Buffer;
}

/** The longest CONNECT answer head we read: a proxy that sends more is not one. */
const MAX_CONNECT_REPLY_BYTES = 16 * 1024;

/**
 * Opens a byte stream to `destination` through the proxy: TCP (TLS for an https:// proxy) to the
 * proxy, then HTTP CONNECT with Basic auth or a SOCKS5 handshake. What comes out is the raw
 * tunnel, paused (pipe() it, or resume() it once listening: an HTTP/2 server speaks first, and its
 * bytes must wait for a reader): the caller speaks TLS or plaintext to the target over it. Rejects with a
 * ProxyError that says which step failed; never takes longer than `timeoutMs` as a whole.
 */
export async function openTunnel(
  proxy: ProxyServer,
  destination: Destination,
  { timeoutMs, proxyCa }: TunnelOptions,
): Promise<net.Socket> {
  const socket = await connectToProxy(proxy, timeoutMs, proxyCa);
  const timer = setTimeout(
    () => socket.destroy(proxyUnreachable(proxy, `no answer to the tunnel request within ${timeoutMs / 1000} s`)),
    timeoutMs,
  );
  timer.unref?.();
  try {
    if (proxy.kind === 'socks5') return await socks5(socket, proxy, destination, timeoutMs);
    return await httpConnect(socket, proxy, destination);
  } catch (err) {
    socket.destroy();
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

function connectToProxy(proxy: ProxyServer, timeoutMs: number, proxyCa?: string | Buffer): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const options = { host: proxy.host, port: proxy.port };
    const socket =
      proxy.kind === 'https'
        ? tls.connect({
            ...options,
            ...(net.isIP(proxy.host) ? {} : { servername: proxy.host }),
            ...(proxyCa ? { ca: [...tls.rootCertificates, proxyCa.toString()] } : {}),
          })
        : net.connect(options);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(proxyUnreachable(proxy, `no connection within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    timer.unref?.();
    socket.once(proxy.kind === 'https' ? 'secureConnect' : 'connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        proxy.kind === 'https' && /CERT|SIGNATURE|ISSUER/.test(err.code ?? '')
          ? proxyCertificateUntrusted(proxy, err.code ?? err.message)
          : proxyUnreachable(proxy, describeSocketError(err)),
      );
    });
  });
}

function describeSocketError(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'ECONNREFUSED':
      return 'nothing is listening there (connection refused)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'its host name could not be resolved';
    case 'ECONNRESET':
      return 'it reset the connection';
    default:
      // A TLS error to an https:// proxy (an untrusted certificate, a plaintext port) lands here.
      return err.code ? `${err.message} (${err.code})` : err.message;
  }
}

function basicCredentials(proxy: ProxyServer): string | undefined {
  if (proxy.username === undefined && proxy.password === undefined) return undefined;
  return Buffer.from(`${proxy.username ?? ''}:${proxy.password ?? ''}`).toString('base64');
}

function httpConnect(socket: net.Socket, proxy: ProxyServer, destination: Destination): Promise<net.Socket> {
  const authority = hostPort(destination);
  const credentials = basicCredentials(proxy);
  socket.write(
    `CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n` +
      (credentials ? `Proxy-Authorization: Basic ${credentials}\r\n` : '') +
      '\r\n',
  );
  return new Promise((resolve, reject) => {
    let head = Buffer.alloc(0);
    const cleanup = () => {
      socket.off('data', onData);
      socket.off('error', onError);
      socket.off('close', onClose);
    };
    const fail = (err: ProxyError) => {
      cleanup();
      reject(err);
    };
    const onError = (err: Error) =>
      fail(err instanceof ProxyError ? err : proxyUnreachable(proxy, describeSocketError(err)));
    const onClose = () => fail(proxySpokeSomethingElse(proxy, 'it closed the connection without answering CONNECT'));
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        if (head.length > MAX_CONNECT_REPLY_BYTES) fail(proxySpokeSomethingElse(proxy, 'its answer never ended'));
        return;
      }
      const statusLine = head.subarray(0, head.indexOf('\r\n')).toString('latin1');
      const m = /^HTTP\/1\.[01] (\d{3})(?: (.*))?$/.exec(statusLine);
      if (!m) return fail(proxySpokeSomethingElse(proxy, `it answered '${statusLine.slice(0, 60)}'`));
      const status = Number(m[1]);
      const answer = `CONNECT answered ${status}${m[2] ? ` ${m[2]}` : ''}`;
      if (status === 407) return fail(proxyRefusedCredentials(proxy, answer, credentials !== undefined));
      if (status < 200 || status > 299) return fail(proxyCouldNotReachTarget(proxy, authority, answer));
      cleanup();
      // Paused, or what the target sends next (an HTTP/2 server's SETTINGS come unasked) would be
      // emitted to no listener and lost; the caller's pipe() resumes it.
      socket.pause();
      // Bytes the target already sent after the proxy's answer belong to the tunnel.
      const rest = head.subarray(end + 4);
      if (rest.length) socket.unshift(rest);
      resolve(socket);
    };
    socket.on('data', onData);
    socket.on('error', onError);
    socket.on('close', onClose);
  });
}

/** SOCKS5 reply codes that mean the proxy is fine but the target is not. */
const SOCKS_TARGET_FAILURES = /NotAllowed|NetworkUnreachable|HostUnreachable|ConnectionRefused|TTLExpired/;

async function socks5(
  socket: net.Socket,
  proxy: ProxyServer,
  destination: Destination,
  timeoutMs: number,
): Promise<net.Socket> {
  const withAuth = proxy.username !== undefined || proxy.password !== undefined;
  try {
    // Loaded when a SOCKS proxy is first used: with ip-address, ~10 ms of every cold `loupe call`.
    const { SocksClient } = await import('./socks-client');
    const { socket: tunnel } = await SocksClient.createConnection({
      proxy: {
        host: proxy.host,
        port: proxy.port,
        type: 5,
        ...(withAuth ? { userId: proxy.username ?? '', password: proxy.password ?? '' } : {}),
      },
      command: 'connect',
      // The proxy resolves the name (socks5h): the target may only be known on its side.
      destination: { host: destination.host, port: destination.port },
      existing_socket: socket,
      timeout: timeoutMs,
    });
    // As for CONNECT: paused until the caller reads, so nothing the target sends first is lost.
    tunnel.pause();
    return tunnel;
  } catch (err) {
    const message = (err as Error).message;
    if (/Authentication failed|no accepted authentication type/i.test(message)) {
      return Promise.reject(proxyRefusedCredentials(proxy, `SOCKS5: ${message}`, withAuth));
    }
    if (SOCKS_TARGET_FAILURES.test(message)) {
      return Promise.reject(proxyCouldNotReachTarget(proxy, hostPort(destination), `SOCKS5: ${message}`));
    }
    if (/timed out/i.test(message)) return Promise.reject(proxyUnreachable(proxy, 'the SOCKS5 handshake timed out'));
    return Promise.reject(proxySpokeSomethingElse(proxy, message));
  }
}
