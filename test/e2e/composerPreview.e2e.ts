import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Locator, Page } from '@playwright/test';
import { expect, firstDragKey, openComposer, test } from './fixtures';

const REEL = join(import.meta.dirname, '../fixtures/media/reel-4s-9x16.mp4');

let dir: string;
test.beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'postdeck-composer-'));
});
test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function photo(name: string, width: number, height: number, background: string): Promise<string> {
  const file = join(dir, name);
  writeFileSync(file, await sharp({ create: { width, height, channels: 3, background } }).png().toBuffer());
  return file;
}

async function choose(page: Page, button: string, files: string[]) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: button }).click();
  await (await chooser).setFiles(files);
}

/** Width over height of the preview's media frame, as laid out. */
async function previewAspect(page: Page): Promise<number> {
  const box = (await page.getByRole('complementary', { name: 'Preview' }).locator('.preview-frame').boundingBox())!;
  return box.width / box.height;
}

/** A carousel of a 2.5:1, a square and a 4:5 photo, each described by its colour. */
async function carouselOfThree(page: Page) {
  await page.getByRole('radio', { name: 'Carousel' }).check();
  await choose(page, 'Choose files…', [await photo('green.png', 2500, 1000, '#4a8'), await photo('orange.png', 1080, 1080, '#c63'), await photo('blue.png', 1080, 1350, '#36c')]);
  await expect(page.getByText('Photo · 1080×1350')).toBeVisible();
  for (const [index, colour] of ['green', 'orange', 'blue'].entries()) await page.getByLabel(`Alt text for slide ${index + 1}`).fill(colour);
}

test('a too-wide photo: the warning goes once crop is chosen; padded, the preview takes 1.91:1', async ({ page, host }) => {
  await openComposer(page, host);
  await choose(page, 'Choose a file…', [await photo('panorama.png', 2500, 1000, '#4a8')]);
  const warning = page.getByText(/too wide for Instagram/);
  await expect(warning).toBeVisible();
  await page.getByLabel('Crop the edges').check();
  await expect(warning).toHaveCount(0);
  await page.getByLabel('Pad with white borders').check();
  const preview = page.getByRole('complementary', { name: 'Preview' });
  await expect(preview.locator('.preview-picture-pad')).toBeVisible();
  expect(await previewAspect(page)).toBeCloseTo(1.91, 1);

  // Editing it later, the library knows the file's size, so the preview keeps the shape.
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByText('Draft saved.')).toBeVisible();
  const [post] = (await host.api('posts.list', {})).body.value as Array<{ id: string }>;
  await page.goto(`${host.origin}/#/posts/${post!.id}/edit`);
  await expect(page.getByRole('heading', { name: 'Edit post' })).toBeVisible();
  await expect.poll(() => previewAspect(page)).toBeCloseTo(1.91, 1);
});

test('a Reel previews in 9:16', async ({ page, host }) => {
  await openComposer(page, host);
  await page.getByRole('radio', { name: 'Reel' }).check();
  await choose(page, 'Choose a file…', [REEL]);
  await expect(page.getByText(/reel-4s-9x16\.mp4 · .* · Video · /)).toBeVisible();
  expect(await previewAspect(page)).toBeCloseTo(9 / 16, 2);
});

/** Waits until a <video> knows its duration, then seeks it and resolves with where it landed. */
async function loadAndSeek(video: Locator, toSeconds: number): Promise<{ readyState: number; duration: number; landedAt: number }> {
  await expect.poll(() => video.evaluate((element: HTMLVideoElement) => element.readyState)).toBeGreaterThanOrEqual(1);
  return video.evaluate(
    (element: HTMLVideoElement, to) =>
      new Promise((resolve) => {
        element.addEventListener('seeked', () => resolve({ readyState: element.readyState, duration: element.duration, landedAt: element.currentTime }), { once: true });
        element.currentTime = to;
      }),
    toSeconds,
  );
}

