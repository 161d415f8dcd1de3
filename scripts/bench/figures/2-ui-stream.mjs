// Figure 2: the stream all the way to the screen (browser mode, the real renderer in Chromium).
import { bareTickerInWorker, median, round } from '../lib/common.mjs';
import { openChromium, startBrowserMode, waitForReceivedCount } from '../lib/browser.mjs';
import { calibrateRenderer, inUnits } from '../lib/calibrate.mjs';

export const title = 'Stream to the screen';

export async function run({ demo, quick }) {
  const count = quick ? 20_000 : 200_000;
  const rounds = quick ? 1 : 3;
  const payloadBytes = 1000;
  // The baseline in a worker: this thread drives Chromium (see lib/bare-worker.mjs).
  const bare = bareTickerInWorker(demo.address);
  const mode = await startBrowserMode({ demoAddress: demo.address });
  const ui = await openChromium(mode.url);
  try {
    const { loupe, page } = ui;
    await loupe.method('Ticker').waitFor({ timeout: 30_000 });
    await loupe.openMethod('Ticker');
    await loupe.setRequestBody(JSON.stringify({ count, intervalMs: 0, payloadBytes }));
    await bare.ticker(2000, payloadBytes);
    const unit = await calibrateRenderer(page);
    const bareRates = [];
    const uiRates = [];
    const tasks = [];
    for (let i = 0; i < rounds; i++) {
      const b = await bare.ticker(count, payloadBytes);
      bareRates.push((count / b.ms) * 1000);
      await ui.resetLongTasks();
      const t0 = await page.evaluate(() => performance.now());
      await loupe.sendButton.click();
      let shownAt;
      try {
        shownAt = await waitForReceivedCount(page, count, { timeoutMs: Math.max(120_000, count) });
      } catch (error) {
        if (error.uiNotReady) error.partial = { baselines: { 'bare grpc-js (msg/s)': Math.round(median(bareRates)) } };
        throw error;
      }
      uiRates.push((count / (shownAt - t0)) * 1000);
      tasks.push(await ui.longTasks());
    }
    const bareMedian = median(bareRates);
    const uiMedian = median(uiRates);
    const ratio = uiMedian / bareMedian;
    const maxTask = Math.max(...tasks.map((t) => t.max));
    const { units, targetUnits, floor } = inUnits(maxTask, unit.unitMs, 50);
    return {
      entries: [
        {
          name: 'to-the-screen throughput vs bare grpc-js',
          value: round(ratio, 3),
          unit: 'x',
          target: '>= 0.8',
          pass: ratio >= 0.8,
          better: 'higher',
        },
        {
          name: 'renderer longest task, in renderer units',
          value: units,
          unit: 'units',
          target: `<= ${targetUnits}`,
          pass: tasks[0].supported ? units <= targetUnits : null,
          better: 'lower',
          floor,
        },
      ],
      baselines: { 'bare grpc-js (msg/s)': Math.round(bareMedian), 'renderer unit (ms)': unit.unitMs },
      measured: {
        'UI (msg/s)': Math.round(uiMedian),
        'longest task (ms)': maxTask,
        'long tasks per run': tasks.map((t) => t.count).join('/'),
      },
      details: {
        count,
        rounds,
        bareRates: bareRates.map(Math.round),
        uiRates: uiRates.map(Math.round),
        tasks,
        calibration: unit,
      },
      notes: [
        `${count} x ~1 KiB ticks from Send until [data-testid="stream-count-received"] shows ${count}; medians of ${rounds} alternating rounds; browser mode and the demo server each in a process of their own, the bare client in a worker thread`,
        `renderer unit: ${unit.what}, measured in the page before the rounds; target 50 ms on README's machine = ${targetUnits} units`,
      ],
    };
  } finally {
    await bare.close();
    await ui.close();
    await mode.close();
  }
}
