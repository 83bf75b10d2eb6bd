import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Page } from '@playwright/test';
import { accountRow, expect, openSignIn, signInAs, test, type Json, type WebHost } from './fixtures';

let dir: string;
test.beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'postdeck-extras-'));
});
test.afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function photo(name: string, width: number, height: number): Promise<string> {
  const file = join(dir, name);
  writeFileSync(file, await sharp({ create: { width, height, channels: 3, background: '#c96' } }).jpeg().toBuffer());
  return file;
}

async function newPostAs(page: Page, host: WebHost, username: string) {
  await page.goto(host.url);
  await signInAs(await openSignIn(page), username);
  await expect(accountRow(page, username).getByText('Healthy', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'New post' }).click();
  await page.getByRole('radio', { name: new RegExp(`@${username.replace('.', '\\.')}`) }).check();
}

async function chooseFile(page: Page, file: string) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose a file…' }).click();
  await (await chooser).setFiles(file);
  await expect(page.getByText(/Photo · \d+×\d+/)).toBeVisible();
}

/** What Postdeck published in the sandbox (people's own app posts have no container). */
async function publishedMedia(host: WebHost): Promise<Json[]> {
  const byPerson = (await host.sandbox('media', {}, 'GET')).body as Record<string, Json[]>;
  return Object.values(byPerson)
    .flat()
    .filter((item) => item.containerId !== '');
}

async function thisMinute(page: Page): Promise<string> {
  return page.evaluate(() => {
    const now = new Date();
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T${pad(now.getHours())}:${pad(now.getMinutes())}`;
  });
}

test('a Business account’s Story: no caption field, a person tagged by name, published as a Story in the sandbox', async ({ page, host }) => {
  await newPostAs(page, host, 'northside.bakery');
  await page.getByRole('radio', { name: 'Story' }).check();
  await expect(page.getByLabel('Caption', { exact: true })).toHaveCount(0);
  await expect(page.getByRole('note').filter({ hasText: 'Instagram shows no caption on a Story' })).toBeVisible();
  await expect(page.getByLabel('Collaborators (optional)')).toHaveCount(0);
  await chooseFile(page, await photo('story.jpg', 1080, 1920));
  // The preview takes the phone's 9:16.
  const frame = (await page.getByRole('complementary', { name: 'Preview' }).locator('.preview-frame').boundingBox())!;
  expect(frame.width / frame.height).toBeCloseTo(9 / 16, 1);
  await page.getByLabel('Tag people (optional)').fill('@friend.one');
  await page.getByLabel('Tag people (optional)').press('Enter');
  await expect(page.getByRole('list', { name: 'People tagged', exact: true })).toContainText('@friend.one');
  await page.getByRole('button', { name: 'Publish now' }).click();

  await expect(page.getByRole('heading', { name: 'Post details' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'View on Instagram' })).toBeVisible({ timeout: 30_000 });
  const [story] = await publishedMedia(host);
  expect(story.mediaProductType).toBe('STORY');
  expect(story.userTags).toEqual([{ username: 'friend.one' }]);
});

test('a Creator account’s Story is refused for scheduling, becomes a reminder, waits in the queue with its photo, and is marked posted with its Instagram link, which its page links to', async ({ page, host }) => {
  await newPostAs(page, host, 'maya.makes');
  await page.getByRole('radio', { name: 'Story' }).check();
  const notice = 'Instagram publishes Stories only for Business accounts, and @maya.makes is a Creator account.';
  await expect(page.getByRole('status').filter({ hasText: notice })).toBeVisible();
  await chooseFile(page, await photo('story.jpg', 1080, 1920));
  await page.getByLabel('Date and time').fill(await thisMinute(page));
  await page.getByRole('button', { name: 'Schedule', exact: true }).click();
  // Blocked before anything is saved, with the sentence at the mode it is about.
  await expect(page.getByLabel('Mode')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('.field-error').filter({ hasText: notice })).toBeVisible();

  await page.getByRole('button', { name: 'Remind me' }).click();
  await expect(page.getByLabel('Mode')).toHaveValue('remind');
  await expect(page.getByRole('button', { name: 'Publish now' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Schedule reminder' }).click();
  await expect(page.getByRole('heading', { name: 'Posts', exact: true })).toBeVisible();

  await page.getByRole('button', { name: /^Queue/ }).click();
  const row = page.getByRole('listitem').filter({ hasText: 'Post this Story from your phone' });
  await expect(row).toBeVisible({ timeout: 30_000 });
  await expect(row.getByText('Time to post it')).toBeVisible();
  await expect(row.getByRole('button', { name: 'Approve' })).toHaveCount(0);
  const download = row.getByRole('link', { name: 'Download the photo' });
  const picture = await page.request.get(new URL((await download.getAttribute('href'))!, host.origin).href);
  expect(picture.headers()['content-type']).toBe('image/jpeg');

  // The browser host has no folder to show: the download stays, the desktop's Show in folder is absent.
  await expect(row.getByRole('button', { name: 'Show in folder' })).toHaveCount(0);

  await row.getByRole('button', { name: 'Mark as posted' }).click();
  const marking = row.getByRole('group', { name: 'Mark as posted' });
  const link = marking.getByLabel('Its link on Instagram (optional)');
  await link.fill('https://example.com/stories/maya.makes/3141592653589793/');
  await marking.getByRole('button', { name: 'Mark as posted' }).click();
  await expect(marking.locator('.field-error')).toHaveText('That is not the address of a post on Instagram. In Instagram, choose Share, then Copy link, and paste it here.');
  await expect(link).toHaveAttribute('aria-invalid', 'true');
  // As Instagram's Copy link gives it: without www, with its share tracking.
  await link.fill('https://instagram.com/stories/maya.makes/3141592653589793?igsh=MWx2');
  await marking.getByRole('button', { name: 'Mark as posted' }).click();
  await expect(page.getByText('No post is waiting for your approval.')).toBeVisible();
  const [post] = (await host.api('posts.list', {})).body.value as Json[];
  expect(post.status).toBe('published');
  const permalink = 'https://www.instagram.com/stories/maya.makes/3141592653589793/';
  expect(post.permalink).toBe(permalink);
  // Posted by hand: nothing went to Instagram.
  expect(await publishedMedia(host)).toEqual([]);
  // Its page links to it on Instagram.
  await page.goto(`${host.origin}/#/posts/${post.id as string}`);
  await expect(page.getByRole('link', { name: permalink })).toHaveAttribute('href', permalink);
  await expect(page.getByRole('link', { name: 'View on Instagram' })).toHaveAttribute('href', permalink);
});

test('a photo tag placed by clicking the preview, and a collaborator, reach the sandbox and the post page', async ({ page, host }) => {
  await newPostAs(page, host, 'maya.makes');
  await chooseFile(page, await photo('square.jpg', 1080, 1080));

  await page.getByLabel('Collaborators (optional)').fill('not a name!');
  await page.getByLabel('Collaborators (optional)').press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: '"not a name!" is not an Instagram username' })).toBeVisible();
  await page.getByLabel('Collaborators (optional)').fill('@northside.bakery');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByRole('list', { name: 'Collaborators invited' })).toContainText('@northside.bakery');

  // A quarter across, three quarters down.
  const layer = page.getByTestId('tag-layer-the photo');
  const box = (await layer.boundingBox())!;
  await layer.click({ position: { x: box.width * 0.25, y: box.height * 0.75 } });
  const popover = page.getByRole('dialog', { name: 'Tag someone on the photo' });
  await expect(popover.getByLabel('Username')).toBeFocused();
  await popover.getByLabel('Username').fill('@sam.rivera');
  await popover.getByLabel('Username').press('Enter');
  await expect(popover).toHaveCount(0);
  await expect(layer.getByText('@sam.rivera')).toBeVisible();
  await expect(page.getByRole('list', { name: 'People tagged on the photo' })).toContainText('@sam.rivera · bottom left');

  await page.getByRole('button', { name: 'Publish now' }).click();
  await expect(page.getByRole('link', { name: 'View on Instagram' })).toBeVisible({ timeout: 30_000 });
  const [media] = await publishedMedia(host);
  expect(media.collaborators).toEqual(['northside.bakery']);
  expect(media.userTags).toHaveLength(1);
  expect(media.userTags[0].username).toBe('sam.rivera');
  expect(media.userTags[0].x).toBeCloseTo(0.25, 1);
  expect(media.userTags[0].y).toBeCloseTo(0.75, 1);

  const facts = page.locator('dl.facts').filter({ hasText: 'Collaborators' });
  await expect(facts.locator('dt', { hasText: 'Collaborators' }).locator('+ dd')).toHaveText('@northside.bakery');
  await expect(facts.locator('dt', { hasText: 'People tagged' }).locator('+ dd')).toHaveText('@sam.rivera (bottom left)');
});

