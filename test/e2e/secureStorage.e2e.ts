import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { accountRow, expect, expectSignInDone, openSignIn, signInAs, test } from './fixtures';

test('a changed keyring: the app still opens, accounts ask to reconnect, and a reset (confirmed twice) lets them', async ({ page, startHost }) => {
  const first = await startHost();
  await page.goto(first.url);
  await signInAs(await openSignIn(page), 'maya.makes');
  await expect(accountRow(page, 'maya.makes').getByText('Healthy', { exact: true })).toBeVisible();
  await first.stop();

  // The browser host's "keyring" is its key file: a different key is a changed keyring.
  await fs.writeFile(path.join(first.dataDir, 'web-host.key'), randomBytes(32).toString('base64'), { mode: 0o600 });
  const second = await startHost({ dataDir: first.dataDir });
  await page.goto(second.url);
  const row = accountRow(page, 'maya.makes');
  await expect(row.getByText('Needs reconnecting', { exact: true })).toBeVisible();
  await expect(row.getByText('The system keyring changed, so the saved access cannot be opened')).toBeVisible();
  await expect(page.getByText('open Settings → Secure storage to reset it')).toBeVisible();

  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByRole('button', { name: 'Reset secure storage…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('dialog')).toContainText('This cannot be undone.');
  await page.getByRole('dialog').getByRole('button', { name: 'Reset secure storage' }).click();
  await expect(page.getByText('Secure storage was reset. Reconnect your accounts.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Reset secure storage…' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Accounts', exact: true }).click();
  const again = await openSignIn(page, row.getByRole('button', { name: 'Reconnect' }));
  await signInAs(again, 'maya.makes');
  await expectSignInDone(again);
  await expect(row.getByText('Healthy', { exact: true })).toBeVisible();
  expect((await second.api('accounts.list', {})).body.value).toHaveLength(1);
});
