// Serves the app's own built files (checked to be regular files below), never a user's.
// eslint-disable-next-line no-restricted-imports
import { createReadStream } from 'node:fs';
// eslint-disable-next-line no-restricted-imports
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join } from 'node:path';
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

/** The whole built renderer is ~13 MB; past these, files are streamed from disk instead. */
const MAX_CACHED_FILE = 16 * 1024 * 1024;
const MAX_CACHED_TOTAL = 64 * 1024 * 1024;

interface Cached {
  size: number;
  mtimeMs: number;
  bytes: Buffer;
}

export interface StaticFiles {
  serve(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** Reads index.html and what it loads first into memory, ahead of the page's requests. */
  warm(): Promise<void>;
  /**
   * Resolves once index.html and the scripts and styles it loads first (as `warm` found them)
   * have each been sent in full, or index.html was sent and the browser had the others cached:
   * from then on the page is the browser's to parse and evaluate. Never without an index.html.
   */
  firstScreenSent: Promise<void>;
}

/**
 * The built renderer, served from memory once read. A file streamed from disk takes a read per
 * 64 KiB, each waiting for a turn of the event loop: while `loupe web`'s engine started and
 * reflected the demo, the page's 650 KB entry script arrived ~100 ms after it was asked for
 * (figure 7). From memory it is one write. Each request still stats its file, so a rebuilt
 * renderer is served as it is now, never as it was.
 */
export function staticFiles(rootDir: string): StaticFiles {
  const cache = new Map<string, Cached>();
  let cachedBytes = 0;
  const firstScreen = firstScreenTracker();

  const load = async (file: string, size: number, mtimeMs: number): Promise<Buffer | undefined> => {
    const old = cache.get(file);
    if (old && old.size === size && old.mtimeMs === mtimeMs) return old.bytes;
    if (size > MAX_CACHED_FILE || cachedBytes - (old?.size ?? 0) + size > MAX_CACHED_TOTAL) return undefined;
    const bytes = await readFile(file);
    // Changed while read: serve what was read, keep nothing.
    if (bytes.length !== size) return bytes;
    cachedBytes += size - (cache.get(file)?.size ?? 0);
    cache.set(file, { size, mtimeMs, bytes });
    return bytes;
  };

  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
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
    const bytes = req.method === 'GET' ? await load(filePath, info.size, info.mtimeMs) : undefined;
    res.writeHead(200, {
      'Content-Type': MIME[extname(filePath)] ?? 'application/octet-stream',
      'Content-Length': bytes?.length ?? info.size,
      ...policyHeaders(extname(filePath) === '.html'),
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    firstScreen.watch(filePath, res);
    if (bytes) res.end(bytes);
    else createReadStream(filePath).pipe(res);
  };

  const warmOne = async (file: string): Promise<Buffer | undefined> => {
    const info = await stat(file);
    return info.isFile() ? load(file, info.size, info.mtimeMs) : undefined;
  };

  return {
    serve,
    async warm() {
      const indexFile = join(rootDir, 'index.html');
      const index = await warmOne(indexFile);
      if (!index) return;
      const loadedFirst = [...index.toString('utf8').matchAll(/(?:src|href)="\.\/([^"]+)"/g)]
        .map((m) => resolveStaticPath(rootDir, `/${m[1]}`))
        .flatMap((p) => ('file' in p ? [p.file] : []));
      // What the page needs to start: its scripts and styles (the icon is asked for after load).
      firstScreen.expect(
        indexFile,
        loadedFirst.filter((file) => /\.(m?js|css)$/.test(file)),
      );
      await Promise.all(loadedFirst.map(warmOne));
    },
    firstScreenSent: firstScreen.sent,
  };
}

/**
 * After index.html is sent, how long the browser has to ask for the files it loads first before
 * they count as cached: their names change with their content and they are served as immutable,
 * so a browser that has them asks for the page alone. A fresh page asks ~50 ms after (figure 7).
 */
const CACHED_FIRST_SCREEN_MS = 100;

/**
 * When the page has its first screen: index.html and the scripts and styles it loads first all
 * sent, or index.html sent and none of the others asked for in CACHED_FIRST_SCREEN_MS.
 */
function firstScreenTracker() {
  let resolveSent!: () => void;
  const sent = new Promise<void>((resolve) => {
    resolveSent = resolve;
  });
  let indexFile: string | undefined;
  let loadedFirst: string[] = [];
  // Only until the first screen is complete: the sets hold at most the renderer's own files.
  let done = false;
  const asked = new Set<string>();
  const sentFiles = new Set<string>();
  const finish = () => {
    if (done) return;
    done = true;
    asked.clear();
    sentFiles.clear();
    resolveSent();
  };
  const noneAsked = () => !loadedFirst.some((file) => asked.has(file));
  const check = () => {
    if (indexFile && sentFiles.has(indexFile) && loadedFirst.every((file) => sentFiles.has(file))) finish();
  };
  return {
    sent,
    expect(index: string, files: string[]) {
      indexFile = index;
      loadedFirst = files;
      check();
    },
    watch(file: string, res: ServerResponse) {
      if (done) return;
      asked.add(file);
      res.once('finish', () => {
        if (done) return;
        sentFiles.add(file);
        if (file === indexFile && noneAsked()) {
          setTimeout(() => {
            if (noneAsked()) finish();
          }, CACHED_FIRST_SCREEN_MS).unref();
        }
        check();
      });
    },
  };
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
