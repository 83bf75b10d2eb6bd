import type { Page } from '@playwright/test';
import { accountRow, connectedAccount, expect, openSignIn, signInAs, test, type Json, type WebHost } from './fixtures';

/** Best time to post and the audience on the insights screen, and the best upcoming hours in the composer. */

const DAY = 86_400_000;

/** The score a slot has in the answer, out of 100 as the screen says it. */
function outOf100(best: Json, weekday: number, hour: number): number {
  return Math.round(best.slots.find((slot: Json) => slot.weekday === weekday && slot.hour === hour).score * 100);
}

async function openInsights(page: Page, host: WebHost, username: string): Promise<Json> {
  const account = await connectedAccount(page, host, username);
  await page.goto(`${host.url}#/insights`);
  await expect(page.getByRole('heading', { name: 'Best time to post' })).toBeVisible();
  return account;
}

test('the heatmap marks the week’s best hour from the data, and reads any hour on hover and by the keys; the audience shows as bars', async ({ page, host }, testInfo) => {
  const account = await openInsights(page, host, 'maya.makes');
  const grid = page.getByRole('grid', { name: /^Best time to post by weekday and hour, / });
  await expect(grid).toBeVisible({ timeout: 30_000 });
  const best = (await host.api('insights.bestTimes', { accountId: account.id })).body.value;
  await expect(grid).toHaveAccessibleName(`Best time to post by weekday and hour, ${best.timeZone}`);
  await expect(page.getByText(`Hours in your time zone, ${best.timeZone}.`)).toBeVisible();
  await expect(page.getByText(/^Based on when your followers are online \(last 30 days\) and the reach of your own posts/)).toBeVisible();

  const top = Math.max(...best.slots.map((slot: Json) => slot.score));
  const tops = best.slots.filter((slot: Json) => slot.score === top);
  const marked = grid.locator('td.heatmap-best');
  await expect(marked).toHaveCount(tops.length);
  const first = marked.first();
  expect(tops).toContainEqual(expect.objectContaining({ weekday: Number(await first.getAttribute('data-weekday')), hour: Number(await first.getAttribute('data-hour')) }));
  await expect(first).toHaveAttribute('data-step', '5');
  await expect(first).toContainText('100 of 100, best');

  const readout = page.locator('.heatmap-readout');
  // Another hour under the pointer: its own score.
  const other = best.slots.find((slot: Json) => slot.score > 0 && slot.score < top / 2);
  await grid.locator(`td[data-weekday="${other.weekday}"][data-hour="${other.hour}"]`).hover();
  await expect(readout).toContainText(`score ${outOf100(best, other.weekday, other.hour)} of 100`);

  // The keys alone: Tab lands on the best hour, an arrow moves one hour on.
  await page.mouse.move(0, 0);
  await first.focus();
  const weekday = Number(await first.getAttribute('data-weekday'));
  const hour = Number(await first.getAttribute('data-hour'));
  await expect(readout).toContainText('score 100 of 100');
  const next = hour === 23 ? 22 : hour + 1;
  await page.keyboard.press(hour === 23 ? 'ArrowLeft' : 'ArrowRight');
  await expect(grid.locator(`td[data-weekday="${weekday}"][data-hour="${next}"]`)).toBeFocused();
  await expect(readout).toContainText(`score ${outOf100(best, weekday, next)} of 100`);

  const audience = (await host.api('insights.audience', { accountId: account.id })).body.value;
  const ages = page.getByRole('list', { name: 'Followers by age and gender' });
  await expect(ages.getByRole('listitem')).toHaveCount(new Set(audience.ageGender.map((row: Json) => row.age)).size);
  await expect(ages.getByRole('listitem').first()).toContainText('13–17');
  const countries = page.getByRole('list', { name: 'Top countries' }).getByRole('listitem');
  await expect(countries.first()).toContainText(new Intl.DisplayNames(['en-US'], { type: 'region' }).of(audience.countries[0].code)!);
  await expect(page.getByRole('list', { name: 'Top cities' }).getByRole('listitem').first()).toContainText(audience.cities[0].name);

  await page.locator('#best-time-heading').scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('best-times-1280.png'), fullPage: true });
  await page.setViewportSize({ width: 900, height: 700 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(900);
  await page.screenshot({ path: testInfo.outputPath('best-times-900.png'), fullPage: true });
});