test('a Reel plays in the preview and on its page, muted, with its cover as the poster, and seeks', async ({ page, host }) => {
  const videoAnswers: number[] = [];
  page.on('response', (response) => {
    if (/\/api\/media\/[\w-]+\/video/.test(response.url())) videoAnswers.push(response.status());
  });
  await openComposer(page, host);
  await page.getByRole('radio', { name: 'Reel' }).check();
  await choose(page, 'Choose a file…', [REEL]);
  await expect(page.getByText(/reel-4s-9x16\.mp4 · .* · Video · /)).toBeVisible();
  const video = page.getByRole('complementary', { name: 'Preview' }).locator('video');
  await expect(video).toHaveJSProperty('muted', true);
  await expect(video).toHaveJSProperty('controls', true);
  await expect(video).toHaveAttribute('poster', /\/api\/media\/[\w-]+\/large/);
  const played = await loadAndSeek(video, 2.5);
  expect(played.duration).toBeGreaterThan(3);
  expect(played.landedAt).toBeCloseTo(2.5, 1);
  // The browser asks for the video by byte range, as it does to seek in a long one.
  expect(videoAnswers).toContain(206);

  await page.getByRole('radio', { name: 'A frame of the video' }).check();
  await page.getByRole('group', { name: 'Frames of the video' }).getByRole('button', { name: '0:02.3' }).click();
  await expect(video).toHaveAttribute('poster', /\/frame\?at=2300/);
  await page.getByLabel('Caption', { exact: true }).fill('Harbour at dusk, in motion');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByRole('tab', { name: /Drafts/ }).click();
  await page.getByRole('listitem').filter({ hasText: 'Harbour at dusk' }).getByRole('link').first().click();
  const onPage = page.locator('.media-list video');
  await expect(onPage).toHaveAttribute('poster', /\/frame\?at=2300/);
  expect((await loadAndSeek(onPage, 1)).landedAt).toBeCloseTo(1, 1);
});

test('a Story’s video plays in 9:16 in the preview and on its page, as a Reel does', async ({ page, host }) => {
  // A Business account, which Instagram lets publish Stories.
  await openComposer(page, host, 'northside.bakery');
  await page.getByRole('radio', { name: 'Story' }).check();
  await choose(page, 'Choose a file…', [REEL]);
  await expect(page.getByText(/reel-4s-9x16\.mp4 · .* · Video · /)).toBeVisible();
  const video = page.getByRole('complementary', { name: 'Preview' }).getByLabel('The Story’s video');
  await expect(video).toHaveJSProperty('muted', true);
  expect(await previewAspect(page)).toBeCloseTo(9 / 16, 2);
  expect((await loadAndSeek(video, 2.5)).landedAt).toBeCloseTo(2.5, 1);
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByRole('heading', { name: 'Posts', exact: true })).toBeVisible();

  const [post] = (await host.api('posts.list', {})).body.value as Array<{ id: string; kind: string }>;
  expect(post!.kind).toBe('story');
  await page.goto(`${host.origin}/#/posts/${post!.id}`);
  const onPage = page.locator('.media-list').getByLabel('The Story’s video');
  const box = (await onPage.boundingBox())!;
  expect(box.width / box.height).toBeCloseTo(9 / 16, 1);
  expect((await loadAndSeek(onPage, 1)).landedAt).toBeCloseTo(1, 1);
});

test('the preview: carousel slides by arrows, dots and keys; the caption ends in … more; the first comment shows under it', async ({ page, host }) => {
  await openComposer(page, host);
  await carouselOfThree(page);
  const preview = page.getByRole('complementary', { name: 'Preview' });
  const caption = 'Golden hour at the bakery: three loaves, one oven, and a morning that started at 4 am. '.repeat(3);
  await page.getByLabel('Caption', { exact: true }).fill(caption);
  await page.getByLabel('First comment (optional)').fill('#sourdough #bread');

  await preview.getByRole('button', { name: 'Next slide' }).click();
  await expect(preview.getByRole('button', { name: 'Slide 2' })).toHaveAttribute('aria-current', 'true');
  await preview.getByRole('button', { name: 'Slide 3' }).click();
  await expect(preview.getByRole('button', { name: 'Next slide' })).toHaveCount(0);
  await preview.getByLabel(/^Slide 3 of 3/).press('ArrowLeft');
  await expect(preview.getByRole('button', { name: 'Slide 2' })).toHaveAttribute('aria-current', 'true');
  // Every slide takes slide 1's shape: 2.5:1 brought to 1.91:1.
  expect(await previewAspect(page)).toBeCloseTo(1.91, 1);

  await expect(preview.getByText(caption.trim())).toHaveCount(0);
  await preview.getByRole('button', { name: 'more' }).click();
  await expect(preview.getByText(caption.trim())).toBeVisible();
  await expect(preview.getByText('#sourdough #bread')).toBeVisible();
});

