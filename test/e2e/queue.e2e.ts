import { connectedAccount, expect, test } from './fixtures';

test('approving from the queue shows the picture and caption first; Undo within its window means it is never sent, and without Undo it publishes', async ({ page, host }) => {
  // The renderer's timers run on Playwright's clock, so the Undo window passes when the test says, not on the wall clock.
  await page.clock.install();
  const account = await connectedAccount(page, host, 'maya.makes');
  const created = await host.api('posts.create', {
    accountId: account.id,
    kind: 'image',
    caption: 'Holiday opening hours: we are open every day but the 25th #bakery',
    media: [{ url: 'https://cdn.example.com/hours.jpg' }],
    scheduledAt: new Date().toISOString(),
    mode: 'manual',
  });
  const postId: string = created.body.value.id;
  const status = async () => (await host.api('posts.get', { postId })).body.value.status as string;
  await expect.poll(status).toBe('pending_manual');

  await page.getByRole('button', { name: /^Queue/ }).click();
  const row = page.getByRole('list', { name: 'Posts waiting for approval' }).getByRole('listitem').filter({ hasText: 'Holiday opening hours' });
  await row.getByRole('button', { name: 'Approve' }).click();
  const dialog = page.getByRole('dialog', { name: 'Publish this post now?' });
  await expect(dialog.locator('.media-thumb-large')).toBeVisible();
  await expect(dialog).toContainText('Holiday opening hours: we are open every day but the 25th #bakery');
  await dialog.getByRole('button', { name: 'Approve and publish' }).click();

  await expect(page.getByText(/Approved: .*Holiday opening hours.* publishes in a few seconds/)).toBeVisible();
  await expect(row).toContainText('Approved; publishing in a few seconds…');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByText(/is back in the queue, not approved/)).toBeVisible();
  await expect(row.getByRole('button', { name: 'Approve' })).toBeEnabled();
  await page.clock.runFor(60_000);
  expect(await status()).toBe('pending_manual');

  await row.getByRole('button', { name: 'Approve' }).click();
  await dialog.getByRole('button', { name: 'Approve and publish' }).click();
  await expect(page.getByRole('button', { name: 'Undo' })).toBeVisible();
  await page.clock.runFor(10_000);
  await expect.poll(status, { timeout: 30_000 }).toMatch(/^(publishing|published)$/);
});
