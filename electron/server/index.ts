import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { WebSocketServer } from 'ws';
import type { Port } from '../../shared/protocol/port';
import { allowedOrigins, checkUpgrade } from './access';
import { staticFiles } from './static-files';
import { webSocketPort } from './websocket-port';

export interface WebServerOptions {
  /** Folder of the built renderer (index.html and assets). */
  rendererDir: string;
  /** Called for every accepted connection; it owns the port from then on. */
  onConnection: (port: Port) => void;
  /**
   * Connections wait for this before they are accepted (the page may load before the engine has
   * started); when it fails, they are refused with 503.
   */
  accepting?: Promise<unknown>;
  /** Loopback by default: browser mode is for the person at this machine. */
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Random when absent. */
  token?: string;
}

export interface WebServer {
  url: string;
  port: number;
  token: string;
  /**
   * Resolves once the page has taken what it needs from this server to start (its first screen's
   * files, StaticFiles.firstScreenSent), or once a connection is asked for, whichever is first.
   */
  pageStarting: Promise<void>;
  /** Refuses new connections, closes open ones (which cancels everything they own). */
  close(): Promise<void>;
}

/** Serves the renderer and carries the RPC over one WebSocket per page at /rpc. */
export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? randomBytes(24).toString('base64url');
  const rendererDir = resolve(options.rendererDir);
  // Made at the first connection (websocket-server.ts): serving the page does not need it.
  let wss: Promise<WebSocketServer> | undefined;
  const sockets = () => (wss ??= import('./websocket-server').then((ws) => ws.createWebSocketServer()));
  let origins = new Set<string>();
  const files = staticFiles(rendererDir);
  // In memory before the page asks, while whatever starts beside this server keeps the loop busy.
  files.warm().catch(() => undefined);
  let connectionAsked!: () => void;
  const asked = new Promise<void>((resolve) => {
    connectionAsked = resolve;
  });

  const server: Server = createServer((req, res) => {
    files.serve(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  server.on('upgrade', (req, socket, head) => {
    // Node removes its own error listener from upgraded sockets: without one, a client that
    // resets the connection (say, while we write a refusal) would crash the whole process.
    socket.on('error', () => socket.destroy());
    const verdict = checkUpgrade(req, token, origins);
    if (!verdict.ok) {
      socket.end(
        `HTTP/1.1 ${verdict.status} Refused\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n${verdict.reason}\n`,
      );
      return;
    }
    connectionAsked();
    const accept = () =>
      sockets().then(
        (wsServer) => {
          if (!socket.destroyed)
            wsServer.handleUpgrade(req, socket, head, (ws) => options.onConnection(webSocketPort(ws)));
        },
        () => socket.destroy(),
      );
    (options.accepting ?? Promise.resolve()).then(
      () => accept(),
      () =>
        socket.end(
          `HTTP/1.1 503 Unavailable\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\nLoupe's engine did not start.\n`,
        ),
    );
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolveListen());
  });
  const port = (server.address() as AddressInfo).port;
  origins = allowedOrigins(host, port);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}/#token=${token}`,
    port,
    token,
    pageStarting: Promise.race([files.firstScreenSent, asked]),
    close: async () => {
      const open = await wss;
      for (const client of open?.clients ?? []) client.terminate();
      open?.close();
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections();
      await closed;
    },
  };
}
