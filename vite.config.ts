import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/** What the window loads before its first screen; the other screens are lazy chunks. */
const FIRST_CHUNK_BUDGET_GZIP = 150 * 1024;

/** Fails the build when the entry chunk outgrows its budget, so a heavy import cannot slip in unseen. */
function firstChunkBudget(limit: number): Plugin {
  return {
    name: 'postdeck-first-chunk-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || !chunk.isEntry) continue;
        const size = gzipSync(chunk.code).length;
        if (size > limit) this.error(`${chunk.fileName} is ${(size / 1024).toFixed(1)} kB gzip, over the first chunk's budget of ${limit / 1024} kB: load the new code lazily.`);
      }
    },
  };
}

// The renderer lives in src-renderer and is loaded from file:// in Electron, hence the relative base.
// Vitest also reads this file when no vitest.config.ts exists; in that case (mode 'test') keep the
// repository root as the root so test/unit/** is found.
export default defineConfig(({ mode }) => ({
  plugins: [react(), firstChunkBudget(FIRST_CHUNK_BUDGET_GZIP)],
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
