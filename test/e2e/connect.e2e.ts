import { errorCatalog } from '../../src-shared/errors';
import { accountRow, accountRows, expect, expectSignInDone, openSignIn, popupClosed, signInAs, test } from './fixtures';

test('connect a Creator, then a Business account', async ({ page, host }) => {
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'No Instagram accounts yet' })).toBeVisible();

  const popup = await openSignIn(page);
  await expect(page.getByText('Waiting for Instagram…')).toBeVisible();
  await signInAs(popup, 'maya.makes');
  await expectSignInDone(popup);

  const maya = accountRow(page, 'maya.makes');
  await expect(maya).toBeVisible();
  await expect(maya.getByText('Healthy', { exact: true })).toBeVisible();
  await expect(maya.getByText('Creator', { exact: true })).toBeVisible();
  await expect(maya.getByText('Publish content', { exact: true })).toBeVisible();
  await expect(maya.getByText(/Token renews automatically · expires/)).toBeVisible();
  await expect(page.getByText('Connected @maya.makes')).toBeVisible();
  await expect(page.getByText('Waiting for Instagram…')).toHaveCount(0);
  // Postdeck closes the sign-in window itself once the result is in.
  await popupClosed(popup);

  const second = await openSignIn(page, page.getByRole('button', { name: 'Connect Instagram' }));
  await signInAs(second, 'northside.bakery');
  await expectSignInDone(second);

  const bakery = accountRow(page, 'northside.bakery');
  await expect(bakery).toBeVisible();
  await expect(bakery.getByText('Business', { exact: true })).toBeVisible();
  await expect(bakery.getByText('Healthy', { exact: true })).toBeVisible();
  await expect(accountRows(page)).toHaveCount(2);
  await page.setViewportSize({ width: 800, height: 600 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, 'no horizontal scrolling with accounts listed').toBeLessThanOrEqual(0);

  const listed = await host.api('accounts.list', {});
  expect(listed.body.value.map((a: { username: string }) => a.username).sort()).toEqual([
    'maya.makes',
    'northside.bakery',
  ]);
});

test('an unticked permission is refused and named', async ({ page, host }) => {
  await page.goto(host.url);
  const popup = await openSignIn(page);
  await signInAs(popup, 'maya.makes', { untick: ['instagram_business_content_publish'] });

  const alert = page.getByRole('alert');
  await expect(alert).toContainText(errorCatalog.scope_rejected.message);
  await expect(alert).toContainText(/Publish content|instagram_business_content_publish/);
  await expect(alert).toContainText(errorCatalog.scope_rejected.action);
  await expect(alert.getByRole('button', { name: 'Try again' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No Instagram accounts yet' })).toBeVisible();
  expect((await host.api('accounts.list', {})).body).toEqual({ ok: true, value: [] });
});

test('a Personal account is refused with the way to switch', async ({ page, host }) => {
  await page.goto(host.url);
  const popup = await openSignIn(page);
  await signInAs(popup, 'sam.personal');

  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Personal account');
  await expect(alert).toContainText('Switch to professional account');
  await expect(accountRows(page)).toHaveCount(0);
  expect((await host.api('accounts.list', {})).body).toEqual({ ok: true, value: [] });
});

test('Cancel in the sign-in window is quiet', async ({ page, host }) => {
  await page.goto(host.url);
  const popup = await openSignIn(page);
  await popup.getByRole('button', { name: 'Cancel', exact: true }).click();

  await expect(page.getByText('Connecting was cancelled')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByText('Waiting for Instagram…')).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'No Instagram accounts yet' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Connect Instagram' })).toBeEnabled();
  expect((await host.api('accounts.list', {})).body).toEqual({ ok: true, value: [] });
});

test('closing the sign-in window cancels the attempt', async ({ page, host }) => {
  await page.goto(host.url);
  const popup = await openSignIn(page);
  await popup.close();

  await expect(page.getByText('Connecting was cancelled')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Connect Instagram' })).toBeEnabled();
});

test('Disconnect asks first, removes the account and says how to revoke at Instagram', async ({ page, host }) => {
  await page.goto(host.url);
  const popup = await openSignIn(page);
  await signInAs(popup, 'maya.makes');
  const row = accountRow(page, 'maya.makes');
  await expect(row).toBeVisible();

  await row.getByRole('button', { name: 'Disconnect' }).click();
  const dialog = page.getByRole('dialog', { name: 'Disconnect @maya.makes?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('instagram.com/accounts/manage_access');
  // Focus starts on Cancel and stays inside the dialog.
  const cancel = dialog.getByRole('button', { name: 'Cancel' });
  const confirm = dialog.getByRole('button', { name: 'Disconnect', exact: true });
  await expect(cancel).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(confirm).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(cancel).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(confirm).toBeFocused();
  // Escape closes it, changes nothing, and focus goes back to the button that opened it.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(row).toBeVisible();
  await expect(row.getByRole('button', { name: 'Disconnect' })).toBeFocused();

  await row.getByRole('button', { name: 'Disconnect' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Disconnect', exact: true }).click();
  await expect(accountRows(page)).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'No Instagram accounts yet' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'instagram.com/accounts/manage_access' })).toBeVisible();
  expect((await host.api('accounts.list', {})).body).toEqual({ ok: true, value: [] });
});

test('two accounts survive a restart of the host, still healthy', async ({ page, startHost }) => {
  const first = await startHost();
  await page.goto(first.url);
  for (const username of ['maya.makes', 'northside.bakery']) {
    await signInAs(await openSignIn(page), username);
    await expect(accountRow(page, username)).toBeVisible();
  }
  await first.stop();

  const second = await startHost({ dataDir: first.dataDir });
  await page.goto(second.url);
  await expect(accountRow(page, 'maya.makes').getByText('Creator', { exact: true })).toBeVisible();
  await expect(accountRow(page, 'northside.bakery').getByText('Business', { exact: true })).toBeVisible();
  // The tokens still work: the built-in sandbox keeps its state in the data folder.
  await page.getByRole('button', { name: 'Check all' }).click();
  for (const username of ['maya.makes', 'northside.bakery']) {
    await expect(accountRow(page, username).getByText('Healthy', { exact: true })).toBeVisible();
  }
  const listed = await second.api('accounts.list', {});
  expect(listed.body.value.map((a: { username: string; health: { state: string } }) => [a.username, a.health.state])).toEqual([
    ['maya.makes', 'healthy'],
    ['northside.bakery', 'healthy'],
  ]);
});