test('each carousel slide has its own tags: one typed in the list (centred), one placed on slide 2 of the preview', async ({ page, host }) => {
  await newPostAs(page, host, 'maya.makes');
  await page.getByRole('radio', { name: 'Carousel' }).check();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose files…' }).click();
  await (await chooser).setFiles([await photo('a.jpg', 1080, 1080), await photo('b.jpg', 1080, 1080)]);
  await expect(page.getByText(/Photo · 1080×1080/)).toHaveCount(2);

  // No mouse: the list tags someone in the middle of slide 1.
  await page.getByLabel('Tag people on slide 1').fill('first.one');
  await page.getByLabel('Tag people on slide 1').press('Enter');
  await expect(page.getByRole('list', { name: 'People tagged on slide 1' })).toContainText('@first.one · centre');

  await page.getByRole('button', { name: 'Next slide' }).click();
  await expect(page.getByRole('complementary', { name: 'Preview' }).getByRole('button', { name: 'Slide 2', exact: true })).toHaveAttribute('aria-current', 'true');
  const layer = page.getByTestId('tag-layer-slide 2');
  const box = (await layer.boundingBox())!;
  await layer.click({ position: { x: box.width * 0.7, y: box.height * 0.2 } });
  const popover = page.getByRole('dialog', { name: 'Tag someone on slide 2' });
  await popover.getByLabel('Username').fill('second.one');
  await popover.getByLabel('Username').press('Enter');
  await expect(page.getByRole('list', { name: 'People tagged on slide 2' })).toContainText('@second.one · top right');

  await page.getByRole('button', { name: 'Publish now' }).click();
  await expect(page.getByRole('link', { name: 'View on Instagram' })).toBeVisible({ timeout: 30_000 });
  const [album] = await publishedMedia(host);
  const [first, second] = album.children as Json[];
  expect(first.userTags).toEqual([{ username: 'first.one', x: 0.5, y: 0.5 }]);
  expect(second.userTags).toHaveLength(1);
  expect(second.userTags[0]).toMatchObject({ username: 'second.one', x: expect.closeTo(0.7, 1), y: expect.closeTo(0.2, 1) });
});
