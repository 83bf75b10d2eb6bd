import type { Page } from '@playwright/test';
import { accountRow, connectedAccount, expect, photoServer, test } from './fixtures';

const header = (page: Page) => page.locator('.app-header-inner');
const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

test('every screen names itself in the title, and a new screen starts at its top', async ({ page, host }) => {
  const account = await connectedAccount(page, host, 'maya.makes');
  await expect(page).toHaveTitle('Accounts — Postdeck');
  await nav(page).getByRole('button', { name: 'Queue' }).click();
  await expect(page).toHaveTitle('Queue — Postdeck');
  await page.goto(`${host.url}#/calendar`);
  await expect(page).toHaveTitle('Calendar — Postdeck');
  await nav(page).getByRole('button', { name: 'Settings' }).click();
  await expect(page).toHaveTitle('Settings — Postdeck');
  await page.getByRole('button', { name: 'New post' }).click();
  await expect(page).toHaveTitle('New post — Postdeck');

  const created = await host.api('posts.create', {
    accountId: account.id,
    kind: 'image',
    caption: 'Morning bake, fresh from the oven with a crust that sings #sourdough',
    media: [{ url: 'https://example.com/bake.jpg' }],
  });
  await page.goto(`${host.url}#/posts/${created.body.value.id}`);
  await expect(page).toHaveTitle('Morning bake, fresh from the oven with… — Postdeck');

  // Settings is longer than a short window: scrolled to its end, then off to another screen.
  await page.setViewportSize({ width: 900, height: 300 });
  await page.goto(`${host.url}#/settings`);
  await expect(page.getByRole('heading', { name: 'Settings', exact: true })).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(200);
  await page.evaluate(() => {
    window.location.hash = '#/queue';
  });
  await expect(page.getByRole('heading', { name: 'Waiting for approval' })).toBeVisible();
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
});

test("a notice stays on the screen it was raised on; news about the whole app follows you", async ({ page, host }) => {
  await connectedAccount(page, host, 'maya.makes');
  // Connecting is app-wide news: it may finish while you are elsewhere.
  const connected = page.getByText('Connected @maya.makes');
  await nav(page).getByRole('button', { name: 'Posts' }).click();
  await expect(connected).toBeVisible();

  await nav(page).getByRole('button', { name: 'Accounts' }).click();
  await accountRow(page, 'maya.makes').getByRole('button', { name: 'Disconnect' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Disconnect' }).click();
  const disconnected = page.getByText('@maya.makes was disconnected');
  await expect(disconnected).toBeVisible();
  await nav(page).getByRole('button', { name: 'Queue' }).click();
  await expect(page.getByRole('heading', { name: 'Waiting for approval' })).toBeVisible();
  await expect(disconnected).toHaveCount(0);
  await nav(page).getByRole('button', { name: 'Accounts' }).click();
  await expect(page.getByRole('heading', { name: 'No Instagram accounts yet' })).toBeVisible();
  await expect(disconnected).toHaveCount(0);
});

test('at 900 px the header keeps one row, and the current link turning bold moves no other link', async ({ page, host }) => {
  await page.setViewportSize({ width: 900, height: 700 });
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Accounts', exact: true })).toBeVisible();
  const parts = [page.locator('.app-name'), ...(await nav(page).getByRole('button').all()), page.getByRole('button', { name: 'New post' })];
  const boxes = await Promise.all(parts.map(async (part) => (await part.boundingBox())!));
  const row = (await header(page).boundingBox())!;
  for (const box of boxes) {
    expect(box.y).toBeGreaterThanOrEqual(row.y);
    expect(box.y + box.height).toBeLessThanOrEqual(row.y + row.height);
  }
  expect(row.height).toBeLessThan(64);
  // Every part fully inside the window, and no link scrolled out of the navigation's view.
  for (const box of boxes) expect(box.x + box.width).toBeLessThanOrEqual(900);
  expect(await nav(page).evaluate((element) => element.scrollWidth - element.clientWidth)).toBe(0);

  const settings = nav(page).getByRole('button', { name: 'Settings' });
  const before = (await settings.boundingBox())!;
  await nav(page).getByRole('button', { name: 'Insights' }).click();
  await expect(nav(page).getByRole('button', { name: 'Insights' })).toHaveAttribute('aria-current', 'page');
  expect((await settings.boundingBox())!.x).toBe(before.x);
});

test('an account shows its followers and its media count, as Instagram reports them', async ({ page, host }) => {
  const person = (await host.sandbox('people', undefined, 'GET')).body.find((p: { username: string }) => p.username === 'maya.makes');
  await connectedAccount(page, host, 'maya.makes');
  const row = accountRow(page, 'maya.makes');
  await expect(row.getByText(`${person.mediaCount.toLocaleString('en-US')} posts on Instagram`)).toBeVisible();
  await expect(row.getByText(/^[\d,]+ followers$/)).toBeVisible();
  // Healthy: Reconnect is there but quiet.
  await expect(row.getByRole('button', { name: 'Reconnect' })).not.toHaveClass(/button-primary/);
});

test("a failed post's page says its error once, with the step in words and Instagram's code in its own column", async ({ page, host }) => {
  const cdn = await photoServer();
  try {
    const account = await connectedAccount(page, host, 'maya.makes');
    await host.sandbox('faults', {
      kind: 'graph_error',
      match: { method: 'POST', pathSuffix: '/media' },
      status: 400,
      code: 100,
      subcode: 2207026,
      message: 'The media type is not supported.',
      count: 1,
    });
    const created = await host.api('posts.create', { accountId: account.id, kind: 'image', caption: 'Morning bake', media: [{ url: cdn.url }] });
    const postId = created.body.value.id;
    await host.api('posts.publishNow', { postId });
    await page.goto(`${host.url}#/posts/${postId}`);
    await expect(page.getByText('Failed', { exact: true }).first()).toBeVisible();
    const error = (await host.api('posts.get', { postId })).body.value.error;
    await expect(page.getByText(error.message)).toHaveCount(1);

    const log = page.getByRole('table', { name: 'Attempt log' });
    const failed = log.getByRole('row').filter({ hasText: 'Failed' });
    await expect(failed.getByRole('cell').nth(1)).toHaveText('Creating the post on Instagram');
    await expect(failed.getByRole('cell').nth(4)).toHaveText('100 / 2207026');
    await expect(log).not.toContainText('uploading');
  } finally {
    cdn.server.close();
  }
});
