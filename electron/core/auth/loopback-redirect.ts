import { createServer, type Server } from 'node:http';
import { authError } from './auth-error';

/** How long a browser sign-in may take before the call gives up on it. */
export const SIGN_IN_TIMEOUT_MS = 5 * 60_000;

const DONE_PAGE = `<!doctype html><meta charset="utf-8"><title>Loupe</title>
<p style="font:16px system-ui;margin:3em">Signed in. You can close this tab and return to Loupe.</p>`;

/**
 * A one-shot listener for the authorization code redirect on http://127.0.0.1:<free port>/callback
 * (RFC 8252 §7.3): resolves with the full callback URL, then closes. Bounded by `timeoutMs` and
 * by `signal`, so a sign-in the user walks away from does not hold the call forever.
 */
export async function listenForRedirect(
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<{ redirectUri: string; callback: Promise<URL>; close: () => void }> {
  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as { port: number };
  const redirectUri = `http://127.0.0.1:${port}/callback`;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const close = () => {
    clearTimeout(timer);
    server.close();
    server.closeAllConnections();
  };
  const callback = new Promise<URL>((resolve, reject) => {
    server.on('request', (req, res) => {
      const url = new URL(req.url ?? '/', redirectUri);
      if (url.pathname !== '/callback') {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', connection: 'close' }).end(DONE_PAGE);
      resolve(url);
    });
    const timeoutMs = options.timeoutMs ?? SIGN_IN_TIMEOUT_MS;
    timer = setTimeout(
      () =>
        reject(
          authError(
            'sign-in',
            `the browser sign-in did not finish within ${Math.round(timeoutMs / 1000)} s`,
            'Call again and complete the sign-in in the browser window that opens',
          ),
        ),
      timeoutMs,
    );
    options.signal?.addEventListener('abort', () =>
      reject(authError('sign-in', 'the browser sign-in was cancelled', 'Call again to sign in')),
    );
  }).finally(close);
  return { redirectUri, callback, close };
}
