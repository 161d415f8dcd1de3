// Browser mode (the real Engine and page server) in a process of its own, as `loupe web` runs for
// a user. Figures that drive Chromium start it here rather than beside Playwright: once Playwright
// has launched a browser, its async context tracking makes every promise in its process about five
// times as costly (1M awaits: 67 -> 352 ms here), a cost no user's engine pays.
// Usage: node browser-mode-child.mjs <demo address>; prints "browser mode on <url>", stops on SIGINT.
import { startBrowserModeHere } from './browser.mjs';

const mode = await startBrowserModeHere({ demoAddress: process.argv[2] });
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await mode.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
process.stdout.write(`browser mode on ${mode.url}\n`);
