import { accountRow, expect, openSignIn, signInAs, test } from './fixtures';

// The browser's zone is the user's; a fixed one keeps the day and the wall time independent of the machine.
test.use({ timezoneId: 'America/New_York' });

test('a post scheduled for next Wednesday at 22:30 (Thursday in UTC) shows in next week’s Wednesday column, in its 22:00 slot', async ({ page, host }) => {
  await page.goto(host.url);
  await signInAs(await openSignIn(page), 'maya.makes');
  await expect(accountRow(page, 'maya.makes').getByText('Healthy', { exact: true })).toBeVisible();

  // Next week's Wednesday, in the browser's zone, as the composer's picker reads it.
  const { slot, day } = await page.evaluate(() => {
    const now = new Date();
    const wednesday = new Date(now.getFullYear(), now.getMonth(), now.getDate() - ((now.getDay() + 6) % 7) + 9, 22, 30);
    const pad = (n: number) => String(n).padStart(2, '0');
    const date = `${wednesday.getFullYear()}-${pad(wednesday.getMonth() + 1)}-${pad(wednesday.getDate())}`;
    return { slot: `${date}T22:30`, day: date };
  });

  await page.getByRole('button', { name: 'New post' }).click();
  await page.getByRole('radio', { name: /@maya\.makes/ }).check();
  await page.getByLabel('Media URL 1').fill('https://cdn.example.com/loaf.jpg');
  await page.getByLabel('Caption', { exact: true }).fill('Wednesday loaf #sourdough');
  await page.getByLabel('Date and time').fill(slot);
  await page.getByRole('button', { name: 'Schedule' }).click();

  await page.getByRole('button', { name: 'Posts', exact: true }).click();
  await expect(page.getByRole('listitem').filter({ hasText: 'Wednesday loaf' })).toBeVisible();
  await page.getByRole('link', { name: 'Calendar' }).click();
  await expect(page).toHaveURL(/#\/calendar$/);
  await expect(page.locator('.cal-day')).toHaveCount(7);
  await expect(page.getByRole('link', { name: /Wednesday loaf/ })).toHaveCount(0);

  await page.getByRole('button', { name: 'Next week' }).click();
  await expect(page).toHaveURL(/#\/calendar\?week=\d{4}-\d{2}-\d{2}$/);
  const column = page.locator(`.cal-day[data-day="${day}"]`);
  await expect(column).toHaveAccessibleName(/^Wednesday/);
  const entry = column.locator(`[data-slot="slot:${day}:22"]`).getByRole('link', { name: /Wednesday loaf/ });
  await expect(entry).toContainText('22:30');
  await expect(entry).toContainText('@maya.makes');
  await expect(entry).toContainText('Scheduled');
  await expect(page.locator('.cal-card')).toHaveCount(1);

  // A second post, on the Friday after: the arrow keys go to it past the empty Thursday, and back.
  const [account] = (await host.api('accounts.list', {})).body.value as Array<{ id: string }>;
  const friday = await page.evaluate((wednesday) => {
    const [year, month, date] = wednesday.split('-').map(Number) as [number, number, number];
    return new Date(year, month - 1, date + 2, 10, 0).toISOString();
  }, day);
  await host.api('posts.create', { accountId: account!.id, kind: 'image', caption: 'Friday focaccia', media: [{ url: 'https://cdn.example.com/focaccia.jpg' }], scheduledAt: friday });
  const fridayEntry = page.getByRole('link', { name: /Friday focaccia/ });
  await expect(fridayEntry).toBeVisible();
  await entry.focus();
  await page.keyboard.press('ArrowRight');
  await expect(fridayEntry).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(entry).toBeFocused();

  // Back returns to this week; Forward to next week; the entry opens the post from the keyboard.
  await page.goBack();
  await expect(page).toHaveURL(/#\/calendar$/);
  await page.goForward();
  await entry.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/posts\/[A-Za-z0-9-]+$/);
  await expect(page.getByText('Wednesday loaf #sourdough')).toBeVisible();
});
