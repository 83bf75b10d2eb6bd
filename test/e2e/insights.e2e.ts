import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { accountRow, expect, openSignIn, signInAs, test } from './fixtures';

/** A creator's CDN on loopback: the sandbox fetches the photo from here, as Instagram fetches a public URL. */
async function photoServer(): Promise<{ url: string; server: Server }> {
  const photo = await sharp({ create: { width: 1080, height: 1080, channels: 3, background: '#7ad' } }).jpeg().toBuffer();
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': photo.length }).end(photo));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/photo.jpg`, server };
}

test('open a published post and read its insights, as of when they were fetched', async ({ page, host }) => {
  const cdn = await photoServer();
  try {
    await page.goto(host.url);
    await signInAs(await openSignIn(page), 'maya.makes');
    await expect(accountRow(page, 'maya.makes').getByText('Healthy', { exact: true })).toBeVisible();
    const [account] = (await host.api('accounts.list', {})).body.value;
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