for (const width of [1280, 900]) {
  test(`the composer never scrolls sideways at ${width} px, and its preview stays by the form`, async ({ page, host }) => {
    await page.setViewportSize({ width, height: width === 1280 ? 800 : 700 });
    await openComposer(page, host);
    await carouselOfThree(page);
    await page.getByLabel('Caption', { exact: true }).fill('A long caption without spaces: ' + 'x'.repeat(400));
    const overflow = await page.evaluate(() => document.scrollingElement!.scrollWidth - document.scrollingElement!.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const preview = page.getByRole('complementary', { name: 'Preview' });
    if (width === 1280) {
      // Sticky: still in view with the form scrolled to its buttons.
      await page.getByRole('button', { name: 'Schedule' }).scrollIntoViewIfNeeded();
      await expect(preview).toBeInViewport();
    } else {
      const previewBox = (await preview.boundingBox())!;
      const scheduleBox = (await page.getByRole('button', { name: 'Schedule' }).boundingBox())!;
      expect(previewBox.y + previewBox.height).toBeLessThanOrEqual(scheduleBox.y);
    }
  });
}

test('slides reorder by keyboard (and by their buttons), and the saved post keeps the order and each slide’s alt text', async ({ page, host }) => {
  await openComposer(page, host);
  await carouselOfThree(page);
  // Pick up slide 3 with Space, move it up twice, drop it: blue, green, orange.
  await page.getByRole('button', { name: 'Drag slide 3 to reorder' }).focus();
  // Each step waits for what a screen reader hears, as the sensor measures between keys.
  const announced = (text: string) => expect(page.getByRole('status').filter({ hasText: text })).toHaveCount(1);
  await page.keyboard.press('Space');
  await announced('Slide 3 is over position 3.');
  await firstDragKey(page, 'ArrowUp', page.locator('[id^="DndLiveRegion"]'), 'Slide 3 is over position 2.');
  await page.keyboard.press('ArrowUp');
  await announced('Slide 3 is over position 1.');
  await page.keyboard.press('Space');
  await expect(page.getByLabel('Alt text for slide 1')).toHaveValue('blue');
  // Then orange before green with the buttons: blue, orange, green.
  await page.getByRole('button', { name: 'Move slide 3 earlier' }).click();
  await expect(page.getByLabel('Alt text for slide 2')).toHaveValue('orange');

  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByText('Draft saved.')).toBeVisible();
  const [post] = (await host.api('posts.list', {})).body.value as Array<{ media: Array<{ altText?: string }> }>;
  expect(post!.media.map((item) => item.altText)).toEqual(['blue', 'orange', 'green']);
});

test('31 hashtags in the first comment are the first comment’s error, shown at that field', async ({ page, host }) => {
  await openComposer(page, host);
  await page.getByLabel('Media URL 1').fill('https://cdn.example.com/loaf.jpg');
  await page.getByLabel('Caption', { exact: true }).fill('Fresh loaves');
  const comment = page.getByLabel('First comment (optional)');
  await comment.fill(Array.from({ length: 31 }, (_, i) => `#tag${i}`).join(' '));
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(comment).toHaveAttribute('aria-invalid', 'true');
  await expect(comment).toHaveAccessibleDescription(/The first comment has 31 hashtags; Instagram allows 30/);
  await expect(comment).toBeFocused();
  await expect(page.getByLabel('Caption', { exact: true })).not.toHaveAttribute('aria-invalid', 'true');
  expect((await host.api('posts.list', {})).body.value).toEqual([]);
});

test('a refusal from Postdeck about one field shows under that field, not in a banner, and the keyboard goes there', async ({ page, host }) => {
  await openComposer(page, host);
  // A video chosen for a photo post: only the service, which knows the file, refuses it.
  await choose(page, 'Choose a file…', [REEL]);
  await expect(page.getByText(/reel-4s-9x16\.mp4 · .* · Video · /)).toBeVisible();
  await page.getByLabel('Caption', { exact: true }).fill('Harbour at dusk');
  await page.getByRole('button', { name: 'Save draft' }).click();
  const slide = page.locator('.slide').first();
  await expect(slide.locator('.field-error')).toHaveText('The file is a video; an image post takes a photo. Make it a Reel instead.');
  await expect(page.getByRole('button', { name: 'Use a link instead' })).toBeFocused();
  await expect(page.locator('.composer-actions')).not.toContainText('Instagram would refuse');
  expect((await host.api('posts.list', {})).body.value).toEqual([]);
  // Made a Reel, the sentence goes (the field changed) and the post saves.
  await page.getByRole('radio', { name: 'Reel' }).check();
  await expect(slide.locator('.field-error')).toHaveCount(0);
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByText('Draft saved.')).toBeVisible();
});
