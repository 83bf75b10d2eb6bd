import { accountRow, expect, openSignIn, photoServer, signInAs, test } from './fixtures';

test('compose an image post in manual mode, approve it from the queue, and it is published in the sandbox', async ({ page, host }) => {
  const cdn = await photoServer();
  try {
    await page.goto(host.url);
    await signInAs(await openSignIn(page), 'maya.makes');
    await expect(accountRow(page, 'maya.makes').getByText('Healthy', { exact: true })).toBeVisible();

    await page.getByRole('button', { name: 'New post' }).click();
    await expect(page.getByRole('heading', { name: 'New post' })).toBeVisible();
    await page.getByRole('radio', { name: /@maya\.makes/ }).check();
    await page.getByLabel('Media URL 1').fill(cdn.url);
    await page.getByLabel('Caption', { exact: true }).fill('Morning bake, fresh from the oven #sourdough');
    await page.getByLabel('Mode').selectOption('manual');
    // This minute: the slot has come, so the post goes straight to the approval queue.
    const thisMinute = await page.evaluate(() => {
      const now = new Date();
      const pad = (n: number) => String(n).padStart(2, '0');
      return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T${pad(now.getHours())}:${pad(now.getMinutes())}`;
    });
    await page.getByLabel('Date and time').fill(thisMinute);
    await page.getByRole('button', { name: 'Schedule' }).click();
    // Saved once the composer has moved on to the list; a click before that would be undone by that move.
    await expect(page.getByRole('heading', { name: 'Posts', exact: true })).toBeVisible();

    await page.getByRole('button', { name: /^Queue/ }).click();
    await expect(page.getByRole('heading', { name: 'Waiting for approval' })).toBeVisible();
    const row = page.getByRole('listitem').filter({ hasText: '@maya.makes' });
    await expect(row).toContainText('Morning bake');
    // Only what Postdeck published: the sandbox's people also have media posted in the Instagram app (no container).
    const publishedMedia = async () =>
      Object.values((await host.sandbox('media', {}, 'GET')).body as Record<string, Array<{ caption: string; permalink: string; containerId: string }>>)
        .flat()
        .filter((item) => item.containerId !== '');
    expect(await publishedMedia()).toEqual([]);
    await row.getByRole('button', { name: 'Approve' }).click();
    // The picture and caption first; the approval goes out once its few seconds of Undo have passed.
    await page.getByRole('dialog').getByRole('button', { name: 'Approve and publish' }).click();

    await page.getByRole('button', { name: 'Posts', exact: true }).click();
    await page.getByRole('tab', { name: /Published/ }).click();
    const published = page.getByRole('listitem').filter({ hasText: '@maya.makes' });
    await expect(published.getByRole('link', { name: 'View on Instagram' })).toBeVisible({ timeout: 30_000 });

    const all = await publishedMedia();
    expect(all.map((item) => item.caption)).toEqual(['Morning bake, fresh from the oven #sourdough']);
    await expect(published.getByRole('link', { name: 'View on Instagram' })).toHaveAttribute('href', all[0]!.permalink);
  } finally {
    cdn.server.close();
  }
});
