import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Locator, Page } from '@playwright/test';
import { accountRow, expect, openComposer, openSignIn, signInAs, test } from './fixtures';

/** The picture has arrived and decoded: a broken or blocked image has no natural width. */
async function expectLoaded(image: Locator) {
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((element: HTMLImageElement) => (element.complete ? element.naturalWidth : 0))).toBeGreaterThan(0);
}

async function thisMinute(page: Page): Promise<string> {
  return page.evaluate(() => {
    const now = new Date();
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T${pad(now.getHours())}:${pad(now.getMinutes())}`;
  });
}

test('a photo from this computer shows as a picture in the list, the queue, the week and on its page', async ({ page, host }) => {
  const dir = mkdtempSync(join(tmpdir(), 'postdeck-e2e-'));
  try {
    const file = join(dir, 'sunset.jpg');
    writeFileSync(file, await sharp({ create: { width: 2400, height: 3000, channels: 3, background: '#e96' } }).jpeg().toBuffer());
    await page.goto(host.url);
    await signInAs(await openSignIn(page), 'maya.makes');
    await expect(accountRow(page, 'maya.makes').getByText('Healthy', { exact: true })).toBeVisible();

    await page.getByRole('button', { name: 'New post' }).click();
    await page.getByRole('radio', { name: /@maya\.makes/ }).check();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choose a file…' }).click();
    await (await chooser).setFiles(file);
    await expect(page.getByText(/Photo · 2400×3000/)).toBeVisible();
    await page.getByLabel('Caption', { exact: true }).fill('Sunset over the harbour');
    await page.getByLabel('Alt text').fill('An orange sky over the harbour');
    await page.getByLabel('Mode').selectOption('manual');
    // This minute: the slot has come, so the post also waits in the approval queue.
    await page.getByLabel('Date and time').fill(await thisMinute(page));
    await page.getByRole('button', { name: 'Schedule' }).click();
    await expect(page.getByRole('heading', { name: 'Posts', exact: true })).toBeVisible();

    await page.getByRole('tab', { name: /Waiting for approval/ }).click();
    const listed = page.getByRole('listitem').filter({ hasText: 'Sunset over the harbour' }).getByRole('img', { name: 'An orange sky over the harbour' });
    await expectLoaded(listed);
    // A thumbnail, not the 2400 px photo.
    expect(await listed.evaluate((element: HTMLImageElement) => Math.max(element.naturalWidth, element.naturalHeight))).toBeLessThanOrEqual(480);

    await page.getByRole('button', { name: /^Queue/ }).click();
    await expect(page.getByRole('heading', { name: 'Waiting for approval' })).toBeVisible();
    await expectLoaded(page.getByRole('listitem').filter({ hasText: 'Sunset over the harbour' }).getByRole('img', { name: 'An orange sky over the harbour' }));

    await page.getByRole('button', { name: 'Posts', exact: true }).click();
    await page.getByRole('link', { name: 'Calendar' }).click();
    const card = page.getByRole('link', { name: /Sunset over the harbour/ });
    await expectLoaded(card.getByRole('img'));

    await card.click();
    await expectLoaded(page.locator('.media-list').getByRole('img', { name: 'An orange sky over the harbour' }));
    // Named by the file's name and size, never by the library's id.
    await expect(page.locator('.media-list')).toContainText(/sunset\.jpg · \d+ KB/);
    const [post] = (await host.api('posts.list', {})).body.value as Array<{ media: Array<{ mediaId: string }> }>;
    await expect(page.locator('main')).not.toContainText(post!.media[0]!.mediaId);

    // Editing it later: the composer shows the picture from the library and names the file.
    await page.locator('main').getByRole('button', { name: 'Edit' }).click();
    await expect(page.getByRole('heading', { name: 'Edit post' })).toBeVisible();
    await expect(page.locator('.media-fields')).toContainText(/sunset\.jpg · \d+ KB · Photo · 2400×3000/);
    await expectLoaded(page.locator('.media-fields img.media-thumb'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a Reel shows its poster frame, and its cover is picked from frames of the video with their times', async ({ page, host }) => {
  await openComposer(page, host);
  await page.getByRole('radio', { name: 'Reel' }).check();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose a file…' }).click();
  await (await chooser).setFiles(join(import.meta.dirname, '../fixtures/media/reel-4s-9x16.mp4'));
  await expect(page.getByText(/reel-4s-9x16\.mp4 · \d+ KB · Video/).first()).toBeVisible();

  await page.getByRole('radio', { name: 'A frame of the video' }).check();
  const strip = page.getByRole('group', { name: 'Frames of the video' });
  await expect(strip.getByRole('button')).toHaveText(['0:00.3', '0:01.0', '0:01.7', '0:02.3', '0:03.0', '0:03.7']);
  for (const frame of await strip.getByRole('img').all()) await expectLoaded(frame);
  await strip.getByRole('button', { name: '0:02.3' }).click();
  await expect(strip.getByRole('button', { name: '0:02.3' })).toHaveAttribute('aria-pressed', 'true');
  await expectLoaded(page.getByRole('img', { name: 'The cover: the frame at 0:02.3' }));
  // The scrubber moves by a tenth of a second; the large frame follows it.
  await page.getByRole('slider').press('ArrowRight');
  await expect(strip.getByRole('button', { name: '0:02.3' })).toHaveAttribute('aria-pressed', 'false');
  await expectLoaded(page.getByRole('img', { name: 'The cover: the frame at 0:02.4' }));
  await page.getByLabel('Caption', { exact: true }).fill('Harbour at dusk, in motion');
  await page.getByRole('button', { name: 'Save draft' }).click();

  await page.getByRole('tab', { name: /Drafts/ }).click();
  const row = page.getByRole('listitem').filter({ hasText: 'Harbour at dusk' });
  await expectLoaded(row.locator('img.media-thumb'));
  const [reel] = (await host.api('posts.list', {})).body.value as Array<{ reelCover: unknown }>;
  expect(reel!.reelCover).toEqual({ offsetMs: 2400 });

  await row.getByRole('link').first().click();
  await expect(page.locator('.media-list').first()).toContainText(/reel-4s-9x16\.mp4 · \d+ KB/);
  await expect(page.locator('main')).toContainText('The frame at 0:02.4');
  for (const image of await page.locator('main img.media-thumb').all()) await expectLoaded(image);
});

test('a pasted address the page may not load itself shows its picture, fetched by Postdeck; one that is no picture says why', async ({ page, host }) => {
  const picture = await sharp({ create: { width: 1200, height: 628, channels: 3, background: '#2b7bd9' } }).png().toBuffer();
  // A server on this computer, named "localhost": outside the page's image policy, so only Postdeck's fetch can show it.
  const server = createServer((request, response) => {
    if (request.url === '/harbour.png') response.writeHead(200, { 'content-type': 'image/png' }).end(picture);
    else response.writeHead(200, { 'content-type': 'text/html' }).end('<html></html>');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const origin = `http://localhost:${(server.address() as { port: number }).port}`;
  try {
    await page.goto(host.url);
    await signInAs(await openSignIn(page), 'maya.makes');
    await expect(accountRow(page, 'maya.makes').getByText('Healthy', { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'New post' }).click();
    await page.getByLabel('Media URL 1').fill(`${origin}/harbour.png`);
    const preview = page.getByRole('complementary', { name: 'Preview' });
    await expectLoaded(preview.locator('img.media-thumb'));
    await expect(preview.locator('img.media-thumb')).toHaveAttribute('src', /\/api\/media\/[0-9a-f]{64}\/link/);
    await expectLoaded(page.locator('.slide img.media-thumb'));
    // Its shape is the picture's: 1200×628 is 1.91:1.
    const frame = (await preview.locator('.preview-frame').boundingBox())!;
    expect(frame.width / frame.height).toBeCloseTo(1.91, 1);

    await page.getByLabel('Media URL 1').fill(`${origin}/about`);
    const sentence = `Couldn't load a preview from ${new URL(origin).host}: it is not a picture (text/html).`;
    await expect(page.getByLabel('Media URL 1')).toHaveAccessibleDescription(sentence);
    await expect(preview.locator('.media-thumb-placeholder')).toHaveText(sentence);
  } finally {
    server.closeAllConnections();
    server.close();
  }
});
