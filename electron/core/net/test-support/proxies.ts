import * as net from 'node:net';
import * as tls from 'node:tls';

/**
 * Small real proxies for tests, on loopback: an HTTP CONNECT proxy (optionally TLS-wrapped, i.e.
 * an HTTPS proxy) with Basic auth, and a SOCKS5 proxy with username/password auth. Each counts the
 * tunnels it opened and the bytes it carried, so a test proves the traffic really went through it.
 */
export interface TestProxy {
  /** The proxy's URL, credentials included when it wants them. */
  url: string;
  port: number;
  /** Tunnels opened to a target. */
  tunnels: number;
  /** Bytes carried from the client to the target, through the tunnels. */
  bytesUp: number;
  /** host:port of each tunnel's target, in order. */
  targets: string[];
  /** Proxy-Authorization headers or SOCKS credentials it saw, so a test can check what was sent. */
  credentialsSeen: string[];
  close(): Promise<void>;
}

export interface ProxyAuth {
  username: string;
  password: string;
}

function splice(proxy: TestProxy, client: net.Socket, upstream: net.Socket, head: Buffer): void {
  proxy.tunnels++;
  if (head.length) {
    proxy.bytesUp += head.length;
    upstream.write(head);
  }
  client.on('data', (b: Buffer) => (proxy.bytesUp += b.length));
  client.pipe(upstream).pipe(client);
  const end = () => {
    client.destroy();
    upstream.destroy();
  };
  client.on('error', end).on('close', end);
  upstream.on('error', end).on('close', end);
}

function listen(server: net.Server, proxy: Omit<TestProxy, 'url' | 'port'>, scheme: string, auth?: ProxyAuth) {
  const sockets = new Set<net.Socket>();
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return new Promise<TestProxy>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      const creds = auth ? `${encodeURIComponent(auth.username)}:${encodeURIComponent(auth.password)}@` : '';
      const self = Object.assign(proxy, {
        url: `${scheme}://${creds}127.0.0.1:${port}`,
        port,
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
      resolve(self);
    });
  });
}

function counters() {
  return { tunnels: 0, bytesUp: 0, targets: [] as string[], credentialsSeen: [] as string[] };
}

/** An HTTP CONNECT proxy; with `tls` it is an HTTPS proxy (TLS from the client to the proxy). */
export function startConnectProxy(
  options: { auth?: ProxyAuth; tls?: { key: string; cert: string } } = {},
): Promise<TestProxy> {
  const proxy = counters() as TestProxy;
  const onClient = (client: net.Socket) => {
    let buffered = Buffer.alloc(0);
    const onData = (b: Buffer) => {
      buffered = Buffer.concat([buffered, b]);
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      client.off('data', onData);
      const [requestLine = '', ...headerLines] = buffered.subarray(0, end).toString('latin1').split('\r\n');
      const head = buffered.subarray(end + 4);
      const [method, authority = ''] = requestLine.split(' ');
      const header = headerLines.find((h) => /^proxy-authorization:/i.test(h));
      if (header) proxy.credentialsSeen.push(header.slice(header.indexOf(':') + 1).trim());
      if (method !== 'CONNECT') return void client.end('HTTP/1.1 405 Method Not Allowed\r\n\r\n');
      if (options.auth) {
        const expected = `Basic ${Buffer.from(`${options.auth.username}:${options.auth.password}`).toString('base64')}`;
        if (header?.slice(header.indexOf(':') + 1).trim() !== expected) {
          return void client.end(
            'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n',
          );
        }
      }
      const at = authority.lastIndexOf(':');
      const host = authority.slice(0, at).replace(/^\[|\]$/g, '');
      const port = Number(authority.slice(at + 1));
      proxy.targets.push(authority);
      const upstream = net.connect({ host, port });
      upstream.once('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n'));
      upstream.once('connect', () => {
        upstream.removeAllListeners('error');
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        splice(proxy, client, upstream, head);
      });
    };
    client.on('data', onData);
    client.on('error', () => client.destroy());
  };
  const server = options.tls ? tls.createServer(options.tls, onClient) : net.createServer(onClient);
  return listen(server, proxy, options.tls ? 'https' : 'http', options.auth);
}

/** A SOCKS5 proxy (RFC 1928) with username/password auth (RFC 1929) when `auth` is given. */
export function startSocks5Proxy(options: { auth?: ProxyAuth } = {}): Promise<TestProxy> {
  const proxy = counters() as TestProxy;
  const server = net.createServer((client) => {
    client.on('error', () => client.destroy());
    let buffered = Buffer.alloc(0);
    let stage: 'greeting' | 'auth' | 'request' = 'greeting';
    const onData = (b: Buffer) => {
      buffered = Buffer.concat([buffered, b]);
      if (stage === 'greeting') {
        if (buffered.length < 2 || buffered.length < 2 + buffered[1]!) return;
        const methods = [...buffered.subarray(2, 2 + buffered[1]!)];
        buffered = buffered.subarray(2 + buffered[1]!);
        const method = options.auth ? 2 : 0;
        if (!methods.includes(method)) return void client.end(Buffer.from([5, 0xff]));
        client.write(Buffer.from([5, method]));
        stage = options.auth ? 'auth' : 'request';
      }
      if (stage === 'auth') {
        if (buffered.length < 2) return;
        const ulen = buffered[1]!;
        if (buffered.length < 3 + ulen || buffered.length < 3 + ulen + buffered[2 + ulen]!) return;
        const plen = buffered[2 + ulen]!;
        const username = buffered.subarray(2, 2 + ulen).toString();
        const password = buffered.subarray(3 + ulen, 3 + ulen + plen).toString();
        buffered = buffered.subarray(3 + ulen + plen);
        proxy.credentialsSeen.push(`${username}:${password}`);
        const ok = username === options.auth!.username && password === options.auth!.password;
        if (!ok) return void client.end(Buffer.from([1, 1]));
        client.write(Buffer.from([1, 0]));
        stage = 'request';
      }
      if (stage === 'request') {
        if (buffered.length < 5) return;
        const type = buffered[3];
        const addrLen = type === 1 ? 4 : type === 4 ? 16 : 1 + buffered[4]!;
        if (buffered.length < 4 + addrLen + 2) return;
        const addr = buffered.subarray(4, 4 + addrLen);
        const ipv6 = () => Array.from({ length: 8 }, (_, i) => addr.readUInt16BE(i * 2).toString(16)).join(':');
        const host = type === 1 ? [...addr].join('.') : type === 4 ? ipv6() : addr.subarray(1).toString();
        const port = buffered.readUInt16BE(4 + addrLen);
        const head = buffered.subarray(4 + addrLen + 2);
        client.off('data', onData);
        proxy.targets.push(`${host}:${port}`);
        const reply = (code: number) => Buffer.from([5, code, 0, 1, 0, 0, 0, 0, 0, 0]);
        const upstream = net.connect({ host, port });
        upstream.once('error', (err: NodeJS.ErrnoException) =>
          client.end(reply(err.code === 'ECONNREFUSED' ? 5 : err.code === 'ENOTFOUND' ? 4 : 1)),
        );
        upstream.once('connect', () => {
          upstream.removeAllListeners('error');
          client.write(reply(0));
          splice(proxy, client, upstream, head);
        });
      }
    };
    client.on('data', onData);
  });
  return listen(server, proxy, 'socks5', options.auth);
}
