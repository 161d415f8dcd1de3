import * as http from 'node:http';
import * as http2 from 'node:http2';
import * as net from 'node:net';
import type { ConnectRouter } from '@connectrpc/connect';
import { createConnectRouter } from '@connectrpc/connect';
import {
  connectNodeAdapter,
  universalRequestFromNodeRequest,
  universalResponseToNodeResponse,
} from '@connectrpc/connect-node';

type NodeHandlerFn = ReturnType<typeof connectNodeAdapter>;
type NodeRequest = Parameters<NodeHandlerFn>[0];
type NodeResponse = Parameters<NodeHandlerFn>[1];

export interface ConnectServerOptions {
  /** Adds the services; called twice (the adapter's router, and the gRPC-Web text bridge's). */
  routes: (router: ConnectRouter) => void;
  /** Default 127.0.0.1 (loopback only). */
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** PEM key and certificate: TLS, HTTP/2 or HTTP/1.1 by ALPN; plaintext (h2c or HTTP/1.1) without. */
  tls?: { key: string | Buffer; cert: string | Buffer; ca?: string | Buffer; requestCert?: boolean };
  /** Sees every request first (the demo counts HTTP versions and keeps the last headers). */
  onRequest?: (req: NodeRequest) => void;
}

export interface ConnectServer {
  /** host:port to dial with gRPC-Web, gRPC-Web text, Connect (or gRPC). */
  address: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Services over Connect, gRPC-Web and gRPC (@connectrpc/connect-node), plus gRPC-Web text, which
 * the library does not serve: requests in base64 are decoded here and handed to the same handler
 * as binary gRPC-Web, and its answer is encoded back. One port speaks HTTP/1.1 and HTTP/2: by ALPN
 * with TLS, by the connection's first bytes in plaintext (the HTTP/2 preface, else HTTP/1.1).
 * The demo's web server and mock servers both stand on it.
 */
export async function startConnectServer(opts: ConnectServerOptions): Promise<ConnectServer> {
  const router = createConnectRouter();
  opts.routes(router);
  const adapter = connectNodeAdapter({ routes: opts.routes });
  const handler: NodeHandlerFn = (req, res) => {
    opts.onRequest?.(req);
    if (/^application\/grpc-web-text/i.test(req.headers['content-type'] ?? '')) serveText(router, req, res);
    else adapter(req, res);
  };

  const host = opts.host ?? '127.0.0.1';
  const sockets = new Set<net.Socket>();
  let listener: net.Server;
  let servers: { close(): void }[];
  if (opts.tls) {
    const secure = http2.createSecureServer({ ...opts.tls, allowHTTP1: true }, handler as never);
    listener = secure;
    servers = [secure];
  } else {
    const h1 = http.createServer(handler as never);
    const h2 = http2.createServer(handler as never);
    listener = net.createServer((socket) => {
      socket.once('data', (first: Buffer) => {
        socket.pause();
        socket.unshift(first);
        (first.subarray(0, 3).toString('latin1') === 'PRI' ? h2 : h1).emit('connection', socket);
        process.nextTick(() => socket.resume());
      });
    });
    servers = [h1, h2];
  }
  listener.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    listener.once('error', reject);
    listener.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (listener.address() as net.AddressInfo).port;
  let stopped: Promise<void> | undefined;
  return {
    address: `${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        listener.close(() => resolve());
        for (const s of servers) s.close();
        for (const s of sockets) s.destroy();
      });
      return stopped;
    },
  };
}

/**
 * gRPC-Web text on the server side: the body is base64 of the binary frames. Decoded as it arrives
 * (each 4-character group on its own, padding allowed between chunks, as the spec says a reader
 * must), handed to the method's handler as binary gRPC-Web, and its answer encoded chunk by chunk.
 */
function serveText(router: ConnectRouter, req: NodeRequest, res: NodeResponse): void {
  const path = new URL(req.url ?? '/', 'http://demo').pathname;
  const method = router.handlers.find((h) => h.requestPath === path);
  if (!method) {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end(`no method at ${path}`);
    return;
  }
  const uReq = universalRequestFromNodeRequest(req, res, undefined, undefined);
  const header = new Headers(uReq.header);
  header.set('content-type', 'application/grpc-web+proto');
  void method({ ...uReq, header, body: fromBase64(uReq.body as AsyncIterable<Uint8Array>) })
    .then((uRes) => {
      const out = new Headers(uRes.header);
      if (/^application\/grpc-web/.test(out.get('content-type') ?? '')) {
        out.set('content-type', 'application/grpc-web-text+proto');
      }
      return universalResponseToNodeResponse({ ...uRes, header: out, body: uRes.body && toBase64(uRes.body) }, res);
    })
    .catch(() => res.destroy());
}

async function* fromBase64(body: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  let text = '';
  for await (const chunk of body) {
    text += Buffer.from(chunk).toString('latin1').replace(/\s/g, '');
    const out: Buffer[] = [];
    let i = 0;
    for (; i + 4 <= text.length; i += 4) out.push(Buffer.from(text.slice(i, i + 4), 'base64'));
    text = text.slice(i);
    if (out.length) yield Buffer.concat(out);
  }
}

async function* toBase64(body: AsyncIterable<Uint8Array>): AsyncIterable<Uint8Array> {
  for await (const chunk of body) yield Buffer.from(Buffer.from(chunk).toString('base64'), 'latin1');
}
