import { accountRow, connectedAccount, expect, openSignIn, photoServer, signInAs, test } from './fixtures';

test('open a published post and read its insights, as of when they were fetched', async ({ page, host }) => {
  const cdn = await photoServer();
  try {
    const account = await connectedAccount(page, host, 'maya.makes');
    const created = await host.api('posts.create', { accountId: account.id, kind: 'image', caption: 'Insights, please', media: [{ url: cdn.url }] });
    const postId = created.body.value.id as string;
    await host.api('posts.publishNow', { postId });

    await page.goto(`${host.url}#/posts/${postId}`);
    const panel = page.locator('.insights-panel');
    await expect(panel.getByRole('heading', { name: 'Insights' })).toBeVisible({ timeout: 30_000 });
    await expect(panel.getByText('Accounts reached')).toBeVisible();
    await expect(panel.getByText(/^As of /)).toBeVisible();
    await expect(panel.getByText('Not enough viewers', { exact: false })).toHaveCount(0);
  } finally {
    cdn.server.close();
  }
});

test('the insights screen over 90 days: whole days named, unique counts explained in place of a number', async ({ page, host }, testInfo) => {
  await page.goto(host.url);
  await signInAs(await openSignIn(page), 'maya.makes');
  await expect(accountRow(page, 'maya.makes').getByText('Healthy', { exact: true })).toBeVisible();

  await page.goto(`${host.url}#/insights`);
  await page.getByRole('button', { name: '90 days' }).click();
  await expect(page.getByRole('heading', { name: 'Last 90 days' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/complete days \(UTC\)$/)).toBeVisible();
  await expect(page.getByText("Accounts reached can't be added up over 90 days: Instagram counts unique accounts per 30 days.")).toBeVisible();
  await expect(page.getByText("Accounts engaged can't be added up over 90 days: Instagram counts unique accounts per 30 days.")).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('insights-90-days.png'), fullPage: true });
});
