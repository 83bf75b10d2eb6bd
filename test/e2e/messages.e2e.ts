import { accountRow, connectedAccount, expect, openMessagesSignIn, signInAs, test, turnOnMessages, type Json, type WebHost } from './fixtures';

const MESSAGES_SCOPE = 'instagram_business_manage_messages';
const HOUR = 3_600_000;

const account = async (host: WebHost, username: string): Promise<Json> =>
  ((await host.api('accounts.list', {})).body.value as Json[]).find((a) => a.username === username);

test('turn messages on, read a conversation, reply, and see the reply box close 25 hours later', async ({ page, host }) => {
  await connectedAccount(page, host, 'maya.makes');
  await turnOnMessages(page, 'maya.makes');
  const nav = page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /^Messages/ });

  await page.getByRole('button', { name: 'Check now' }).click();
  const conversations = page.getByRole('list', { name: 'Conversations' }).getByRole('button');
  await expect(conversations.first()).toBeVisible();
  const first = conversations.first();
  await expect(first).toContainText('unread');
  await expect(nav).toContainText(/\d+ unread/);
  const unreadBefore = Number((await nav.locator('.nav-count').textContent())?.match(/\d+/)?.[0]);
  const username = (await first.locator('.dm-item-name').textContent())!.replace(/^@/, '');

  // Opening it is reading it: the dot goes, the count drops, and the reply box has the focus.
  await first.click();
  const thread = page.getByRole('region', { name: `@${username}` });
  await expect(thread.getByRole('log')).toBeVisible();
  await expect(first).not.toContainText('unread');
  if (unreadBefore > 1) await expect(nav.locator('.nav-count')).toHaveText(new RegExp(`^${unreadBefore - 1} unread`));
  else await expect(nav.locator('.nav-count')).toHaveCount(0);
  const box = thread.getByLabel(`Reply to @${username}`);
  await expect(box).toBeFocused();

  // Shift+Enter is a new line; Enter sends.
  await box.pressSequentially('Yes, we ship to Spain!');
  await box.press('Shift+Enter');
  await box.pressSequentially('Tracking comes by email.');
  await box.press('Enter');
  const mine = thread.locator('.dm-bubble-mine').last();
  await expect(mine).toContainText('Yes, we ship to Spain!\nTracking comes by email.');
  await expect(box).toHaveValue('');
  await expect(first).toContainText('You: Yes, we ship to Spain!');

  // A day and an hour later on Instagram's clock their last message is too old to answer: Instagram refuses the
  // reply, and the box closes with the reason, keeping what was typed.
  expect((await host.sandbox('clock', { advanceMs: 25 * HOUR })).status).toBe(200);
  await page.getByRole('button', { name: 'Check now' }).click();
  await expect(page.getByRole('button', { name: 'Check now' })).toBeEnabled();
  await box.fill('Are you still there?');
  await box.press('Enter');
  await expect(thread.getByText(/Instagram lets you reply only within 24 hours of @.+’s last message/)).toBeVisible();
  await expect(box).toBeDisabled();
  await expect(box).toHaveValue('Are you still there?');
  await expect(thread.getByRole('button', { name: 'Send' })).toBeDisabled();
  await expect(thread.locator('.dm-bubble-mine')).toHaveCount(1);
});

test('declining messages on Instagram’s screen leaves the account as it was', async ({ page, host }) => {
  const before = await connectedAccount(page, host, 'maya.makes');
  await signInAs(await openMessagesSignIn(page, 'maya.makes'), 'maya.makes', { untick: [MESSAGES_SCOPE] });

  const dialog = page.getByRole('dialog', { name: 'Messages stay off for @maya.makes' });
  await expect(dialog).toContainText('Nothing else changed');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(accountRow(page, 'maya.makes').getByText('Healthy', { exact: true })).toBeVisible();
  const after = await account(host, 'maya.makes');
  expect(after.messagesEnabled).toBe(false);
  expect(after.scopes).toEqual(before.scopes);
  expect(after.health.state).toBe(before.health.state);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: /^Messages/ }).click();
  await expect(page.getByRole('heading', { name: 'Messages are off' })).toBeVisible();
});

test('Reply privately sends one direct message to a commenter, then says why it cannot again; never on her own comment', async ({ page, host }) => {
  const maya = await connectedAccount(page, host, 'maya.makes');
  await turnOnMessages(page, 'maya.makes');
  // She comments on her own post in the Instagram app: Instagram takes no private reply to it.
  const [media] = (await host.sandbox('media', {}, 'GET')).body[maya.igUserId] as Json[];
  const ownText = 'Thanks everyone for the kind words!';
  expect((await host.sandbox('comments', { mediaId: media.id, igUserId: maya.igUserId, text: ownText })).status).toBe(201);
  await host.api('comments.refresh', {});

  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Comments' }).click();
  const offered = page.locator('.comment-thread').filter({ has: page.getByRole('button', { name: 'Reply privately' }) }).first();
  const commentId = await offered.locator('.comment').first().getAttribute('id');
  const thread = page.locator('.comment-thread').filter({ has: page.locator(`[id="${commentId}"]`) });
  const button = thread.getByRole('button', { name: 'Reply privately' });
  await expect(button).toBeEnabled();
  const own = page.locator('.comment-thread').filter({ hasText: ownText });
  await expect(own.getByRole('button', { name: 'Reply', exact: true })).toBeVisible();
  await expect(own.getByRole('button', { name: 'Reply privately' })).toHaveCount(0);
  const commenter = (await thread.locator('.comment-meta strong').first().textContent())!;
  await button.click();
  await thread.getByLabel(`Private message to ${commenter}`).fill('Thanks! Sending you the discount code here.');
  await thread.getByRole('button', { name: 'Send privately' }).click();

  await expect(button).toBeDisabled();
  await expect(thread.getByText('Sent privately: Instagram allows one private reply per comment.')).toBeVisible();
});

test('Send a picture link: only a public https address is taken; the thread shows the picture, or its link when the page may not load its host', async ({ page, host }) => {
  await connectedAccount(page, host, 'maya.makes');
  await turnOnMessages(page, 'maya.makes');
  await page.getByRole('button', { name: 'Check now' }).click();
  const first = page.getByRole('list', { name: 'Conversations' }).getByRole('button').first();
  await first.click();
  const username = (await first.locator('.dm-item-name').textContent())!.replace(/^@/, '');
  const thread = page.getByRole('region', { name: `@${username}` });

  await thread.getByRole('button', { name: 'Send a picture link' }).click();
  const link = thread.getByLabel('Picture link (https)');
  const send = thread.getByRole('button', { name: 'Send picture' });
  await link.fill('http://example.com/spring.jpg');
  await expect(thread.getByText('Use a public https:// address.')).toBeVisible();
  await expect(send).toBeDisabled();

  await link.fill('https://example.com/lookbook/spring.jpg');
  await send.click();
  await expect(thread.locator('.dm-bubble-mine').last().getByRole('link', { name: 'https://example.com/lookbook/spring.jpg' })).toBeVisible();
  await expect(link).toHaveCount(0);
  await expect(first).toContainText('You: Picture');

  await thread.getByRole('button', { name: 'Send a picture link' }).click();
  await thread.getByLabel('Picture link (https)').fill('https://scontent.cdninstagram.com/v/spring.jpg');
  await thread.getByRole('button', { name: 'Send picture' }).click();
  await expect(thread.locator('.dm-bubble-mine').last().getByRole('img', { name: 'Picture you sent' })).toHaveAttribute('src', 'https://scontent.cdninstagram.com/v/spring.jpg');
});
