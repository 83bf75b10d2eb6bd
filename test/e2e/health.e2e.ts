import { accountRow, expect, expectSignInDone, openSignIn, signInAs, test } from './fixtures';

test('a revoked account shows why, and Reconnect makes it healthy again', async ({ page, host }) => {
  await page.goto(host.url);
  const popup = await openSignIn(page);
  await signInAs(popup, 'maya.makes');
  const row = accountRow(page, 'maya.makes');
  await expect(row.getByText('Healthy', { exact: true })).toBeVisible();

  const [account] = (await host.api('accounts.list', {})).body.value;
  const revoked = await host.sandbox('revoke', { igUserId: account.igUserId, reason: 'password_changed' });
  expect(revoked.status).toBe(200);

  await row.getByRole('button', { name: 'Check now' }).click();
  await expect(row.getByText('Needs reconnecting', { exact: true })).toBeVisible();
  await expect(row.getByText('Access was removed in Instagram or the password changed')).toBeVisible();
  await expect(page.getByText('1 account needs reconnecting: @maya.makes.')).toBeVisible();

  const again = await openSignIn(page, row.getByRole('button', { name: 'Reconnect' }));
  await expect(row.getByText('Waiting for Instagram…')).toBeVisible();
  await signInAs(again, 'maya.makes');
  await expectSignInDone(again);
  await expect(row.getByText('Healthy', { exact: true })).toBeVisible();
  await expect(page.getByText(/accounts? needs? reconnecting/)).toHaveCount(0);
  expect((await host.api('accounts.list', {})).body.value).toHaveLength(1);
});

test('Check all checks every account', async ({ page, host }) => {
  await page.goto(host.url);
  for (const username of ['maya.makes', 'northside.bakery']) {
    const popup = await openSignIn(page);
    await signInAs(popup, username);
    await expect(accountRow(page, username)).toBeVisible();
  }
  const accounts = (await host.api('accounts.list', {})).body.value as Array<{ username: string; igUserId: string }>;
  const bakery = accounts.find((a) => a.username === 'northside.bakery')!;
  await host.sandbox('revoke', { igUserId: bakery.igUserId, reason: 'app_removed' });

  await page.getByRole('button', { name: 'Check all' }).click();
  await expect(accountRow(page, 'northside.bakery').getByText('Needs reconnecting', { exact: true })).toBeVisible();
  await expect(accountRow(page, 'maya.makes').getByText('Healthy', { exact: true })).toBeVisible();
  await expect(accountRow(page, 'northside.bakery').getByRole('button', { name: 'Reconnect' })).toHaveClass(/button-primary/);
});

test('reconnecting as a different Instagram user is refused, with an offer to add it as a new account', async ({ page, host }) => {
  await page.goto(host.url);
  await signInAs(await openSignIn(page), 'maya.makes');
  const row = accountRow(page, 'maya.makes');
  await expect(row.getByText('Healthy', { exact: true })).toBeVisible();

  const wrong = await openSignIn(page, row.getByRole('button', { name: 'Reconnect' }));
  await signInAs(wrong, 'northside.bakery');
  await expect(row.getByRole('alert')).toContainText('different Instagram account');
  expect((await host.api('accounts.list', {})).body.value).toHaveLength(1);

  const added = await openSignIn(page, row.getByRole('button', { name: 'Add as a new account' }));
  await signInAs(added, 'northside.bakery');
  await expect(accountRow(page, 'northside.bakery').getByText('Healthy', { exact: true })).toBeVisible();
  expect((await host.api('accounts.list', {})).body.value).toHaveLength(2);
});
