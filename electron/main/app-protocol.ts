import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../core/security/csp';
import { resolveStaticPath } from '../core/security/static-path';

/**
 * Our page is served from app://loupe/ rather than file://, so it has a real origin of its own
 * (the preload checks it) and every response carries the CSP.
 */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://loupe';

export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function serveRendererOnAppScheme(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'loupe') return new Response('Not found', { status: 404 });
    const path = resolveStaticPath(rendererDir, url.pathname);
    if ('refuse' in path) return new Response(path.reason, { status: path.refuse });
    const response = await net.fetch(pathToFileURL(path.file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}
