import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, openComposer, test } from './fixtures';
import { makeTestVideo } from '../helpers/testVideos';

test('a 120 fps video with MP3 sound picked in the composer is converted for Instagram, with its progress, and published', async ({ page, host }) => {
  const dir = mkdtempSync(join(tmpdir(), 'postdeck-e2e-video-'));
  try {
    const video = await makeTestVideo(dir, 'pour-120fps', { seconds: 4, size: '640x360', rate: 120, audioCodec: 'libmp3lame' });
    await openComposer(page, host);
    await page.getByRole('radio', { name: 'Reel' }).check();
    // Every line the composer shows about the conversion, however briefly: a short clip converts in a moment.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { conversionLines: string[] }).conversionLines = seen;
      new MutationObserver(() => {
        for (const line of document.querySelectorAll('.conversion-line, .conversion-done')) {
          const text = line.textContent ?? '';
          if (seen.at(-1) !== text) seen.push(text);
        }
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choose a file…' }).click();
    await (await chooser).setFiles(video);
    await expect(page.getByText(/pour-120fps\.mp4 · \d+ KB · Video/).first()).toBeVisible();

    await expect(page.getByText('Converted (120 fps → 30 fps, MP3 → AAC)')).toBeVisible({ timeout: 30_000 });
    const lines = await page.evaluate(() => (window as unknown as { conversionLines: string[] }).conversionLines);
    expect(lines.some((line) => /^Converting for Instagram… \d+ %$/.test(line))).toBe(true);
    expect(lines.at(-1)).toBe('Converted (120 fps → 30 fps, MP3 → AAC)');

    await page.getByLabel('Caption', { exact: true }).fill('Slow pour, at Instagram’s pace');
    await page.getByRole('button', { name: 'Publish now' }).click();
    // The post's page follows it out: Instagram processes the video, then it is published.
    await expect(page.getByRole('heading', { name: 'Post details' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'View on Instagram' })).toBeVisible({ timeout: 60_000 });
    const reels = Object.values((await host.sandbox('media', {}, 'GET')).body as Record<string, Array<{ caption: string; mediaProductType: string }>>)
      .flat()
      .filter((item) => item.caption === 'Slow pour, at Instagram’s pace');
    expect(reels.map((item) => item.mediaProductType)).toEqual(['REELS']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
