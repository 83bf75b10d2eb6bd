import { defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

/** The system Chromium (Debian's `chromium` package) unless CHROMIUM_PATH names another; else Playwright's own. */
const chromium = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

/**
 * End-to-end tests drive the browser host (`dist-main/web.cjs`, built by `npm run build`) in its
 * sandbox mode with the system Chromium.
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
