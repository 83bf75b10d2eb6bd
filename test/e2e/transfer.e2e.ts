import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { accountRow, expect, openSignIn, signInAs, test } from './fixtures';

test('Settings → Export writes the sealed file where the user typed; the browser host offers no Save dialog', async ({ page, host }) => {
  await page.goto(host.url);
  await signInAs(await openSignIn(page), 'maya.makes');
  await expect(accountRow(page, 'maya.makes').getByText('Healthy', { exact: true })).toBeVisible();
  await page.goto(`${host.url}#/settings`);
  const section = page.getByRole('region', { name: 'Export / import' });
  const file = join(host.dataDir, 'moving-day.pdx');
  const exportForm = section.getByRole('form', { name: 'Export' });
  // Only the desktop can open the system's dialogs; here the path is typed.
  await expect(section.getByRole('button', { name: /^Choose/ })).toHaveCount(0);
  await exportForm.getByLabel('Save to (full path)').fill(file);
  await exportForm.getByLabel('Passphrase', { exact: true }).fill('a long passphrase');
  await exportForm.getByLabel('Passphrase again').fill('a long passphrase');
  await exportForm.getByRole('button', { name: 'Export' }).click();
  await expect(exportForm.getByRole('status')).toContainText('Exported 1 account, 0 posts and 0 media files');
  expect(existsSync(file)).toBe(true);
  expect(statSync(file).mode & 0o777).toBe(0o600);
});
