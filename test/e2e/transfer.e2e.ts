import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { accountRow, expect, openSignIn, signInAs, test } from './fixtures';

test('in the browser host, Export downloads the sealed file and Import takes it as an upload on another Postdeck', async ({ page, host, startHost }) => {
  await page.goto(host.url);
  await signInAs(await openSignIn(page), 'maya.makes');
  await expect(accountRow(page, 'maya.makes').getByText('Healthy', { exact: true })).toBeVisible();
  await page.goto(`${host.url}#/settings`);
  const section = page.getByRole('region', { name: 'Export / import' });
  // A page has no paths: neither the desktop's dialogs nor a path to type.
  await expect(section.getByRole('button', { name: /^Choose/ })).toHaveCount(0);
  await expect(section.getByLabel(/full path/)).toHaveCount(0);

  const exportForm = section.getByRole('form', { name: 'Export' });
  await exportForm.getByLabel('Passphrase', { exact: true }).fill('a long passphrase');
  await exportForm.getByLabel('Passphrase again').fill('a long passphrase');
  const downloading = page.waitForEvent('download');
  await exportForm.getByRole('button', { name: 'Export and download' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^postdeck-\d{4}-\d{2}-\d{2}\.pdx$/);
  const file = join(host.dataDir, 'downloaded.pdx');
  await download.saveAs(file);
  expect(readFileSync(file).subarray(0, 16).toString('utf8')).toBe('POSTDECK-EXPORT\n');
  await expect(exportForm.getByRole('status')).toContainText('Exported 1 account, 0 posts and 0 media files to postdeck-');

  // Another Postdeck, empty, takes the file as an upload.
  const other = await startHost();
  await page.goto(`${other.url}#/settings`);
  const importForm = page.getByRole('region', { name: 'Export / import' }).getByRole('form', { name: 'Import' });
  await importForm.getByLabel('Passphrase').fill('a long passphrase');
  await importForm.getByRole('button', { name: 'Import' }).click();
  await expect(importForm.getByText('Choose the export file.')).toBeVisible();
  await importForm.getByLabel('Export file').setInputFiles(file);
  await importForm.getByLabel('Passphrase').fill('not the passphrase');
  await importForm.getByRole('button', { name: 'Import' }).click();
  await expect(importForm.getByRole('alert').or(importForm.locator('.notice-error'))).toContainText(/passphrase/i);
  await importForm.getByLabel('Passphrase').fill('a long passphrase');
  await importForm.getByRole('button', { name: 'Import' }).click();
  await expect(importForm.getByRole('status')).toHaveText('Imported 1 new account and updated 0 accounts already here; added 0 posts and 0 media files.');
  expect((await other.api('accounts.list', {})).body.value.map((account: { username: string }) => account.username)).toEqual(['maya.makes']);
});
