// Figure 13: a load test watched live in the window (browser mode, the real renderer in Chromium):
// the renderer's longest task while the run's snapshots arrive and its charts redraw.
/* global window -- the function passed to page.evaluate runs in the page */
import { openChromium, startBrowserMode } from '../lib/browser.mjs';
import { require } from '../lib/common.mjs';
import { UI_BUNDLE } from '../lib/paths.mjs';

export const title = 'Live load run in the window';

export async function run({ demo, quick }) {
  const seconds = quick ? 5 : 20;
  const mode = await startBrowserMode({ demoAddress: demo.address });
  const ui = await openChromium(mode.url);
  try {
    const { page, loupe } = ui;
    const { LoadUiPage } = require(UI_BUNDLE);
    const load = new LoadUiPage(page);
    await loupe.method('Echo').waitFor({ timeout: 30_000 });
    await loupe.openMethod('Echo');
    await loupe.setRequestBody('{"message": "call {{$seq}}"}');
    await load.button.click();
    // As fast as 50 workers go, for a fixed time: the most snapshots' worth of change per redraw.
    await load.field('Calls').fill('');
    await load.field('Duration').fill(String(seconds));
    await load.field('Concurrency').fill('50');
    await load.schedule.selectOption('none');
    await ui.resetLongTasks();
    const startedAt = await page.evaluate(() => performance.now());
    await load.startButton.click();
    await load.reportNotes.waitFor({ timeout: (seconds + 120) * 1000 });
    const tasks = await ui.longTasks();
    // When each long task began, from Start, and how long it took: where to look when one shows.
    const when = await page.evaluate(
      (t0) => (window.__benchLongTasks ?? []).map((t) => `${Math.round(t.start - t0)}+${Math.round(t.duration)} ms`),
      startedAt,
    );
    const calls = Number(((await load.callsCount.textContent()) ?? '').replace(/\D/g, ''));
    return {
      entries: [
        {
          name: 'renderer longest task during a live load run',
          value: tasks.max,
          unit: 'ms',
          target: '<= 50',
          pass: tasks.supported ? tasks.max <= 50 : null,
        },
      ],
      measured: { 'calls in the run': calls, 'long tasks (> 50 ms)': tasks.count },
      details: { seconds, tasks, longTasksFromStart: when },
      notes: [
        `Echo at concurrency 50 for ${seconds} s from the Load view's Start until its report shows; long tasks from Start on; browser mode and the demo server each in a process of their own`,
      ],
    };
  } finally {
    await ui.close();
    await mode.close();
  }
}
