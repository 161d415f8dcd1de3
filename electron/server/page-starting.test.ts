import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startWebServer, type WebServer } from './index';
import { get, openSocket, within } from './test-support/page-client';

/* When the page server says the page has what it needs to start (browser mode then starts the engine). */

let root: string;
let server: WebServer | undefined;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'loupe-page-starting-'));
  writeFileSync(join(root, 'index.html'), '<!doctype html>');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A server of the bare index.html whose connections do nothing, accepted once `accepting` settles. */
async function start(accepting?: Promise<unknown>): Promise<WebServer> {
  server = await startWebServer({ rendererDir: root, accepting, onConnection: () => undefined });
  return server;
}

describe('web server: when the page has what it needs to start', () => {
  /** Whether `p` has settled once pending callbacks and I/O have run. */
  const settled = async (p: Promise<unknown>) => {
    let done = false;
    void p.then(() => (done = true));
    await new Promise((resolve) => setImmediate(resolve));
    return done;
  };

  it('is once index.html and the scripts and styles it loads first were sent, whatever else it names', async () => {
    const dir = join(root, 'first-screen');
    mkdirSync(join(dir, 'assets'), { recursive: true });
    writeFileSync(
      join(dir, 'index.html'),
      '<!doctype html><link rel="icon" href="./icon.svg"><script type="module" src="./assets/entry-1.js"></script><link rel="stylesheet" href="./assets/entry-1.css">',
    );
    writeFileSync(join(dir, 'assets', 'entry-1.js'), 'export {};');
    writeFileSync(join(dir, 'assets', 'entry-1.css'), 'body{}');
    writeFileSync(join(dir, 'icon.svg'), '<svg/>');
    server = await startWebServer({ rendererDir: dir, onConnection: () => undefined });
    const s = server;
    expect(await settled(s.pageStarting)).toBe(false);
    // Asked for together, as a browser asks for a script as soon as it parses its tag.
    const [page, script] = await Promise.all([get(s, '/'), get(s, '/assets/entry-1.js')]);
    expect([page.status, script.status]).toEqual([200, 200]);
    // A HEAD sends nothing: the stylesheet is still to come.
    expect((await get(s, '/assets/entry-1.css', 'HEAD')).status).toBe(200);
    expect(await settled(s.pageStarting)).toBe(false);
    expect((await get(s, '/assets/entry-1.css')).status).toBe(200);
    // The icon is asked for after the page loads: not waited for.
    expect(await settled(s.pageStarting)).toBe(true);
  });

  it('is once index.html was sent and nothing else asked for soon after: the browser had the files', async () => {
    const dir = join(root, 'cached-first-screen');
    mkdirSync(join(dir, 'assets'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), '<script type="module" src="./assets/entry-2.js"></script>');
    writeFileSync(join(dir, 'assets', 'entry-2.js'), 'export {};');
    server = await startWebServer({ rendererDir: dir, onConnection: () => undefined });
    expect((await get(server, '/')).status).toBe(200);
    await within(server.pageStarting, 5_000, 'pageStarting with the page alone asked for');
  });

  it('is at the first connection asked for, when the browser asked for nothing yet', async () => {
    let ready = (): void => undefined;
    const s = await start(new Promise<void>((resolve) => (ready = resolve)));
    expect(await settled(s.pageStarting)).toBe(false);
    // Held until `accepting` settles, yet asked for: the page is past its files.
    const opening = openSocket(s);
    await within(s.pageStarting, 5_000, 'pageStarting after a connection was asked for');
    ready();
    const opened = await within(opening, 5_000, 'the held connection');
    if ('ws' in opened) opened.ws.close();
    else throw new Error(`refused with ${opened.refused}`);
  });

  it('is not at a connection refused for its token', async () => {
    const s = await start();
    expect(await openSocket(s, { token: 'wrong' })).toEqual({ refused: 401 });
    expect(await settled(s.pageStarting)).toBe(false);
  });
});
