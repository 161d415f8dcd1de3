import { startConnectServer } from '../connect-server/connect-server';
import type { DemoStats } from './handlers';
import { addDemoRoutes } from './web-handlers';
import { addDemoReflection } from './web-reflection';

export interface DemoWebServerOptions {
  /** Default 127.0.0.1 (loopback only). */
  host?: string;
  /** 0 (default) picks a free port. */
  port?: number;
  /** PEM key and certificate: TLS, HTTP/2 or HTTP/1.1 by ALPN; plaintext (h2c or HTTP/1.1) without. */
  tls?: { key: string | Buffer; cert: string | Buffer; ca?: string | Buffer; requestCert?: boolean };
  /** Counters shared with the gRPC demo, or its own. */
  stats?: DemoStats;
}

export interface DemoWebServer {
  /** host:port to dial with gRPC-Web, gRPC-Web text, Connect (or gRPC). */
  address: string;
  port: number;
  stats: DemoStats;
  /** Requests seen, by HTTP version ('1.1', '2.0'): tests check which one a call used. */
  httpVersions: Record<string, number>;
  /** The headers of the last request, for tests that check what a client sent. */
  lastRequestHeaders?: Record<string, string | string[] | undefined>;
  stop(): Promise<void>;
}

/**
 * The demo service over Connect, gRPC-Web, gRPC-Web text and gRPC (see startConnectServer), with
 * reflection, on one port speaking HTTP/1.1 and HTTP/2.
 */
export async function startDemoWebServer(opts: DemoWebServerOptions = {}): Promise<DemoWebServer> {
  const stats = opts.stats ?? { ticksSent: 0, ticksBlocked: 0, callsCancelled: 0 };
  const httpVersions: Record<string, number> = {};
  const server = { stats, httpVersions } as DemoWebServer;
  const started = await startConnectServer({
    host: opts.host,
    port: opts.port,
    tls: opts.tls,
    routes: (r) => {
      addDemoRoutes(r, stats);
      addDemoReflection(r);
    },
    onRequest: (req) => {
      httpVersions[req.httpVersion] = (httpVersions[req.httpVersion] ?? 0) + 1;
      server.lastRequestHeaders = { ...req.headers };
    },
  });
  return Object.assign(server, started);
}
