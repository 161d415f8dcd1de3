// Browser mode (the real Engine and page server, the built renderer) in a process of its own,
// the demo server in another, driven in headless Chromium through the e2e page module.
/* global window, document -- functions passed to page.evaluate run in the page */
import { join } from 'node:path';
import { loadEngineBundle, require, spawnUntil, tempDir } from './common.mjs';
import { BENCH_DIR, RENDERER_DIR, UI_BUNDLE } from './paths.mjs';

export const COUNT_TESTID = 'stream-count-received';

/** Records long tasks from the first script on, so nothing before the figure is missed. */
const LONGTASK_OBSERVER = () => {
  const w = window;
  w.__benchLongTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        w.__benchLongTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    w.__benchLongTasks = null;
  }
};

/**
 * Browser mode in a child process (lib/browser-mode-child.mjs), as a user runs it: never beside
 * Playwright, which slows every promise of its process.
 */
export async function startBrowserMode({ demoAddress }) {
  const { match, stop } = await spawnUntil(
    [join(BENCH_DIR, 'lib', 'browser-mode-child.mjs'), demoAddress],
    /browser mode on (\S+)/,
  );
  return { url: match[1], close: stop };
}

/** Browser mode in this process: what the child runs. */
export async function startBrowserModeHere({ demoAddress }) {
  const { Engine, startWebServer } = loadEngineBundle();
  // A data folder of its own: the bench neither reads nor writes the user's history or trust.
  const engine = new Engine({
    version: 'bench',
    cacheDir: join(tempDir(), 'schema-cache'),
    dataDir: tempDir(),
    demoAddress,
  });
  const server = await startWebServer({ rendererDir: RENDERER_DIR, onConnection: (port) => engine.connect(port) });
  return {
    engine,
    url: server.url,
    async close() {
      await server.close();
      await engine.close();
    },
  };
}

export async function openChromium(url, { extraArgs = [] } = {}) {
  const { chromium } = require('@playwright/test');
  const { CHROMIUM_ARGS, findChromium, LoupePage } = require(UI_BUNDLE);
  const browser = await chromium.launch({ executablePath: findChromium(), args: [...CHROMIUM_ARGS, ...extraArgs] });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.addInitScript(LONGTASK_OBSERVER);
  await page.goto(url);
  const loupe = new LoupePage(page);
  return {
    browser,
    page,
    loupe,
    async resetLongTasks() {
      await page.evaluate(() => {
        window.__benchLongTasks = window.__benchLongTasks && [];
      });
    },
    async longTasks() {
      const tasks = await page.evaluate(() => window.__benchLongTasks);
      if (!tasks) return { supported: false, max: NaN, count: NaN };
      return { supported: true, max: Math.round(Math.max(0, ...tasks.map((t) => t.duration))), count: tasks.length };
    },
    close: () => browser.close(),
  };
}

/** An error that reports the figure as waiting for the UI rather than as a failure. */
export function uiNotReady(message, partial) {
  return Object.assign(new Error(message), { uiNotReady: true, partial });
}

/**
 * Waits until the UI shows `count` received messages. Resolves with the time it did, or throws
 * uiNotReady when the count element never shows the number (e.g. the timeline is not built yet).
 */
export async function waitForReceivedCount(page, count, { timeoutMs, settleMs = 10_000 }) {
  const deadline = Date.now() + timeoutMs;
  const handle = page.waitForFunction(
    ({ testId, n }) => {
      const el = document.querySelector(`[data-testid="${testId}"]`);
      return el && el.textContent.replace(/[^\d]/g, '') === String(n) ? performance.now() : false;
    },
    { testId: COUNT_TESTID, n: count },
    { polling: 50, timeout: timeoutMs },
  );
  // When the call has ended (status shown) and the element is still absent, the UI lacks it.
  const status = page.getByTestId('status-badge');
  for (;;) {
    const done = await Promise.race([
      handle.then((h) => h.jsonValue()),
      new Promise((r) => setTimeout(() => r(undefined), 1000)),
    ]).catch((error) => {
      throw uiNotReady(
        `the UI did not show ${count} in [data-testid="${COUNT_TESTID}"] within ${Math.round(timeoutMs / 1000)} s (${error.message.split('\n')[0]})`,
      );
    });
    if (done !== undefined) return done;
    const ended = (await status.count()) > 0 && (await page.getByTestId(COUNT_TESTID).count()) === 0;
    if (ended) {
      await new Promise((r) => setTimeout(r, settleMs));
      if ((await page.getByTestId(COUNT_TESTID).count()) === 0) {
        const statusText = await status.first().textContent();
        throw uiNotReady(
          `the call ended (status "${statusText}") but the UI has no [data-testid="${COUNT_TESTID}"] element`,
        );
      }
    }
    if (Date.now() > deadline) throw uiNotReady(`the UI did not show ${count} received messages in time`);
  }
}
