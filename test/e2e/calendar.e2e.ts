import type { Page } from '@playwright/test';
import { connectedAccount, expect, firstDragKey, test, type Json, type WebHost } from './fixtures';

// The browser's zone is the user's; a fixed one keeps days and wall times independent of the machine.
test.use({ timezoneId: 'America/New_York' });

/** Next week's day (0 = Monday) in the browser's zone: its key and the ISO instant of `hour:minute` on it. */
function nextWeekDay(page: Page, weekday: number, hour: number, minute = 0) {
  return page.evaluate(
    ([weekday, hour, minute]) => {
      const now = new Date();
      const day = new Date(now.getFullYear(), now.getMonth(), now.getDate() - ((now.getDay() + 6) % 7) + 7 + weekday, hour, minute);
      const pad = (n: number) => String(n).padStart(2, '0');
      return { key: `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`, iso: day.toISOString() };
    },
    [weekday, hour, minute] as const,
  );
}

async function schedule(host: WebHost, accountId: string, caption: string, scheduledAt: string): Promise<Json> {
  const created = await host.api('posts.create', { accountId, kind: 'image', caption, media: [{ url: 'https://cdn.example.com/loaf.jpg' }], scheduledAt });
  expect(created.body.ok, created.text).toBe(true);
  return created.body.value;
}

const slotOf = async (host: WebHost, postId: string) => (await host.api('posts.get', { postId })).body.value.scheduledAt as string;

/** Drags with the mouse in small steps, as dnd-kit's pointer sensor needs to see the move. Both ends must be in view. */
async function drag(page: Page, from: ReturnType<Page['locator']>, to: ReturnType<Page['locator']>) {
  await expect(from).toBeInViewport();
  await expect(to).toBeInViewport();
  const start = (await from.boundingBox())!;
  const end = (await to.boundingBox())!;
  await page.mouse.move(start.x + 20, start.y + start.height / 2);
  await page.mouse.down();
  await page.mouse.move(start.x + 30, start.y + start.height / 2, { steps: 3 });
  await page.mouse.move(end.x + end.width / 2, end.y + end.height / 2, { steps: 12 });
  await page.mouse.up();
}

test('week view: a post dragged to another day and hour is rescheduled there, and Undo puts it back', async ({ page, host }) => {
  const account = await connectedAccount(page, host, 'maya.makes');
  const wednesday = await nextWeekDay(page, 2, 10, 30);
  const thursday = await nextWeekDay(page, 3, 9, 30);
  const monday = await nextWeekDay(page, 0, 0);
  const post = await schedule(host, account.id, 'Wednesday loaf with a caption long enough that it could never fit on its card #sourdough', wednesday.iso);

  await page.goto(`${host.origin}/#/calendar?week=${monday.key}`);
  const card = page.locator(`[data-post-id="${post.id}"]`);
  await expect(page.locator(`[data-slot="slot:${wednesday.key}:10"]`).locator(`[data-post-id="${post.id}"]`)).toBeVisible();
  await expect(card).toContainText('10:30');
  await expect(card).toContainText('Scheduled');
  await expect(card.locator('.media-thumb')).toBeVisible();
  // The long caption is cut to the card's width, not wrapped past it.
  const overflow = await card.evaluate((element) => element.scrollWidth - element.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);

  await drag(page, card, page.locator(`[data-slot="slot:${thursday.key}:9"]`));
  await expect.poll(() => slotOf(host, post.id)).toBe(thursday.iso);
  await expect(page.locator(`[data-slot="slot:${thursday.key}:9"]`).locator(`[data-post-id="${post.id}"]`)).toBeVisible();

  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => slotOf(host, post.id)).toBe(wednesday.iso);
  await expect(page.locator(`[data-slot="slot:${wednesday.key}:10"]`).locator(`[data-post-id="${post.id}"]`)).toBeVisible();
});

test('week view: the keyboard moves a post with its handle (a day right, an hour down), and a past slot is refused', async ({ page, host }) => {
  const account = await connectedAccount(page, host, 'maya.makes');
  const tuesday = await nextWeekDay(page, 1, 9, 15);
  const wednesdayTen = await nextWeekDay(page, 2, 10, 15);
  const monday = await nextWeekDay(page, 0, 0);
  const post = await schedule(host, account.id, 'Tuesday focaccia', tuesday.iso);

  await page.goto(`${host.origin}/#/calendar?week=${monday.key}`);
  const handle = page.getByRole('button', { name: /^Move “Tuesday focaccia”/ });
  // dnd-kit says each step in its live region; waiting for it keeps the keys in step with the drag.
  const said = page.locator('[id^="DndLiveRegion"]');
  await handle.focus();
  await page.keyboard.press('Space');
  await expect(said).toContainText(/over on Tuesday.* at 09:00/);
  await firstDragKey(page, 'ArrowRight', said, /over on Wednesday.* at 09:00/);
  await page.keyboard.press('ArrowDown');
  await expect(said).toContainText(/over on Wednesday.* at 10:00/);
  await page.keyboard.press('Space');
  await expect.poll(() => slotOf(host, post.id)).toBe(wednesdayTen.iso);
  await expect(page.getByRole('button', { name: 'Undo' })).toBeVisible();

  // Moved into the past (through the same path the drag uses): refused by the main process, said plainly.
  const moved = await host.api('posts.update', { postId: post.id, scheduledAt: new Date(Date.now() - 3_600_000).toISOString() });
  expect(moved.body.error.detail).toBe('That time has already passed.');
});

test('month view keeps the view and month in the address and shows the post on its day', async ({ page, host }) => {
  const account = await connectedAccount(page, host, 'maya.makes');
  const friday = await nextWeekDay(page, 4, 18, 0);
  await schedule(host, account.id, 'Friday pizza night', friday.iso);

  await page.goto(`${host.origin}/#/calendar?week=${friday.key}`);
  await page.getByRole('button', { name: 'Month', exact: true }).click();
  await expect(page).toHaveURL(/#\/calendar\?(view=month|month=\d{4}-\d{2})$/);
  await expect(page.getByRole('button', { name: 'Month', exact: true })).toHaveAttribute('aria-pressed', 'true');
  const cell = page.locator(`.cal-month-cell[data-day="${friday.key}"]`);
  await expect(cell.getByRole('link', { name: /Friday pizza night/ })).toContainText('18:00');

  await page.getByRole('link', { name: 'List' }).click();
  await page.goBack();
  await expect(page.getByRole('button', { name: 'Month', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'Next month' }).click();
  await expect(page).toHaveURL(/#\/calendar\?month=\d{4}-\d{2}$/);
});

test('clicking an empty slot opens the composer at that day and hour', async ({ page, host }) => {
  await connectedAccount(page, host, 'maya.makes');
  const thursday = await nextWeekDay(page, 3, 15, 0);
  const monday = await nextWeekDay(page, 0, 0);
  await page.goto(`${host.origin}/#/calendar?week=${monday.key}`);
  const slot = page.locator(`[data-slot="slot:${thursday.key}:15"]`);
  await slot.scrollIntoViewIfNeeded();
  await slot.getByRole('button', { name: /^New post on Thursday/ }).click();
  await expect(page).toHaveURL(new RegExp(`#/posts/new\\?at=${thursday.key}T15:00$`));
  await expect(page.getByLabel('Date and time')).toHaveValue(`${thursday.key}T15:00`);
});
