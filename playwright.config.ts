import { defineConfig } from '@playwright/test';
import { locateBrowser, machineProbes } from './scripts/test-browser.mjs';

/**
 * CHROMIUM_PATH (`npm test` sets it to the browser it found or installed), else the first one installed, as
 * scripts/test-browser.mjs looks for them. With none, Playwright's own, whose error says how to install it.
 */
const chromium = process.env.CHROMIUM_PATH ?? locateBrowser(machineProbes())?.path;

/**
 * End-to-end tests drive the browser host (`dist-main/web.cjs`, built by `npm run build`) in its
 * sandbox mode with Chromium.
 */
export default defineConfig({
  testDir: 'test/e2e',
  // `.e2e.ts`, so vitest's default `*.test.ts`/`*.spec.ts` globs never pick these up.
  testMatch: '**/*.e2e.ts',
  workers: 1,
  retries: 0,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  // `list` for people; the JSON file lets scripts/run-tests.mjs print one combined summary.
  reporter: [['list'], ['json', { outputFile: '.cache/test-results/playwright.json' }]],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    headless: true,
    viewport: { width: 1280, height: 800 },
    actionTimeout: 10_000,
    navigationTimeout: 15_000,
    trace: 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      ...(chromium ? { executablePath: chromium } : {}),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
