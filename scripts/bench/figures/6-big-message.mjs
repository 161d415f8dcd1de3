// Figure 6: a 20 MB unary response shown in the renderer without freezing it.
import { join } from 'node:path';
import { require, round, spawnUntil } from '../lib/common.mjs';
import { openChromium, startBrowserMode, uiNotReady } from '../lib/browser.mjs';
import { calibrateRenderer, inUnits } from '../lib/calibrate.mjs';
import { BENCH_DIR, UI_BUNDLE } from '../lib/paths.mjs';

export const title = 'Big message';

export async function run({ demo, quick }) {
  const bytes = quick ? 5_000_000 : 20_000_000;
  const server = await spawnUntil([join(BENCH_DIR, 'servers', 'big-server.mjs'), String(bytes)], /listening on (\S+)/, {
    timeoutMs: 120_000,
  });
  const address = server.match[1];
  const mode = await startBrowserMode({ demoAddress: demo.address });
  const ui = await openChromium(mode.url);
  try {
    const { loupe, page } = ui;
    const { BigResponse } = require(UI_BUNDLE);
    const big = new BigResponse(page);
    await loupe.method('Echo').waitFor({ timeout: 30_000 });
    await loupe.serverAddress.fill(address);
    await loupe.reflectButton.click();
    await loupe.method('Get').waitFor({ timeout: 30_000 });
    const settings = await loupe.openConnectionSettings();
    await settings.maxReceiveMiB.fill('64');
    await settings.apply();
    await loupe.method('Get').waitFor({ timeout: 30_000 });
    await loupe.openMethod('Get');
    await loupe.setRequestBody(JSON.stringify({ bytes }));
    const unit = await calibrateRenderer(page);
    await ui.resetLongTasks();
    const t0 = await page.evaluate(() => performance.now());
    await loupe.sendButton.click();
    try {
      await loupe.statusBadge.filter({ hasText: '0 OK' }).waitFor({ timeout: 120_000 });
      // Shown: the first lines on screen and the whole text arrived (the progress gone).
      await big.line('"rows": [').waitFor({ timeout: 120_000 });
      await big.progress.waitFor({ state: 'hidden', timeout: 120_000 });
    } catch (error) {
      const status = await loupe.statusBadge.textContent().catch(() => null);
      throw uiNotReady(`the response was not shown (status ${status ?? 'none'}): ${error.message.split('\n')[0]}`);
    }
    const shownAt = await page.evaluate(() => performance.now());
    // Work the page does right after showing it (layout, tokenizing) counts too.
    await page.waitForTimeout(2000);
    const tasks = await ui.longTasks();
    const { units, targetUnits, floor } = inUnits(tasks.max, unit.unitMs, 100);
    return {
      entries: [
        {
          name: `renderer longest task with a ${bytes / 1e6} MB response, in renderer units`,
          value: units,
          unit: 'units',
          target: `<= ${targetUnits}`,
          pass: tasks.supported ? units <= targetUnits : null,
          better: 'lower',
          floor,
        },
      ],
      baselines: { 'renderer unit (ms)': unit.unitMs },
      measured: {
        'longest task (ms)': tasks.max,
        'Send to shown (s)': round((shownAt - t0) / 1000, 2),
        'long tasks': tasks.count,
      },
      details: { calibration: unit },
      notes: [
        `unary loupe.bench.v1.Big/Get from a dedicated grpc-js server (scripts/bench/servers/big-server.mjs), ${bytes} bytes of ~190-byte rows; long tasks from Send until 2 s after the whole response is shown`,
        `renderer unit: ${unit.what}, measured in the page before Send; target 100 ms on README's machine = ${targetUnits} units`,
      ],
    };
  } finally {
    await ui.close();
    await mode.close();
    await server.stop();
  }
}
