import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { accountRow, expect, openSignIn, signInAs, test } from './fixtures';

test('a photo from this computer: uploaded, described, padded rather than cropped, published', async ({ page, host }) => {
  const dir = mkdtempSync(join(tmpdir(), 'postdeck-e2e-'));
  try {
    const file = join(dir, 'panorama.png');
    writeFileSync(file, await sharp({ create: { width: 2500, height: 1000, channels: 3, background: '#4a8' } }).png().toBuffer());
    await page.goto(host.url);
    await signInAs(await openSignIn(page), 'maya.makes');
    await expect(accountRow(page, 'maya.makes').getByText('Healthy', { exact: true })).toBeVisible();

    await page.getByRole('button', { name: 'New post' }).click();
    await page.getByRole('radio', { name: /@maya\.makes/ }).check();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choose a file…' }).click();
    await (await chooser).setFiles(file);
    await expect(page.getByText('Photo · 2500×1000')).toBeVisible();
    await expect(page.getByText(/too wide for Instagram/)).toBeVisible();
    await page.getByLabel('Pad with white borders').check();
    await expect(page.getByRole('img', { name: 'Preview: padded' })).toBeVisible();
    await page.getByLabel('Caption', { exact: true }).fill('The whole valley, nothing cut off');
    await page.getByRole('button', { name: 'Publish now' }).click();
    await expect(page.getByText('Published', { exact: true }).first()).toBeVisible({ timeout: 30_000 });

    const posts = (await host.api('posts.list', {})).body.value as Array<{ media: unknown[]; status: string }>;
    expect(posts).toEqual([expect.objectContaining({ status: 'published', media: [{ mediaId: expect.any(String), fit: 'pad' }] })]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
