import WebSocket from 'ws';
import { LoupePage } from '../pages/loupe-page';
import { expect, test } from '../support/fixtures';

/** Opens a WebSocket to the engine and reports whether the server accepted it. */
function tryConnect(url: string, origin: string | undefined): Promise<{ accepted: boolean; status?: number }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, origin ? { origin } : {});
    socket.on('open', () => {
      socket.close();
      resolve({ accepted: true });
    });
    socket.on('unexpected-response', (_req, res) => resolve({ accepted: false, status: res.statusCode }));
    socket.on('error', () => resolve({ accepted: false }));
  });
}

test.describe('browser mode admits only its own page', () => {
  test('the right token from our own origin is accepted', async ({ browserMode }) => {
    const url = `${browserMode.origin.replace('http', 'ws')}/rpc?token=${browserMode.token}`;
    expect(await tryConnect(url, browserMode.origin)).toEqual({ accepted: true });
  });

  test('a missing or wrong token is refused', async ({ browserMode }) => {
    const base = `${browserMode.origin.replace('http', 'ws')}/rpc`;
    expect(await tryConnect(base, browserMode.origin)).toEqual({ accepted: false, status: 401 });
    expect(await tryConnect(`${base}?token=wrong`, browserMode.origin)).toEqual({ accepted: false, status: 401 });
  });

  test('a foreign Origin is refused even with the right token', async ({ browserMode }) => {
    const url = `${browserMode.origin.replace('http', 'ws')}/rpc?token=${browserMode.token}`;
    expect(await tryConnect(url, 'http://evil.example')).toEqual({ accepted: false, status: 403 });
    expect(await tryConnect(url, undefined)).toEqual({ accepted: false, status: 403 });
  });

  test('a page opened without the token explains what to do', async ({ app, browserMode }) => {
    await app.goto(browserMode.origin + '/');
    await expect(new LoupePage(app).startupError).toContainText('#token=');
  });
});
