import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';

/* The app:// handler, with the electron module stood in: Electron cannot run on our machines. */

let handler: ((request: Request) => Promise<Response>) | undefined;
vi.mock('electron', () => ({
  protocol: {
    handle: (_scheme: string, fn: (request: Request) => Promise<Response>) => (handler = fn),
    registerSchemesAsPrivileged: () => undefined,
  },
  net: {
    // Electron's net.fetch reads file: URLs; so does this stand-in.
    fetch: async (url: string) => {
      try {
        return new Response(await readFile(fileURLToPath(url)), { status: 200 });
      } catch {
        return new Response('missing', { status: 404 });
      }
    },
  },
}));

const { serveRendererOnAppScheme } = await import('./app-protocol');

describe('app:// protocol', () => {
  let root: string;
  beforeAll(() => {
    const base = mkdtempSync(join(tmpdir(), 'loupe-app-'));
    root = join(base, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Loupe</title>');
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(base, 'secret.txt'), 'do not serve');
    serveRendererOnAppScheme(root);
  });

  const get = (url: string) => handler!(new Request(url));

  it('serves our page with the Content-Security-Policy', async () => {
    const res = await get('app://loupe/index.html');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<title>Loupe</title>');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves assets below the renderer folder', async () => {
    expect((await get('app://loupe/assets/app.js')).status).toBe(200);
  });

  it('refuses other hosts and anything outside the renderer folder', async () => {
    expect((await get('app://other/index.html')).status).toBe(404);
    // The URL parser may normalise some of these before we see them (then: 404 inside the root);
    // what matters is that none of them ever reaches the file outside it.
    for (const path of ['%2e%2e/secret.txt', '..%2fsecret.txt', '%2e%2e%2fsecret.txt', '..%5csecret.txt']) {
      const res = await get(`app://loupe/${path}`);
      expect([403, 404], path).toContain(res.status);
      expect(await res.text(), path).not.toContain('do not serve');
    }
    // A decoded '..' that survives URL parsing is caught by our own folder check.
    expect((await get('app://loupe/..%2fsecret.txt')).status).toBe(403);
  });

  it('answers 400 (not a failed handler) for a malformed percent-encoding, as the static server does', async () => {
    const res = await get('app://loupe/%E0%A4%A');
    expect(res.status).toBe(400);
    expect(await res.text()).toBe('Bad request path');
  });
});
