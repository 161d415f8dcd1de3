import { defineConfig } from '@playwright/test';

/**
 * The same specs run in two projects: `web` (browser mode in Chromium: the real engine, the real
 * renderer) and `electron` (the desktop window, where an Electron binary exists; otherwise each
 * test is skipped with the reason printed).
 */
export default defineConfig({
  testDir: 'e2e/specs',
  outputDir: 'test-results',
  // Bounds that stop a hung test, not measures of speed: a slow or busy machine must still pass
  // (see README, "Tests on a slow or busy machine"). No assertion may rely on a step being quick.
  timeout: 120_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: { trace: 'retain-on-failure' },
  projects: [{ name: 'web' }, { name: 'electron', testMatch: /smoke\.spec\.ts/ }],
});
