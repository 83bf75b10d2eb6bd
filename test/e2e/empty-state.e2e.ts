import { accountRows, expect, test } from './fixtures';

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 800, height: 600 },
]) {
  test(`empty state at ${viewport.width}×${viewport.height}`, async ({ page, host }) => {
    await page.setViewportSize(viewport);
    await page.goto(host.url);

    await expect(page.getByRole('heading', { name: 'No Instagram accounts yet' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Connect Instagram' })).toBeVisible();
    const badge = page.getByText('Sandbox', { exact: true });
    await expect(badge).toBeVisible();
    await expect(badge).toHaveAttribute('title', /emulator/);
    await expect(accountRows(page)).toHaveCount(0);

    // The token left the address bar (it stays in memory only).
    expect(new URL(page.url()).searchParams.has('token')).toBe(false);

    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'no horizontal scrolling').toBeLessThanOrEqual(0);
  });
}

test('keyboard: Tab reaches Connect Instagram, with a visible focus ring', async ({ page, host }) => {
  await page.goto(host.url);
  const connect = page.getByRole('button', { name: 'Connect Instagram' });
  await expect(connect).toBeVisible();

  let reached = false;
  for (let i = 0; i < 15 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await connect.evaluate((el) => el === document.activeElement);
  }
  expect(reached, 'Connect Instagram is reachable with Tab').toBe(true);
  const outline = await connect.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe('none');
});

test('Settings shows the sandbox mode and disabled desktop preferences', async ({ page, host }) => {
  await page.goto(host.url);
  await page.getByRole('button', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await expect(page.getByText(host.sandboxUrl)).toBeVisible();
  await expect(page.getByRole('switch', { name: 'Keep running in the tray when the window closes' })).toBeDisabled();
  await expect(page.getByRole('switch', { name: 'Start Postdeck when I log in' })).toBeDisabled();

  // Client-side validation with the contract's schema: nothing is sent for a Meta App ID with letters.
  await page.getByLabel('Instagram App ID').fill('abc');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('The Instagram App ID is a number of 5 to 20 digits.')).toBeVisible();
  await expect(page.getByText('Enter the Instagram App secret.')).toBeVisible();
});
