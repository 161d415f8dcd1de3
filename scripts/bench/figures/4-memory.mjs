// Figure 4: memory after a long stream, in the renderer (Chromium's JS heap after a forced GC)
// and in the engine (this process's heap before the call and after it ended).
import { demoTarget, round, sleep } from '../lib/common.mjs';
import { openChromium, startBrowserMode, waitForReceivedCount } from '../lib/browser.mjs';
import { startEngineHost } from '../lib/engine-host.mjs';

export const title = 'Memory after a long stream';

const MB = 1024 * 1024;

/** Heap plus memory outside it (Buffers, ArrayBuffers), after full GCs. */
async function settledEngineMemory() {
  for (let i = 0; i < 3; i++) {
    globalThis.gc();
    await sleep(50);
  }
  const m = process.memoryUsage();
  return { heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers, total: m.heapUsed + m.external };
}

async function engineFigure({ demo, count, payloadBytes }) {
  const host = await startEngineHost();
  try {
    const target = demoTarget(demo.address);
    // Warm-up so channels, schema and code are in place before the baseline.
    const warm = await host.ask({
      type: 'call',
      target,
      method: 'loupe.demo.v1.Demo/Ticker',
      body: JSON.stringify({ count: 1000, payloadBytes }),
      release: true,
    });
    if (warm.received !== 1000) throw new Error('warm-up failed');
    const before = await settledEngineMemory();
    let peak = 0;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peak = Math.max(peak, m.heapUsed + m.external);
    }, 100);
    const result = await host.ask({
      type: 'call',
      target,
      method: 'loupe.demo.v1.Demo/Ticker',
      body: JSON.stringify({ count, payloadBytes }),
    });
    clearInterval(sampler);
    if (result.received !== count) throw new Error(`got ${result.received} of ${count}`);
    // The call ended; its tab still holds it (not released), as in the UI.
    const afterEnd = await settledEngineMemory();
    await host.ask({ type: 'request', method: 'call.release', input: { callId: result.callId } });
    const afterRelease = await settledEngineMemory();
    return { before, afterEnd, afterRelease, peak, seconds: result.ms / 1000 };
  } finally {
    await host.close();
  }
}

async function rendererFigure({ demo, count, payloadBytes }) {
  const mode = await startBrowserMode({ demoAddress: demo.address });
  const ui = await openChromium(mode.url, { extraArgs: ['--enable-precise-memory-info'] });
  try {
    const { loupe, page } = ui;
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.enable');
    await loupe.method('Ticker').waitFor({ timeout: 30_000 });
    await loupe.openMethod('Ticker');
    await loupe.setRequestBody(JSON.stringify({ count, intervalMs: 0, payloadBytes }));
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    const before = await heap();
    await ui.resetLongTasks();
    const t0 = await page.evaluate(() => performance.now());
    await loupe.sendButton.click();
    const shownAt = await waitForReceivedCount(page, count, { timeoutMs: Math.max(180_000, count / 2) });
    const after = await heap();
    return { before, after, seconds: (shownAt - t0) / 1000, tasks: await ui.longTasks() };
  } finally {
    await ui.close();
    await mode.close();
  }
}

export async function run({ demo, quick }) {
  const count = quick ? 100_000 : 1_000_000;
  const payloadBytes = 100;
  const entries = [];
  const measured = {};
  const baselines = {};
  const notes = [`${count} ticks of ~${payloadBytes + 20} bytes (payload_bytes ${payloadBytes})`];

  const engine = await engineFigure({ demo, count, payloadBytes });
  const growth = (engine.afterEnd.total - engine.before.total) / MB;
  entries.push({
    name: 'engine memory growth after the call ended',
    value: round(growth, 1),
    unit: 'MB',
    target: '<= 50',
    pass: growth <= 50,
  });
  baselines['engine before (MB)'] = round(engine.before.total / MB, 1);
  measured['engine after end (MB)'] = round(engine.afterEnd.total / MB, 1);
  measured['engine after call.release (MB)'] = round(engine.afterRelease.total / MB, 1);
  measured['engine peak during call (MB)'] = round(engine.peak / MB, 1);
  notes.push(
    'engine: heapUsed + external (incl. arrayBuffers) of the engine process after forced GCs, before the call and after it ended with its messages still held for the tab (not released); consumer in a worker thread over the WebSocket port',
  );

  let partial;
  try {
    const renderer = await rendererFigure({ demo, count, payloadBytes });
    const usedMb = renderer.after / MB;
    entries.push({
      name: 'renderer JS heap after the stream',
      value: round(usedMb, 1),
      unit: 'MB',
      target: '< 300',
      pass: usedMb < 300,
    });
    baselines['renderer heap before (MB)'] = round(renderer.before / MB, 1);
    measured['renderer stream time (s)'] = round(renderer.seconds, 1);
    measured['renderer longest task (ms)'] = renderer.tasks.max;
    notes.push(
      'renderer: Runtime.getHeapUsage after HeapProfiler.collectGarbage (CDP), once the UI shows the final count',
    );
  } catch (error) {
    if (!error.uiNotReady) throw error;
    partial = error;
  }
  if (partial) {
    partial.partial = { entries, measured, baselines, notes };
    throw partial;
  }
  return { entries, measured, baselines, notes };
}
