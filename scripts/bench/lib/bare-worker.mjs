// The bare grpc-js client in a worker thread of its own, for figures whose process also drives
// Chromium: Playwright's async context tracking slows every promise on the thread that launched
// the browser (see browser-mode-child.mjs), and the baseline must not pay what Loupe does not.
import { parentPort, workerData } from 'node:worker_threads';
import { bareDemoClient } from './common.mjs';

const bare = bareDemoClient(workerData.address);
parentPort.on('message', async ({ id, count, payloadBytes }) => {
  try {
    parentPort.postMessage({ id, result: await bare.ticker(count, payloadBytes) });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error?.stack ?? error) });
  }
});
