import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer lives in src-renderer and is loaded from file:// in Electron, hence the relative base.
// Vitest also reads this file when no vitest.config.ts exists; in that case (mode 'test') keep the
// repository root as the root so test/unit/** is found.
export default defineConfig(({ mode }) => ({
  plugins: [react()],
  ...(mode === 'test' ? {} : { root: 'src-renderer' }),
  base: './',
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // No inline data: scripts or styles; everything is a file the CSP allows as 'self'.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: {
    host: '127.0.0.1',
  },
}));
