import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reachableModules } from '../../shared/test-support/import-graph';

/*
 * What `loupe web` loads at start-up: every module browser-mode.ts reaches through static imports
 * runs before it prints its address (the CLI bundle wraps each module so it runs on first import,
 * and a dynamic import() defers it), then the engine's and the demo's, which browser-mode.ts
 * imports once the page server listens, while the browser loads the page. Start-up to services
 * listed waits for all of them, so the parts a window reaches only on demand (load tests, mocks,
 * workspace watching) stay out of it.
 */
const ROOT = join(__dirname, '..', '..');

function sourceOf(path: string): string | undefined {
  if (!/\.tsx?$/.test(path)) return undefined;
  const file = join(ROOT, path);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

const reachable = (entry: string) =>
  [...reachableModules(entry, sourceOf)].map((p) =>
    p.includes('/') && !p.startsWith('@') ? relative(ROOT, join(ROOT, p)) : p,
  );
const beforeAddress = reachable('electron/server/browser-mode.ts');
const startUp = [
  ...new Set([...beforeAddress, ...reachable('electron/core/engine.ts'), ...reachable('electron/core/demo/index.ts')]),
];
const reached = (pattern: RegExp) => startUp.filter((p) => pattern.test(p));

describe("browser mode's start-up", () => {
  it('is read from the engine and the servers it starts', () => {
    expect(startUp).toContain('electron/core/engine.ts');
    expect(startUp).toContain('electron/core/demo/index.ts');
    expect(startUp).toContain('@grpc/grpc-js');
  });

  it('prints the address before it loads the engine, the demo, grpc-js or ws (the first connection loads it)', () => {
    expect(beforeAddress).toContain('electron/server/index.ts');
    expect(
      beforeAddress.filter((p) => /^electron\/core\/(engine|demo\/)|^@grpc\/|^ws$|websocket-server/.test(p)),
    ).toEqual([]);
  });

  it('leaves out the load generator and its histogram library', () => {
    expect(reached(/^electron\/core\/load\/(?!run-store|run-summary)/)).toEqual([]);
    expect(reached(/^hdr-histogram-js/)).toEqual([]);
  });

  it('leaves out the mock server and the workspace watcher', () => {
    expect(reached(/^electron\/core\/mock\//)).toEqual([]);
    expect(reached(/^electron\/core\/workspace\/watcher\.ts$/)).toEqual([]);
    expect(reached(/^chokidar/)).toEqual([]);
  });
});
