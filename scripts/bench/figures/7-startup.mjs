// Figure 7: from `loupe web` process start to an interactive window listing the demo's services.
import { median, require, round, spawnUntil, tempDir } from '../lib/common.mjs';
import { CLI, UI_BUNDLE } from '../lib/paths.mjs';

export const title = 'Start-up';

export async function run({ quick }) {
  const runs = quick ? 2 : 5;
  const { chromium } = require('@playwright/test');
  const { CHROMIUM_ARGS, findChromium, LoupePage } = require(UI_BUNDLE);
  // Chromium itself is started once beforehand: the figure is Loupe's start, not the browser's.
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  const samples = [];
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      const t0 = performance.now();
      const web = await spawnUntil(
        [CLI, 'web', '--no-open'],
        /(http:\/\/\S+#token=\S+)[\s\S]*Demo server on|Demo server on[\s\S]*(http:\/\/\S+#token=\S+)/,
        {
          env: { LOUPE_DATA_DIR: tempDir('loupe-bench-start-') },
        },
      );
      const serverReady = performance.now() - t0;
      try {
        await page.goto(web.match[1] ?? web.match[2], { waitUntil: 'load' });
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
  return {
    entries: [
      { name: 'process start to services listed', value: listed, unit: 'ms', target: '< 1500', pass: listed < 1500 },
    ],
    baselines: {},
    measured: {
      'server ready (ms)': m('serverReady'),
      'page loaded (ms)': m('loaded'),
      'services listed (ms)': listed,
    },
    details: { samples: samples.map((s) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, Math.round(v)]))) },
    notes: [
      `medians of ${runs} starts of \`node bin/loupe.cjs web --no-open\` with an empty data folder; Chromium already running, a fresh browser context per start; times from spawn`,
    ],
  };
}
