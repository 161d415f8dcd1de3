// Bundles the engine, the RPC and the e2e page module from their TypeScript sources into one
// ignored folder, so the bench runs the code in the working tree without a separate build step.
import { build } from 'esbuild';
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, CACHE_DIR } from './paths.mjs';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const external = [
  'electron',
  '@playwright/test',
  'playwright',
  'playwright-core',
  ...Object.keys(pkg.dependencies ?? {}),
];

const ENGINE_ENTRY = `
export { Engine } from './electron/core/engine';
export { startWebServer } from './electron/server';
export { policyHeaders } from './electron/server/static-files';
export { webSocketPort } from './electron/server/websocket-port';
export { RpcClient } from './shared/protocol/client';
export { PortEvents } from './shared/protocol/port';
export { loupeContract } from './shared/contract';
`;

const UI_ENTRY = `
export { LoupePage } from './e2e/pages/loupe-page';
export { LoadUiPage } from './e2e/pages/load-ui';
export { BigResponse } from './e2e/pages/big-response';
export { CHROMIUM_ARGS, findChromium } from './e2e/support/chromium';
`;

/** Writes engine.cjs and ui.cjs into the cache folder; returns their paths. */
export async function buildBundles() {
  mkdirSync(CACHE_DIR, { recursive: true });
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external,
    logLevel: 'warning',
    sourcemap: 'linked',
    define: { LOUPE_VERSION: JSON.stringify(pkg.version) },
  };
  const engine = join(CACHE_DIR, 'engine.cjs');
  const ui = join(CACHE_DIR, 'ui.cjs');
  const once = () =>
    Promise.all([
      build({
        ...common,
        stdin: { contents: ENGINE_ENTRY, resolveDir: ROOT, loader: 'ts', sourcefile: 'bench-engine-entry.ts' },
        outfile: engine,
      }),
      build({
        ...common,
        stdin: { contents: UI_ENTRY, resolveDir: ROOT, loader: 'ts', sourcefile: 'bench-ui-entry.ts' },
        outfile: ui,
      }),
    ]);
  // The sources may be caught mid-edit in a shared working tree: retry a few times before failing.
  for (let attempt = 1; ; attempt++) {
    try {
      await once();
      return { engine, ui };
    } catch (error) {
      if (attempt >= 5) throw error;
      console.error(`bench: bundling the sources failed (attempt ${attempt}), retrying in 10 s`);
      await new Promise((resolve) => setTimeout(resolve, 10_000));
    }
  }
}
