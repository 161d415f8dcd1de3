import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'electron/**/*.test.ts', 'renderer/src/**/*.test.{ts,tsx}'],
    // Bounds that stop a hung test, not measures of speed: a slow or busy machine must still pass.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // The design tokens' contrast test reads tokens.css as text (?raw); other CSS stays out of tests.
    css: { include: [/ui\/tokens\.css/] },
  },
});
