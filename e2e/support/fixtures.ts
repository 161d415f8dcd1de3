import { _electron, chromium, test as base, type Browser, type Page } from '@playwright/test';
import { join } from 'node:path';
import { startBrowserMode, type RunningBrowserMode } from './browser-mode';
import { CHROMIUM_ARGS, findChromium } from './chromium';
import { electronBinary } from './electron';

interface WorkerFixtures {
  browserMode: RunningBrowserMode;
  /** Debian's Chromium, started once per worker: each test gets a fresh context (storage, cookies). */
  chromiumBrowser: Browser;
}
interface TestFixtures {
  /** Loupe's window: a Chromium tab on browser mode, or the Electron window. */
  app: Page;
}

const ROOT = join(__dirname, '..', '..');

export const test = base.extend<TestFixtures, WorkerFixtures>({
  browserMode: [
    async ({}, use) => {
      const running = await startBrowserMode();
      await use(running);
      await running.stop();
    },
    { scope: 'worker' },
  ],
  chromiumBrowser: [
    async ({}, use) => {
      const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  app: async ({ browserMode, chromiumBrowser }, use, testInfo) => {
    if (testInfo.project.name === 'electron') {
      const electron = electronBinary();
      if (!electron.path) {
        console.log(`[electron] skipped: ${electron.reason}`);
        test.skip(true, `Electron cannot run here: ${electron.reason}`);
        return;
      }
      const app = await _electron.launch({ executablePath: electron.path, args: [ROOT] });
      await use(await app.firstWindow());
      await app.close();
      return;
    }
    const context = await chromiumBrowser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(browserMode.url);
    await use(page);
    await context.close();
  },
});

export { expect } from '@playwright/test';
