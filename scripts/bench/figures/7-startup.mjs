// Figure 7: from `loupe web` process start to an interactive window listing the demo's services.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadEngineBundle, median, require, round, spawnUntil, tempDir } from '../lib/common.mjs';
import { BENCH_DIR, CLI, RENDERER_DIR, UI_BUNDLE } from '../lib/paths.mjs';
import { untilQuiet } from '../lib/quiet.mjs';

export const title = 'Start-up';

/**
 * Bytes of script and of style the renderer's page loads before anything else: index.html's own,
 * with the chunks it preloads (`modulepreload`, shared by the entry and a lazily loaded part).
 */
function firstScreenBytes() {
  const html = readFileSync(join(RENDERER_DIR, 'index.html'), 'utf8');
  const size = (re) => [...html.matchAll(re)].reduce((sum, m) => sum + statSync(join(RENDERER_DIR, m[1])).size, 0);
  return {
    script: size(/<script[^>]*src="\.\/([^"]+)"/g) + size(/<link[^>]*modulepreload[^>]*href="\.\/([^"]+)"/g),
    style: size(/<link[^>]*stylesheet[^>]*href="\.\/([^"]+)"/g),
  };
}

/**
 * A bare Node static server started like `loupe web`, and its page of the same weight loaded,
 * served with Loupe's own security headers (COOP same-origin makes Chromium move the page to a
 * new renderer process: ~130 ms of the bare page here).
 */
async function baselineStart(browser, bytes, waited) {
  const { policyHeaders } = loadEngineBundle();
  const headers = JSON.stringify({ html: policyHeaders(true), asset: policyHeaders(false) });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  waited.push(await untilQuiet());
  const t0 = performance.now();
  const server = await spawnUntil(
    [join(BENCH_DIR, 'servers', 'static-page.mjs'), String(bytes.script), String(bytes.style), headers],
    /listening on (\S+)/,
  );
  try {
    await page.goto(server.match[1], { waitUntil: 'load' });
    await page.getByText('ready').waitFor({ timeout: 30_000 });
    return performance.now() - t0;
  } finally {
    await server.stop();
    await context.close();
  }
}

export async function run({ quick }) {
  const runs = quick ? 2 : 5;
  const { chromium } = require('@playwright/test');
  const { CHROMIUM_ARGS, findChromium, LoupePage } = require(UI_BUNDLE);
  // Chromium itself is started once beforehand: the figure is Loupe's start, not the browser's.
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  const samples = [];
  const baselines = [];
  /** How long each start waited for the new context's processes to settle (untilQuiet). */
  const waited = [];
  const bytes = firstScreenBytes();
  try {
    for (let i = 0; i < runs; i++) {
      baselines.push(await baselineStart(browser, bytes, waited));
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      waited.push(await untilQuiet());
      const t0 = performance.now();
      // The page is opened when the address is printed, as `loupe web` opens the browser then
      // (the engine and the demo finish starting while the page loads).
      const web = await spawnUntil([CLI, 'web', '--no-open'], /(http:\/\/\S+#token=\S+)/, {
        env: { LOUPE_DATA_DIR: tempDir('loupe-bench-start-') },
      });
      const serverReady = performance.now() - t0;
      try {
        await page.goto(web.match[1], { waitUntil: 'load' });
        const loaded = performance.now() - t0;
        const loupe = new LoupePage(page);
        await loupe.service('loupe.demo.v1.Demo').waitFor({ timeout: 30_000 });
        await loupe.method('Echo').waitFor({ timeout: 30_000 });
        const listed = performance.now() - t0;
        samples.push({ serverReady, loaded, listed });
      } finally {
        await web.stop();
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
  const m = (key) => round(median(samples.map((s) => s[key])), 0);
  const listed = m('listed');
  const baseline = round(median(baselines), 0);
  const ratio = listed / baseline;
  return {
    entries: [
      {
        name: 'process start to services listed vs a static server and page of the same weight',
        value: round(ratio, 2),
        unit: 'x',
        target: '<= 2',
        pass: ratio <= 2,
      },
    ],
    baselines: { 'static server + page loaded (ms)': baseline },
    measured: {
      'address printed (ms)': m('serverReady'),
      'page loaded (ms)': m('loaded'),
      'services listed (ms)': listed,
    },
    details: { samples: samples.map((s) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, Math.round(v)]))) },
    notes: [
      `baseline: a bare Node static server (scripts/bench/servers/static-page.mjs) serving a page with ${Math.round(bytes.script / 1024)} KiB of script and ${Math.round(bytes.style / 1024)} KiB of style (what index.html loads) under Loupe's response headers (static-files.ts policyHeaders), spawn to the page's script having run; alternating with Loupe's starts`,
      `medians of ${runs} starts of \`node bin/loupe.cjs web --no-open\` with an empty data folder; Chromium already running, a fresh browser context per start; times from spawn`,
      `each start (both sides) begins once the cores were 80% idle over 100 ms after the fresh context opened (at most 3 s; waited ${waited.map(Math.round).join(', ')} ms): a new context keeps Chromium busy for about a second, which had been timed as part of either start`,
    ],
  };
}