test('the composer offers the three best upcoming hours, and a click puts one in the time field', async ({ page, host }, testInfo) => {
  const account = await connectedAccount(page, host, 'maya.makes');
  const best = (await host.api('insights.bestTimes', { accountId: account.id })).body.value;
  expect(best.suggestions).toHaveLength(3);
  await page.goto(`${host.url}#/posts/new`);
  const chips = page.getByRole('group', { name: 'Best times:' }).getByRole('button');
  await expect(chips).toHaveCount(3, { timeout: 30_000 });
  await expect(chips.first()).toHaveText(/ · best$/);

  const field = page.getByLabel('Date and time');
  await chips.nth(1).click();
  await expect(chips.nth(1)).toHaveAttribute('aria-pressed', 'true');
  // The field holds the suggestion as a wall time in the browser's zone, to the minute.
  const expected = await page.evaluate((iso) => {
    const date = new Date(iso);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
  }, best.suggestions[1]);
  await expect(field).toHaveValue(expected);
  await expect(chips.first()).toHaveAttribute('aria-pressed', 'false');
  await page.screenshot({ path: testInfo.outputPath('composer-best-times-1280.png') });
  await page.setViewportSize({ width: 900, height: 700 });
  await page.getByLabel('Date and time').scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('composer-best-times-900.png') });
});

test('when Instagram refuses the figures, the composer shows no suggestions and no error: the time field works as ever', async ({ page, host }) => {
  await connectedAccount(page, host, 'maya.makes');
  const fault = await host.sandbox('faults', { match: { pathSuffix: '/insights' }, kind: 'graph_error', status: 400, code: 100, message: 'Unsupported request' });
  expect(fault.status, fault.text).toBe(201);
  const answered = page.waitForResponse((response) => response.url().endsWith('/api/insights.bestTimes'));
  await page.goto(`${host.url}#/posts/new`);
  expect((await (await answered).json()).ok).toBe(false);
  await expect(page.getByLabel('Date and time')).toBeVisible();
  await expect(page.getByRole('group', { name: 'Best times:' })).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('a small account: the heatmap says which source it lacks, and the audience says Instagram’s minimum', async ({ page, host }, testInfo) => {
  const person = await host.sandbox('people', { username: 'tiny.kiln', accountType: 'BUSINESS', tester: true, followersCount: 40 });
  expect(person.status, person.text).toBe(201);
  const seeded = await host.sandbox('media/outside', { igUserId: person.body.igUserId, count: 12, withinMs: 30 * DAY });
  expect(seeded.status, seeded.text).toBe(201);
  await page.goto(host.url);
  await signInAs(await openSignIn(page), 'tiny.kiln');
  await expect(accountRow(page, 'tiny.kiln').getByText('Healthy', { exact: true })).toBeVisible();
  await page.goto(`${host.url}#/insights`);

  await expect(page.getByText(/^Instagram tells when followers are online only to accounts with 100 or more followers; this one has \d+\. These times come from the reach of your own posts\.$/)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/^Based on the reach of your own posts, by the hour they went out\./)).toBeVisible();
  await expect(page.getByRole('grid', { name: /^Best time to post/ })).toBeVisible();
  await expect(page.getByText(/^Instagram shows who your followers are only for accounts with at least 100 followers; this one has \d+\.$/)).toBeVisible();
  await expect(page.getByRole('list', { name: 'Followers by age and gender' })).toHaveCount(0);
  await page.locator('#best-time-heading').scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('best-times-small.png'), fullPage: true });
});

test.describe('in a German locale', () => {
  test.use({ locale: 'de-DE', timezoneId: 'Europe/Berlin' });

  test('the week starts on Monday, weekdays in German and hours on the 24-hour clock', async ({ page, host }, testInfo) => {
    await openInsights(page, host, 'maya.makes');
    const grid = page.getByRole('grid', { name: /^Best time to post/ });
    await expect(grid.getByRole('rowheader')).toHaveText([/^Mo/, /^Di/, /^Mi/, /^Do/, /^Fr/, /^Sa/, /^So/], { timeout: 30_000 });
    await expect(grid.getByRole('columnheader').nth(18)).toHaveText('18');
    await expect(page.locator('.heatmap-readout')).toContainText(/^Best: (Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag), \d{1,2}:00–\d{1,2}:00 · score 100 of 100$/);
    await page.locator('#best-time-heading').scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath('best-times-de.png') });
  });
});
