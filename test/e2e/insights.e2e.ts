import fs from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import Papa from 'papaparse';
import type { Page } from '@playwright/test';
import { accountRow, connectedAccount, expect, openSignIn, photoServer, signInAs, test } from './fixtures';

test('open a published post and read its insights, as of when they were fetched', async ({ page, host }) => {
  const cdn = await photoServer();
  try {
    const account = await connectedAccount(page, host, 'maya.makes');
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

test('the insights screen over 90 days: whole days named, unique counts explained in place of a number', async ({ page, host }, testInfo) => {
  await page.goto(host.url);
  await signInAs(await openSignIn(page), 'maya.makes');
  await expect(accountRow(page, 'maya.makes').getByText('Healthy', { exact: true })).toBeVisible();

  await page.goto(`${host.url}#/insights`);
  await page.getByRole('radio', { name: '90 days' }).check();
  await expect(page.getByRole('heading', { name: 'Last 90 days' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/90 complete days \(UTC\)$/)).toBeVisible();
  await expect(page.getByText("Accounts reached can't be added up over 90 days: Instagram counts unique accounts per 30 days.")).toBeVisible();
  await expect(page.getByText("Accounts engaged can't be added up over 90 days: Instagram counts unique accounts per 30 days.")).toBeVisible();
  await expect(page.getByRole('table', { name: 'Accounts reached per day' }).locator('tbody tr')).toHaveCount(90);
  await page.screenshot({ path: testInfo.outputPath('insights-90-days.png'), fullPage: true });
});

/** Digits only: the same number whatever the locale's separators. */
const digits = (text: string | null) => Number((text ?? '').replace(/\D/g, ''));

async function openInsights(page: Page, host: { url: string }): Promise<void> {
  await page.goto(host.url);
  await signInAs(await openSignIn(page), 'maya.makes');
  await expect(accountRow(page, 'maya.makes').getByText('Healthy', { exact: true })).toBeVisible();
  await page.goto(`${host.url}#/insights`);
}

test.describe('in a German locale', () => {
  test.use({ locale: 'de-DE', timezoneId: 'Europe/Berlin' });

  test('a week: seven day points, a day\'s value on hover and on the keys, figures with the locale\'s separators, CSV with plain numbers', async ({ page, host }, testInfo) => {
    await openInsights(page, host);
    await page.getByRole('radio', { name: '7 days' }).check();
    await expect(page.getByRole('heading', { name: 'Last 7 days' })).toBeVisible({ timeout: 30_000 });
    const days = page.getByRole('table', { name: 'Accounts reached per day' }).locator('tbody tr');
    await expect(days).toHaveCount(7);
    // German thousands separators: 12.345, never 12,345 or 12345.
    await expect(page.locator('.insights-figures dd').first()).toHaveText(/^\d{1,3}(\.\d{3})+$/);

    const chart = page.locator('.chart-canvas').first();
    const readout = page.locator('.chart-readout').first();
    // uPlot's plotting area: the right end is the last day.
    const plot = chart.locator('.u-over');
    const box = (await plot.boundingBox())!;
    await plot.hover({ position: { x: box.width - 2, y: box.height / 2 } });
    const lastDay = days.last();
    await expect(readout).toContainText((await lastDay.locator('th').textContent())!);
    await expect(readout).toContainText((await lastDay.locator('td').textContent())!);
    await page.screenshot({ path: testInfo.outputPath('insights-7-days-hover.png') });

    // The keys alone, the mouse away from the chart.
    await page.mouse.move(0, 0);
    await chart.focus();
    await page.keyboard.press('Home');
    const firstDay = days.first();
    await expect(readout).toContainText((await firstDay.locator('th').textContent())!);
    await expect(readout).toContainText((await firstDay.locator('td').textContent())!);
    await page.keyboard.press('ArrowRight');
    await expect(readout).toContainText((await days.nth(1).locator('th').textContent())!);

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^postdeck-insights-maya\.makes-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = Papa.parse<string[]>((await fs.readFile((await download.path())!, 'utf8')).trim()).data;
    expect(rows[0]!.slice(0, 3)).toEqual(['Day', 'Accounts reached', 'Followers']);
    expect(rows).toHaveLength(1 + 7 + 1);
    expect(rows.slice(1, 8).every((row) => /^\d{4}-\d{2}-\d{2}$/.test(row[0]!))).toBe(true);
    // The last day's reach: shown as 12.345 on screen, written 12345 in the file.
    const lastReach = rows[7]![1]!;
    expect(lastReach).toMatch(/^\d+$/);
    expect(Number(lastReach)).toBe(digits(await lastDay.locator('td').textContent()));
    expect(rows[8]![0]).toMatch(/^Total, /);
  });
});

test('top posts of 30 days sort by views, with their pictures, highest first', async ({ page, host }, testInfo) => {
  await openInsights(page, host);
  const table = page.getByRole('table', { name: /^Posts published in these days/ });
  const rows = table.locator('tbody tr');
  await expect(rows.first()).toBeVisible({ timeout: 30_000 });
  const column = async (index: number) => (await rows.locator(`td:nth-child(${index})`).allTextContents()).map(digits);
  const captions = () => rows.locator('.top-post-caption').allTextContents();
  const byReach = await captions();
  expect(byReach.length).toBeGreaterThan(3);
  expect(await column(2)).toEqual([...(await column(2))].sort((a, b) => b - a));
  const views = await column(3);
  const expected = byReach.map((caption, i) => ({ caption, views: views[i]! })).sort((a, b) => b.views - a.views).map((p) => p.caption);
  expect(expected).not.toEqual(byReach);

  await table.getByRole('button', { name: 'Views' }).click();
  await expect(table.getByRole('columnheader', { name: 'Views' })).toHaveAttribute('aria-sort', 'descending');
  await expect(table.getByRole('columnheader', { name: 'Reach' })).not.toHaveAttribute('aria-sort');
  expect(await captions()).toEqual(expected);
  await expect(page.locator('.chart-canvas')).toHaveCount(1); // reach; followers (one day so far) read as a figure
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('insights-1280.png'), fullPage: true });
  await page.setViewportSize({ width: 900, height: 700 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(900);
  await page.screenshot({ path: testInfo.outputPath('insights-900.png'), fullPage: true });
});
