import type { Page } from '@playwright/test';
import { connectedAccount, expect, test } from './fixtures';

/** The header's mode badge: shown once the page could read app.info, i.e. once the host let it in. */
const modeBadge = (page: Page) => page.getByTitle(/built-in Instagram emulator/);

test('a reload keeps the session, the token never stays in the address, and a second tab works', async ({ page, context, browser, host }) => {
  await page.goto(host.url);
  await expect(modeBadge(page)).toBeVisible();
  expect(page.url()).not.toContain('token');
  const [cookie] = await context.cookies(host.origin);
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', secure: false, path: '/', domain: '127.0.0.1' });
  expect(cookie!.value).not.toBe(host.token);

  await page.reload();
  await expect(modeBadge(page)).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);

  const secondTab = await context.newPage();
  await secondTab.goto(`${host.origin}/#/settings`);
  await expect(secondTab.getByRole('heading', { name: 'Settings', exact: true })).toBeVisible();
  await expect(modeBadge(secondTab)).toBeVisible();

  // A browser that never opened the printed address gets nothing but the advice to open it.
  const stranger = await browser.newContext();
  const strangerPage = await stranger.newPage();
  await strangerPage.goto(host.origin);
  await expect(strangerPage.getByText('Postdeck refused this page').first()).toBeVisible();
  await stranger.close();
});

test('the composer keeps what was typed: leaving asks first, and coming back restores it until discarded', async ({ page, host }) => {
  await connectedAccount(page, host, 'maya.makes');
  await page.getByRole('button', { name: 'New post' }).click();
  const caption = page.getByLabel('Caption', { exact: true });
  await caption.fill('Friday idea: a timelapse of the morning bake');

  // The header asks before leaving; Stay keeps the composer as it was.
  await page.getByRole('button', { name: 'Accounts', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Leave without saving?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Stay' }).click();
  await expect(dialog).toBeHidden();
  await expect(caption).toHaveValue('Friday idea: a timelapse of the morning bake');

  // A plain link (a hash change) asks too, and the address stays the composer's meanwhile.
  await page.evaluate(() => {
    location.hash = '#/settings';
  });
  await expect(dialog).toBeVisible();
  expect(new URL(page.url()).hash).toBe('#/posts/new');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // Closing the tab asks through the browser's own question.
  const question = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true });
  const asked = await question;
  expect(asked.type()).toBe('beforeunload');
  await asked.dismiss();
  expect(page.isClosed()).toBe(false);

  await page.getByRole('button', { name: 'Posts', exact: true }).click();
  await dialog.getByRole('button', { name: 'Leave' }).click();
  await expect(page.getByRole('heading', { name: 'Posts', exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'New post' }).click();
  await expect(page.getByText('Restored your unsaved changes')).toBeVisible();
  await expect(caption).toHaveValue('Friday idea: a timelapse of the morning bake');
  // Also after a reload.
  await page.reload();
  await expect(caption).toHaveValue('Friday idea: a timelapse of the morning bake');
  await page.getByRole('button', { name: 'Discard' }).click();
  await expect(caption).toHaveValue('');
  await expect(page.getByText('Restored your unsaved changes')).toBeHidden();
  // Nothing left to lose: leaving no longer asks.
  await page.getByRole('button', { name: 'Accounts', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Accounts', exact: true })).toBeVisible();
});

test('a draft with only a caption is saved, listed with the drafts, and opens again in the composer', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByRole('button', { name: 'New post' }).click();
  await page.getByLabel('Caption', { exact: true }).fill('Idea: behind the scenes at the bakery');
  await page.getByRole('button', { name: 'Save draft' }).click();

  await expect(page.getByRole('tab', { name: /Drafts/, selected: true })).toBeVisible();
  const drafts = page.getByRole('list', { name: 'Drafts' });
  const idea = drafts.getByRole('listitem').filter({ hasText: 'Idea: behind the scenes at the bakery' });
  await expect(idea).toBeVisible();
  await expect(idea).toContainText('No account yet');
  // An idea is finished in the composer before it can go out.
  await expect(idea.getByRole('button', { name: 'Publish now' })).toHaveCount(0);
  const listed = (await host.api('posts.list', { status: 'draft' })).body.value;
  expect(listed).toEqual([expect.objectContaining({ caption: 'Idea: behind the scenes at the bakery', accountId: null, media: [], scheduledAt: null })]);

  await idea.getByRole('link', { name: /No account yet/ }).click();
  await page.getByRole('button', { name: 'Edit', exact: true }).first().click();
  await expect(page.getByRole('heading', { name: 'Edit post' })).toBeVisible();
  await expect(page.getByLabel('Caption', { exact: true })).toHaveValue('Idea: behind the scenes at the bakery');
});
