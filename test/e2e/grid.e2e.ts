import type { Locator, Page } from '@playwright/test';
import { connectedAccount, expect, firstDragKey, test, type WebHost } from './fixtures';

const slotOf = async (host: WebHost, postId: string) => (await host.api('posts.get', { postId })).body.value.scheduledAt as string;

async function drag(page: Page, from: Locator, to: Locator) {
  const start = (await from.boundingBox())!;
  const end = (await to.boundingBox())!;
  await page.mouse.move(start.x + start.width / 2, start.y + start.height / 2);
  await page.mouse.down();
  await page.mouse.move(start.x + start.width / 2 + 10, start.y + start.height / 2, { steps: 3 });
  await page.mouse.move(end.x + end.width / 2, end.y + end.height / 2, { steps: 12 });
  await page.mouse.up();
}

test('grid preview: planned posts on top, newest slot first, above published media; dragging one onto another swaps their times, and so do the keys; Undo swaps back', async ({ page, host }) => {
  const account = await connectedAccount(page, host, 'maya.makes');
  const hour = 3_600_000;
  const soon = new Date(Date.now() + 24 * hour).toISOString();
  const later = new Date(Date.now() + 48 * hour).toISOString();
  const create = async (caption: string, scheduledAt: string) =>
    (await host.api('posts.create', { accountId: account.id, kind: 'image', caption, media: [{ url: 'https://cdn.example.com/a.jpg' }], scheduledAt })).body.value.id as string;
  const first = await create('Goes out first', soon);
  const second = await create('Goes out second', later);

  await page.getByRole('button', { name: 'Posts', exact: true }).click();
  await page.getByRole('link', { name: 'Grid', exact: true }).click();
  await expect(page).toHaveURL(/#\/grid$/);
  const tiles = page.getByRole('list', { name: 'Profile grid, newest first' }).getByRole('listitem');
  // Instagram shows the newest first: the post going out last sits top left, then the other, then what is published.
  await expect(tiles.nth(0).locator('[data-post-id]')).toHaveAttribute('data-post-id', second);
  await expect(tiles.nth(1).locator('[data-post-id]')).toHaveAttribute('data-post-id', first);
  await expect(tiles.nth(2).locator('[role="img"], a')).toHaveAccessibleName(/^Published/);

  await drag(page, page.locator(`[data-post-id="${first}"]`), page.locator(`[data-post-id="${second}"]`));
  await expect.poll(() => slotOf(host, first)).toBe(later);
  await expect.poll(() => slotOf(host, second)).toBe(soon);
  await expect(tiles.nth(0).locator('[data-post-id]')).toHaveAttribute('data-post-id', first);

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => slotOf(host, first)).toBe(soon);
  await expect.poll(() => slotOf(host, second)).toBe(later);
  // The keys move between tiles where they stand: wait until the grid shows the order Undo brought back.
  await expect(tiles.nth(0).locator('[data-post-id]')).toHaveAttribute('data-post-id', second);

  // From the keyboard: pick up the top-left tile, move right onto the other, drop.
  const said = page.locator('[id^="DndLiveRegion"]');
  await page.locator(`[data-post-id="${second}"]`).focus();
  await page.keyboard.press('Space');
  await expect(said).toContainText('“Goes out second” is over its own place.');
  await firstDragKey(page, 'ArrowRight', said, 'over “Goes out first”');
  await page.keyboard.press('Space');
  await expect.poll(() => slotOf(host, second)).toBe(soon);
  await expect.poll(() => slotOf(host, first)).toBe(later);

  // Published tiles are not draggable.
  await expect(tiles.nth(2).locator('[aria-roledescription="draggable"]')).toHaveCount(0);
});
