import { request as httpRequest } from 'node:http';
import { WebSocket } from 'ws';
import type { WebServer } from '../index';

/* A page's side of the page server in tests: raw GETs and WebSocket opens. */

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Raw GET: the path goes on the request line exactly as given (no client-side normalizing). */
export function get(s: WebServer, path: string, method = 'GET'): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: s.port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

export const ourOrigin = (s: WebServer) => `http://127.0.0.1:${s.port}`;

/** Opens a WebSocket; resolves when open, or with the HTTP status that refused it. */
export function openSocket(
  s: WebServer,
  opts: { token?: string | null; origin?: string; host?: string; path?: string } = {},
): Promise<{ ws: WebSocket } | { refused: number }> {
  const token = opts.token === undefined ? s.token : opts.token;
  const query = token === null ? '' : `?token=${encodeURIComponent(token)}`;
  const headers: Record<string, string> = {};
  if (opts.host) headers.host = opts.host;
  const ws = new WebSocket(`ws://127.0.0.1:${s.port}${opts.path ?? '/rpc'}${query}`, {
    ...(opts.origin === undefined ? { origin: ourOrigin(s) } : opts.origin ? { origin: opts.origin } : {}),
    headers,
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws }));
    ws.once('unexpected-response', (_req, res) => {
      resolve({ refused: res.statusCode ?? 0 });
      res.resume();
      ws.terminate();
    });
    ws.once('error', reject);
  });
}

export const within = <T>(p: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what}`)), ms))]);
