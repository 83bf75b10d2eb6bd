import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { accountRow, expect, openSignIn, signInAs, test, type WebHost } from './fixtures';

/** Signed in as maya.makes, whose media carry seeded conversations (with her own answers), polled once. */
async function withComments(page: Page, host: WebHost): Promise<void> {
  await page.goto(host.url);
  await signInAs(await openSignIn(page), 'maya.makes');
  await expect(accountRow(page, 'maya.makes').getByText('Healthy', { exact: true })).toBeVisible();
  await host.api('comments.refresh', {});
}

const unreadCount = async (host: WebHost): Promise<number> => (await host.api('comments.unreadCount', {})).body.value.unread;
const commentsLink = (page: Page) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /^Comments/ });

test('showing the inbox reads nothing; the Unread filter, Mark read and Mark unread move the count in the navigation', async ({ page, host }) => {
  await withComments(page, host);
  const unread = await unreadCount(host);
  expect(unread).toBeGreaterThan(2);
  await expect(commentsLink(page)).toHaveAccessibleName(`Comments ${unread} unread`);

  await commentsLink(page).click();
  const threads = page.locator('.comment-thread');
  await expect(threads.first()).toBeVisible();
  // Opened and looked at, and a second read of the list later: still every comment unread.
  await page.getByRole('group', { name: 'Show' }).getByRole('button', { name: /^Unread/ }).click();
  await expect(page.getByRole('group', { name: 'Show' }).getByRole('button', { name: /^Unread/ })).toHaveAttribute('aria-pressed', 'true');
  const unreadThreads = (await host.api('comments.list', { unreadOnly: true })).body.value.length;
  await expect(threads).toHaveCount(unreadThreads);
  expect(await unreadCount(host)).toBe(unread);
  await expect(commentsLink(page)).toHaveAccessibleName(`Comments ${unread} unread`);

  // One comment marked read: its New mark goes, the count goes down by one, in the navigation too.
  const first = page.locator('.comment').first();
  await expect(first.getByText('New', { exact: true })).toBeVisible();
  await first.getByRole('button', { name: 'Mark read', exact: true }).click();
  await expect(commentsLink(page)).toHaveAccessibleName(`Comments ${unread - 1} unread`);
  expect(await unreadCount(host)).toBe(unread - 1);

  // Back to All: the same comment, read, offers Mark unread, which brings the count back.
  await page.getByRole('group', { name: 'Show' }).getByRole('button', { name: 'All', exact: true }).click();
  await expect(threads).toHaveCount(Math.min(100, (await host.api('comments.list', {})).body.value.length));
  const readOne = page.locator('.comment').filter({ has: page.getByRole('button', { name: 'Mark unread', exact: true }) }).first();
  await readOne.getByRole('button', { name: 'Mark unread', exact: true }).click();
  await expect(commentsLink(page)).toHaveAccessibleName(`Comments ${unread} unread`);

  // A whole thread at once: every reply from other people with it.
  const firstId = await threads.filter({ has: page.locator('.comment-replies .comment-unread') }).first().locator('.comment').first().getAttribute('id');
  const thread = threads.filter({ has: page.locator(`#${firstId}`) });
  const inThread = await thread.locator('.comment-unread').count();
  expect(inThread).toBeGreaterThan(1);
  await thread.getByRole('button', { name: 'Mark thread read' }).click();
  await expect(commentsLink(page)).toHaveAccessibleName(`Comments ${unread - inThread} unread`);
  await expect(thread.getByText('New', { exact: true })).toHaveCount(0);
});

test('the account’s own replies sit in their thread, never New and never with Hide', async ({ page, host }) => {
  await withComments(page, host);
  await commentsLink(page).click();
  const own = page.locator('.comment-replies .comment').filter({ hasText: '@maya.makes' });
  await expect(own.first()).toBeVisible();
  for (const reply of await own.all()) {
    await expect(reply.getByText('You', { exact: true })).toBeVisible();
    await expect(reply.getByText('New', { exact: true })).toHaveCount(0);
    await expect(reply.getByRole('button', { name: 'Hide' })).toHaveCount(0);
    await expect(reply.getByRole('button', { name: /^Mark (un)?read$/ })).toHaveCount(0);
  }
  // Other people's comments keep Hide.
  await expect(page.locator('.comment').filter({ hasNotText: '@maya.makes' }).first().getByRole('button', { name: 'Hide' })).toBeVisible();
});

