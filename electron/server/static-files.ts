// Streams the app's own built files (checked to be regular files below), never a user's.
// eslint-disable-next-line no-restricted-imports
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname } from 'node:path';
import { CONTENT_SECURITY_POLICY } from '../core/security/csp';
import { resolveStaticPath } from '../core/security/static-path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** Serves the built renderer, and nothing outside its folder. */
export async function serveStatic(rootDir: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  const path = resolveStaticPath(rootDir, new URL(req.url ?? '/', 'http://placeholder').pathname);
  if ('refuse' in path) {
    res.writeHead(path.refuse, { 'Content-Type': 'text/plain' }).end(path.reason);
    return;
  }
  const filePath = path.file;
  const info = await stat(filePath).catch(() => undefined);
  if (!info?.isFile()) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
    return;
  }
  res.writeHead(200, {
    'Content-Type': MIME[extname(filePath)] ?? 'application/octet-stream',
    'Content-Length': info.size,
    ...policyHeaders(extname(filePath) === '.html'),
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(filePath).pipe(res);
}

/**
 * How the page and its assets must be served, whatever they hold (the start-up bench serves its
 * baseline page with these too: COOP alone moves a page to a new renderer process).
 */
export function policyHeaders(isHtml: boolean): Record<string, string> {
  return {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    // Hashed asset names change with content; the page itself must never be stale.
    'Cache-Control': isHtml ? 'no-store' : 'public, max-age=31536000, immutable',
    ...(isHtml ? { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Frame-Options': 'DENY' } : {}),
  };
}
