import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';

const ROOT = join(__dirname, '..', '..');

export interface AppSession {
  page: Page;
  context: BrowserContext;
  /** Closes the page and stops `loupe web`, keeping what the page stored (localStorage). */
  quit(): Promise<Awaited<ReturnType<BrowserContext['storageState']>>>;
}

/** A free loopback port, so a restarted `loupe web` keeps its origin (and the page its localStorage). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Starts the real `loupe web` on `port` with `dataDir` and opens it in a new browser context
 * (with the storage of an earlier session, if given): one run of the app, to stop and start again.
 */
export async function startAppSession(
  browser: Browser,
  dataDir: string,
  port: number,
  storageState?: Awaited<ReturnType<BrowserContext['storageState']>>,
): Promise<AppSession> {
  const child = spawn(process.execPath, [join(ROOT, 'dist/cli.cjs'), 'web', '--no-open', '--port', String(port)], {
    env: { ...process.env, LOUPE_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`loupe web did not start:\n${stdout}${stderr}`)), 30_000);
    const check = () => {
      // The URL line must be complete (a chunk may end inside the token).
      const m = stdout.match(/(http:\/\/\S+#token=\S+)\s/);
      if (m?.[1] && /Demo server on/.test(stderr)) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout.on('data', (d: Buffer) => ((stdout += d.toString()), check()));
    child.stderr.on('data', (d: Buffer) => ((stderr += d.toString()), check()));
    child.once('exit', (code) => reject(new Error(`loupe web exited with ${code}:\n${stdout}${stderr}`)));
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, storageState });
  const page = await context.newPage();
  await page.goto(url);
  return {
    page,
    context,
    quit: async () => {
      const state = await context.storageState();
      await context.close();
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGINT');
        await exited;
      }
      return state;
    },
  };
}