test('after "Show older comments" focus moves to the first comment it loaded, then to what replaced the button', async ({ page, host }) => {
  await withComments(page, host);
  const [account] = (await host.api('accounts.list', {})).body.value as Array<{ igUserId: string }>;
  await host.sandbox('media/outside', { igUserId: account!.igUserId, count: 80, withinMs: 21 * 86_400_000 });
  await host.api('comments.refresh', {});

  await commentsLink(page).click();
  const threads = page.locator('.comment-thread');
  await expect(threads).toHaveCount(100);
  const before = new Set(await page.locator('.comment-thread > .comment').evaluateAll((els) => els.map((el) => el.id)));
  const older = page.getByRole('button', { name: 'Show older comments' });
  await older.focus();
  await page.keyboard.press('Enter');
  const focused = page.locator(':focus');
  await expect(focused).toHaveClass(/\bcomment\b/);
  expect(before.has((await focused.getAttribute('id'))!)).toBe(false);

  while ((await older.count()) > 0) {
    await older.focus();
    await page.keyboard.press('Enter');
    await expect(page.locator(':focus')).toHaveClass(/\bcomment\b/);
  }
  // Everything is shown: where the button was, the end of the list says so.
  await expect(page.locator('#comments-end')).toBeVisible();
});

test('the inbox at 1280×800 and 900×700: post pictures load, the reply box grows, no serious accessibility problems, nothing wider than the window', async ({ page, host }, testInfo) => {
  await withComments(page, host);
  await commentsLink(page).click();
  await expect(page.locator('.comment-thread').first()).toBeVisible();
  // Each post's picture loads (the sandbox serves one for media published in the Instagram app).
  const thumb = page.locator('img.inbox-thumb').first();
  await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
  await page.locator('.comment-thread').first().getByRole('button', { name: 'Reply', exact: true }).click();
  // The reply box grows with its text.
  const box = page.getByLabel(/^Reply to @/);
  const oneLine = await box.evaluate((el) => el.clientHeight);
  await box.fill('Thank you! It is the north shore, just after sunrise.\nMore from that morning on Friday.');
  expect(await box.evaluate((el) => el.clientHeight)).toBeGreaterThan(oneLine);
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 900, height: 700 },
  ]) {
    await page.setViewportSize(viewport);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
    await page.screenshot({ path: testInfo.outputPath(`inbox-${viewport.width}x${viewport.height}.png`) });
  }
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
});

test('focus stays in the list: a thread read under Unread hands it to the one now in its place, a closed reply box to Reply', async ({ page, host }) => {
  await withComments(page, host);
  await commentsLink(page).click();
  await page.getByRole('group', { name: 'Show' }).getByRole('button', { name: /^Unread/ }).click();
  await expect(page.getByRole('group', { name: 'Show' }).getByRole('button', { name: /^Unread/ })).toHaveAttribute('aria-pressed', 'true');
  const topComments = page.locator('.comment-thread > .comment');
  await expect(topComments.first()).toBeVisible();
  const single = page.locator('.comment-thread').filter({ hasNot: page.locator('.comment-replies') }).first();
  const id = (await single.locator('.comment').first().getAttribute('id'))!;
  const ids = await topComments.evaluateAll((els) => els.map((el) => el.id));
  const next = ids[ids.indexOf(id) + 1]!;
  await single.getByRole('button', { name: 'Mark read', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page.locator(`#${id}`)).toHaveCount(0);
  await expect(page.locator(':focus')).toHaveAttribute('id', next);

  await page.getByRole('group', { name: 'Show' }).getByRole('button', { name: 'All', exact: true }).click();
  await expect(page.locator('.comment-thread')).toHaveCount(Math.min(100, (await host.api('comments.list', {})).body.value.length));
  const first = page.locator('.comment-thread').first();
  await first.getByRole('button', { name: 'Reply', exact: true }).click();
  await expect(first.getByLabel(/^Reply to @/)).toBeFocused();
  await first.getByRole('button', { name: 'Cancel' }).click();
  await expect(first.getByRole('button', { name: 'Reply', exact: true })).toBeFocused();
});
