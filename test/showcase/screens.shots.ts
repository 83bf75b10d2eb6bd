import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from '../e2e/fixtures';
import { openScreen, SCREENS, seedShowcase } from '../e2e/showcase';

const WIDTHS = [
  { suffix: '', width: 1280, height: 800 },
  { suffix: '-900', width: 900, height: 700 },
];

test('a screenshot of every screen', async ({ page, host }) => {
  const folder = resolve(process.env.SCREENSHOTS_DIR ?? 'screenshots');
  mkdirSync(folder, { recursive: true });
  const showcase = await seedShowcase(page, host);
  try {
    for (const { suffix, width, height } of WIDTHS) {
      await page.setViewportSize({ width, height });
      for (const screen of SCREENS) {
        await openScreen(page, screen, showcase);
        // Images finish decoding before the picture is taken.
        await page.waitForFunction(() => Array.from(document.images).every((image) => image.complete));
        const file = join(folder, `${screen.name}${suffix}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(file);
      }
    }
  } finally {
    showcase.cleanup();
  }
});
