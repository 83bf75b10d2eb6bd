import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures';

/** A port nothing listens on yet: taken from the OS, then given back. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

test('Settings → Media hosting: a tunnel that does not reach Postdeck is named, one that does passes the check', async ({ page, host }) => {
  const port = await freePort();
  const elsewhere = await freePort();
  await page.goto(`${host.url}#/settings`);
  const section = page.getByRole('region', { name: 'Media hosting' });
  await expect(section.getByText('In Sandbox mode the sandbox hosts media itself')).toBeVisible();
  await section.getByLabel('My tunnel').check();
  await section.getByLabel('Local port').fill(String(port));
  await section.getByLabel('Public address of the tunnel').fill('http://media.example.com');
  await section.getByRole('button', { name: 'Save hosting' }).click();
  await expect(section.getByText(/^Public address: Use an https:\/\/ address/)).toBeVisible();

  await section.getByLabel('Public address of the tunnel').fill(`http://127.0.0.1:${elsewhere}`);
  await section.getByRole('button', { name: 'Save hosting' }).click();
  await expect(page.getByText('Media hosting saved.')).toBeVisible();
  await section.getByRole('button', { name: 'Check hosting' }).click();
  await expect(section.getByRole('alert')).toBeVisible();
  await expect(section.getByText('Hosting works')).toHaveCount(0);

  await section.getByLabel('Public address of the tunnel').fill(`http://127.0.0.1:${port}`);
  await section.getByRole('button', { name: 'Save hosting' }).click();
  await section.getByRole('button', { name: 'Check hosting' }).click();
  await expect(section.getByText('Hosting works: a test file went up and came back')).toBeVisible();

  // Saved: opening the app again shows the choice.
  await page.goto('about:blank');
  await page.goto(`${host.url}#/settings`);
  await expect(page.getByRole('region', { name: 'Media hosting' }).getByLabel('Public address of the tunnel')).toHaveValue(`http://127.0.0.1:${port}`);
});
