import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// One bundle serves both faces: Electron loads it from app://, browser mode from the local server.
export default defineConfig({
  root: __dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 6000,
    sourcemap: false,
    rollupOptions: {
      // Third-party pure-annotations Rollup cannot place are harmless; keep the build output clean.
      onwarn(warning, warn) {
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
        warn(warning);
      },
    },
  },
  worker: { format: 'es' },
});
