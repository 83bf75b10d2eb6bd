import { defineConfig } from '@playwright/test';
import base from './playwright.config';

/**
 * `npm run screenshots`: a PNG of every screen, with the sandbox's showcase data, at the desktop and the
 * narrow window size, written to `screenshots/` (SCREENSHOTS_DIR overrides). Not part of `npm test`.
 */
export default defineConfig({
  ...base,
  testDir: 'test/showcase',
  testMatch: '**/*.shots.ts',
  reporter: [['list']],
  timeout: 300_000,
});
