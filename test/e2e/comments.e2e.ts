import { accountRow, expect, openSignIn, signInAs, test } from './fixtures';

test('reply to a comment and hide another from the inbox', async ({ page, host }) => {
  await page.goto(host.url);
  await signInAs(await openSignIn(page), 'maya.makes');
  await expect(accountRow(page, 'maya.makes').getByText('Healthy', { exact: true })).toBeVisible();
  // The sandbox's media published outside Postdeck carry seeded comments from other people.
  await host.api('comments.refresh', {});

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Comments' }).click();
  await expect(page).toHaveURL(/#\/comments$/);
  const threads = page.locator('.comment-thread');
  await expect(threads.first()).toBeVisible();
  expect(await threads.count()).toBeGreaterThan(1);
  await expect(threads.first().getByText('New', { exact: true })).toBeVisible();

  const first = threads.first();
  await first.getByRole('button', { name: 'Reply', exact: true }).click();
  await first.getByLabel(/^Reply to @/).fill('Thanks for stopping by!');
  await first.getByRole('button', { name: 'Send reply' }).click();
  await expect(first.locator('.comment-replies').getByText('Thanks for stopping by!')).toBeVisible();

  const second = threads.nth(1);
  await second.locator('.comment-actions').first().getByRole('button', { name: 'Hide' }).click();
  await expect(second.locator('.comment-actions').first().getByRole('button', { name: 'Unhide' })).toBeVisible();
  await expect(second.getByText('Hidden', { exact: true })).toBeVisible();

  // Instagram (the sandbox) has both: the reply under the first comment, the second one hidden.
  const inbox = (await host.api('comments.list', {})).body.value as Array<{ id: string; hidden: boolean; replies: Array<{ text: string }> }>;
  expect(inbox.some((c) => c.replies.some((r) => r.text === 'Thanks for stopping by!'))).toBe(true);
  const media = (await host.sandbox('media', undefined, 'GET')).body as Record<string, Array<{ comments: Array<{ id: string; text: string; parentId?: string; hidden?: boolean }> }>>;
  const all = Object.values(media).flat().flatMap((m) => m.comments);
  expect(all.some((c) => c.text === 'Thanks for stopping by!' && c.parentId)).toBe(true);
  expect(all.filter((c) => c.hidden)).toHaveLength(1);
});

test('shows the newest 100 threads, and older ones on request', async ({ page, host }) => {
  await page.goto(host.url);
  await signInAs(await openSignIn(page), 'maya.makes');
  await expect(accountRow(page, 'maya.makes').getByText('Healthy', { exact: true })).toBeVisible();
  const [account] = (await host.api('accounts.list', {})).body.value as Array<{ igUserId: string }>;
  // Eighty posts from the last three weeks, their comments all arrived.
  await host.sandbox('media/outside', { igUserId: account!.igUserId, count: 80, withinMs: 21 * 86_400_000 });
  await host.api('comments.refresh', {});
  const total = ((await host.api('comments.list', {})).body.value as unknown[]).length;
  expect(total).toBeGreaterThan(100);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Comments' }).click();
  const threads = page.locator('.comment-thread');
  const older = page.getByRole('button', { name: 'Show older comments' });
  await expect(threads).toHaveCount(100);
  for (let shown = 100; shown < total; ) {
    await older.click();
    shown = Math.min(total, shown + 100);
    await expect(threads).toHaveCount(shown);
  }
  await expect(older).toHaveCount(0);
});
