import { describe, expect, it } from 'vitest';
import type { Comment } from '../../../src-shared/comments';
import type { Result } from '../../../src-shared/errors';
import type { Conversation } from '../../../src-shared/messages';
import type { Account } from '../../../src-shared/models';
import { DAY, HOUR, MINUTE } from '../../../src-main/config/clock';
import { ManualClock } from '../../../src-main/config/manualClock';
import type { ConsentChoice } from '../../../src-main/sandbox/scriptedConsent';
import { consent, type Harness } from '../../helpers/harness';
import { databaseBytes } from '../../helpers/inspect';
import { connectedWithOwnSandbox } from '../../helpers/ownSandbox';

const connectWithOwnSandbox = connectedWithOwnSandbox();
const FIVE_SCOPES = [
  'instagram_business_basic',
  'instagram_business_content_publish',
  'instagram_business_manage_insights',
  'instagram_business_manage_comments',
  'instagram_business_manage_messages',
];

const notifications: Array<{ title: string; body: string }> = [];

/** maya.makes connected with the four permissions; her media (published in the Instagram app) carry seeded comments. */
async function connected(): Promise<{ h: Harness; account: Account }> {
  notifications.length = 0;
  const clock = new ManualClock(Date.UTC(2026, 10, 1, 9));
  return connectWithOwnSandbox({ clock, outside: 2, overrides: { notifier: { notify: (title, body) => notifications.push({ title, body }) } } });
}

/** Accounts row → Messages… → Instagram's consent screen → back. */
async function enableMessages(h: Harness, accountId: string, choice: Omit<ConsentChoice, 'username'> = {}): Promise<Result<Account>> {
  const started = await h.value<{ attemptId: string; authorizeUrl: string }>('accounts.enableMessages', { accountId });
  expect(new URL(started.authorizeUrl).searchParams.get('scope')).toBe(FIVE_SCOPES.join(','));
  return (await h.app.handleOAuthCallback(await consent(started.authorizeUrl, { username: 'maya.makes', ...choice }))) as Result<Account>;
}

async function withMessages(): Promise<{ h: Harness; account: Account; conversations: Conversation[] }> {
  const { h, account } = await connected();
  const enabled = await enableMessages(h, account.id);
  if (!enabled.ok) throw new Error(enabled.error.code);
  await h.value('messages.refresh', { accountId: account.id });
  return { h, account: enabled.value, conversations: await h.value<Conversation[]>('messages.list', { accountId: account.id }) };
}

const sends = (h: Harness) => h.sandbox.world.requestLog().filter((e) => e.method === 'POST' && e.path.includes('/messages')).length;
const byName = (conversations: Conversation[], username: string) => conversations.find((c) => c.username === username)!;

describe('turning messages on', () => {
  it('asks the five permissions for the same account; declining or unticking messages leaves the account exactly as it was', async () => {
    const { h, account } = await connected();
    const before = await h.value<Account[]>('accounts.list');
    // Later than the connect, so a sign-in that stored anything would show in the account's times.
    await h.clock.advanceAsync(HOUR);
    expect(before[0]).toMatchObject({ messagesEnabled: false, scopes: expect.not.arrayContaining(['instagram_business_manage_messages']) });

    const declined = await enableMessages(h, account.id, { decision: 'cancel' });
    const unticked = await enableMessages(h, account.id, { untick: ['instagram_business_manage_messages'] });
    for (const outcome of [declined, unticked]) expect(outcome).toEqual({ ok: true, value: before[0] });
    expect(h.events.filter((e) => e.name === 'connect.finished').slice(1).map((e) => e.payload)).toEqual([
      expect.objectContaining({ ok: true, messages: 'stayed_off' }),
      expect.objectContaining({ ok: true, messages: 'stayed_off' }),
    ]);
    expect(await h.value('accounts.list')).toEqual(before);
    expect(await h.call('messages.list', { accountId: account.id })).toMatchObject({ ok: false, error: { code: 'messages_not_enabled' } });
  });

  it('granted: the account shows messages on with the fifth permission; signing in as someone else is refused', async () => {
    const { h, account } = await connected();
    h.sandbox.world.addPerson({ username: 'other.shop', accountType: 'BUSINESS', tester: true });
    const started = await h.value<{ authorizeUrl: string }>('accounts.enableMessages', { accountId: account.id });
    const other = await h.app.handleOAuthCallback(await consent(started.authorizeUrl, { username: 'other.shop' }));
    expect(other).toMatchObject({ ok: false, error: { code: 'account_mismatch' } });
    expect((await h.value<Account[]>('accounts.list')).map((a) => a.username)).toEqual(['maya.makes']);

    const enabled = await enableMessages(h, account.id);
    expect(enabled).toMatchObject({ ok: true, value: { id: account.id, messagesEnabled: true, scopes: FIVE_SCOPES } });
    expect(h.events.filter((e) => e.name === 'connect.finished').at(-1)?.payload).toMatchObject({ ok: true, messages: 'enabled' });
  });
});

describe('the messages permission at Instagram', () => {
  it('a reconnect asks for it again; reconnecting without it turns messages off and forgets them', async () => {
    const { h, account } = await withMessages();
    const started = await h.value<{ authorizeUrl: string }>('accounts.reconnect', { accountId: account.id });
    expect(new URL(started.authorizeUrl).searchParams.get('scope')).toBe(FIVE_SCOPES.join(','));
    const reconnected = await h.app.handleOAuthCallback(await consent(started.authorizeUrl, { username: 'maya.makes', untick: ['instagram_business_manage_messages'] }));
    expect(reconnected).toMatchObject({ ok: true, value: { messagesEnabled: false, scopes: FIVE_SCOPES.slice(0, 4) } });
    expect(databaseBytes(h.dataDir).some((bytes) => bytes.includes('Do you take commissions'))).toBe(false);
  });

  it('removed at Instagram: messages are refused by name and the account stays healthy for everything else', async () => {
    const { h, account } = await withMessages();
    h.sandbox.world.removePermission(account.igUserId, 'instagram_business_manage_messages');
    expect(await h.call('messages.refresh', { accountId: account.id })).toMatchObject({ ok: false, error: { code: 'messages_not_enabled', detail: expect.stringContaining('(#10)') } });
    expect((await h.value<Account[]>('accounts.list'))[0]!.health.state).toBe('healthy');
    // The sandbox's refusal is Instagram's permission error.
    const token = h.sandbox.world.newestToken(account.igUserId)!.token;
    const answer = await fetch(`${h.sandbox.url}/v24.0/me/conversations?platform=instagram`, { headers: { authorization: `Bearer ${token}` } });
    expect(await answer.json()).toMatchObject({ error: { code: 10, type: 'OAuthException' } });
  });
});

describe('the inbox', () => {
  it('lists the seeded conversations newest first with who wrote what, unread until marked', async () => {
    const { h, account, conversations } = await withMessages();
    expect(conversations.map((c) => c.username)).toEqual(['mara.draws', 'tom_outdoors']);
    const mara = byName(conversations, 'mara.draws');
    expect(mara).toMatchObject({ accountId: account.id, unread: true, canReply: true, canReplyUntil: new Date(h.clock.now() - 90 * MINUTE + DAY).toISOString() });
    expect(mara.messages.map((m) => [m.from, m.text])).toEqual([
      ['them', 'Hey! Do you take commissions? 😊'],
      ['them', 'Something like your last post, but in blue tones'],
    ]);
    expect(byName(conversations, 'tom_outdoors')).toMatchObject({ canReply: false, canReplyUntil: new Date(h.clock.now() - 30 * HOUR + DAY).toISOString() });
    expect(await h.value('messages.unreadCount', {})).toEqual({ unread: 2 });

    await h.value('messages.markRead', { conversationId: mara.id });
    expect((await h.value<Conversation[]>('messages.list', { accountId: account.id, unreadOnly: true })).map((c) => c.username)).toEqual(['tom_outdoors']);
    expect(await h.value<Conversation[]>('messages.list', { accountId: account.id, limit: 1 })).toHaveLength(1);
  });

  it('polls in the background: a new message shows within 2 minutes, with a notification and an event', async () => {
    const { h, account } = await withMessages();
    notifications.length = 0;
    h.sandbox.world.messaging.addMessage(h.sandbox.world.messaging.conversationWith(account.igUserId, { id: '17841488800000009', username: 'new.fan' }), {
      fromBusiness: false,
      text: 'Hello from a new fan',
      createdAt: h.clock.now(),
    });
    await h.clock.advanceAsync(2 * MINUTE + 10_000);
    await h.app.jobsIdle();
    const listed = await h.value<Conversation[]>('messages.list', { accountId: account.id });
    expect(listed[0]).toMatchObject({ username: 'new.fan', unread: true, messages: [{ from: 'them', text: 'Hello from a new fan' }] });
    expect(notifications).toEqual([{ title: 'A new message', body: expect.stringContaining('@maya.makes') }]);
    expect(h.events.filter((e) => e.name === 'messages.changed').at(-1)?.payload).toEqual({ accountId: account.id, newMessages: 1 });
  });
});

describe('Instagram’s reply rules', () => {
  it('a reply goes within 24 hours of their last message; after that it is refused before anything is sent', async () => {
    const { h, account, conversations } = await withMessages();
    const mara = byName(conversations, 'mara.draws');
    const replied = await h.value<Conversation>('messages.send', { accountId: account.id, conversationId: mara.id, text: 'Yes! Send me the details' });
    expect(replied.messages.at(-1)).toMatchObject({ from: 'me', text: 'Yes! Send me the details' });
    expect(replied.unread).toBe(false);
    expect(h.sandbox.world.messaging.conversation(mara.id)!.messages.at(-1)).toMatchObject({ fromBusiness: true, text: 'Yes! Send me the details' });

    const sent = sends(h);
    const closed = await h.call('messages.send', { accountId: account.id, conversationId: byName(conversations, 'tom_outdoors').id, text: 'Sorry for the wait' });
    expect(closed).toMatchObject({ ok: false, error: { code: 'reply_window_closed', detail: expect.stringContaining('It closed') } });
    await h.clock.advanceAsync(25 * HOUR);
    expect(await h.call('messages.send', { accountId: account.id, conversationId: mara.id, text: 'Still there?' })).toMatchObject({ ok: false, error: { code: 'reply_window_closed' } });
    expect(sends(h)).toBe(sent);
    expect(byName(await h.value<Conversation[]>('messages.list', { accountId: account.id }), 'mara.draws').canReply).toBe(false);
  });

  it('Instagram’s refusal is remembered when its clock is ahead of Postdeck’s: closed from then until they write again', async () => {
    const { h, account, conversations } = await withMessages();
    const mara = byName(conversations, 'mara.draws');
    const control = (path: string, body: unknown) =>
      fetch(`${h.sandbox.url}/__sandbox/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${h.sandbox.controlToken}` }, body: JSON.stringify(body) });
    const listed = async () => byName(await h.value<Conversation[]>('messages.list', { accountId: account.id }), 'mara.draws');
    // Only Instagram's clock moves: for Postdeck her last message is 90 minutes old, for Instagram over a day.
    expect((await control('clock', { advanceMs: 25 * HOUR })).status).toBe(200);
    const refusedAt = new Date(h.clock.now()).toISOString();
    expect(await h.call('messages.send', { accountId: account.id, conversationId: mara.id, text: 'Still there?' })).toMatchObject({
      ok: false,
      error: { code: 'reply_window_closed', detail: `It closed ${refusedAt}.` },
    });
    expect(await listed()).toMatchObject({ canReply: false, canReplyUntil: refusedAt, messages: mara.messages });

    // Postdeck now agrees with Instagram, so it refuses without asking it again.
    const sent = sends(h);
    expect(await h.call('messages.send', { accountId: account.id, conversationId: mara.id, text: 'Hello?' })).toMatchObject({ ok: false, error: { code: 'reply_window_closed' } });
    expect(sends(h)).toBe(sent);

    // She writes again: a new 24 hours from her message, on Instagram's clock.
    const personId = h.sandbox.world.messaging.conversation(mara.id)!.personId;
    expect((await control('messages/incoming', { igUserId: account.igUserId, from: { id: personId, username: 'mara.draws' }, text: 'Yes, still here' })).status).toBe(201);
    await h.value('messages.refresh', { accountId: account.id });
    expect(await listed()).toMatchObject({ canReply: true, canReplyUntil: new Date(h.sandbox.world.now() + DAY).toISOString() });
    const replied = await h.value<Conversation>('messages.send', { accountId: account.id, conversationId: mara.id, text: 'Great, details follow' });
    // Stored at Postdeck's time, so it sorts before her message stamped with Instagram's later clock.
    expect(replied.messages).toContainEqual(expect.objectContaining({ from: 'me', text: 'Great, details follow' }));
  });

  it('the sandbox refuses a reply outside the window as Instagram does (code 10, subcode 2534022)', async () => {
    const { h, account, conversations } = await withMessages();
    const token = h.sandbox.world.newestToken(account.igUserId)!.token;
    const tom = h.sandbox.world.messaging.conversation(byName(conversations, 'tom_outdoors').id)!;
    const answer = await fetch(`${h.sandbox.url}/v24.0/me/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ recipient: JSON.stringify({ id: tom.personId }), message: JSON.stringify({ text: 'hi' }) }).toString(),
    });
    expect(await answer.json()).toMatchObject({ error: { code: 10, error_subcode: 2534022, message: '(#10) This message is sent outside of allowed window.' } });
  });

  it('a private reply goes once per comment, within 7 days of it', async () => {
    const { h, account } = await withMessages();
    await h.value('comments.refresh', {});
    const [recent, old] = (await h.value<Comment[]>('comments.list', { accountId: account.id })).filter((c) => !c.own);
    const until = (comment: Comment) => new Date(Date.parse(comment.timestamp) + 7 * DAY).toISOString();
    expect(await h.value('comments.privateReplyStatus', { commentIds: [recent!.id, old!.id] })).toEqual({
      [recent!.id]: { state: 'available', until: until(recent!) },
      [old!.id]: { state: 'available', until: until(old!) },
    });

    const first = await h.value<{ privateReply: { state: string } }>('comments.replyPrivately', { commentId: recent!.id, text: 'Sent you the link!' });
    expect(first.privateReply.state).toBe('used');
    const dm = h.sandbox.world.messaging.conversationsOf(account.igUserId).find((c) => c.personUsername === recent!.username)!;
    expect(dm.messages.at(-1)).toMatchObject({ fromBusiness: true, text: 'Sent you the link!' });

    const sent = sends(h);
    expect(await h.call('comments.replyPrivately', { commentId: recent!.id, text: 'And again' })).toMatchObject({ ok: false, error: { code: 'private_reply_used' } });
    // A week later the other comment's 7 days are over.
    await h.clock.advanceAsync(7 * DAY);
    expect(await h.value('comments.privateReplyStatus', { commentIds: [old!.id] })).toEqual({ [old!.id]: { state: 'expired', until: until(old!) } });
    expect(await h.call('comments.replyPrivately', { commentId: old!.id, text: 'Late' })).toMatchObject({ ok: false, error: { code: 'private_reply_expired' } });
    expect(sends(h)).toBe(sent);
  });

  it('the account’s own comment takes no private reply: its status says so and sending is refused', async () => {
    const { h, account } = await withMessages();
    // Written in the Instagram app on one of her media: the inbox shows it as a thread of her own.
    const [media] = h.sandbox.world.publishing.mediaOf(account.igUserId);
    h.sandbox.world.publishing.addComment(media!.id, account.igUserId, 'Thanks everyone for the kind words!', { username: 'maya.makes' });
    await h.value('comments.refresh', {});
    const own = (await h.value<Comment[]>('comments.list', { accountId: account.id })).find((c) => c.own)!;
    expect(own.text).toBe('Thanks everyone for the kind words!');
    expect(await h.value('comments.privateReplyStatus', { commentIds: [own.id] })).toEqual({ [own.id]: { state: 'own', until: null } });
    const sent = sends(h);
    expect(await h.call('comments.replyPrivately', { commentId: own.id, text: 'Hi me' })).toMatchObject({ ok: false, error: { code: 'private_reply_to_self' } });
    expect(sends(h)).toBe(sent);
  });

  it('every messages channel refuses while messages are off', async () => {
    const { h, account } = await connected();
    await h.value('comments.refresh', {});
    const [comment] = await h.value<Comment[]>('comments.list', { accountId: account.id });
    expect(await h.call('messages.refresh', { accountId: account.id })).toMatchObject({ ok: false, error: { code: 'messages_not_enabled' } });
    expect(await h.call('comments.replyPrivately', { commentId: comment!.id, text: 'hi' })).toMatchObject({ ok: false, error: { code: 'messages_not_enabled' } });
    expect(await h.value('comments.privateReplyStatus', { commentIds: [comment!.id] })).toEqual({ [comment!.id]: { state: 'off', until: null } });
  });
});

describe('pictures by public link', () => {
  const PICTURE = 'https://images.example.com/lookbook/spring.jpg';
  /** POST /me/messages straight to the sandbox, as Instagram would receive it. */
  const postToSandbox = async (h: Harness, accountIgUserId: string, personId: string, message: unknown) => {
    const token = h.sandbox.world.newestToken(accountIgUserId)!.token;
    const answer = await fetch(`${h.sandbox.url}/v24.0/me/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ recipient: JSON.stringify({ id: personId }), message: JSON.stringify(message) }).toString(),
    });
    return (await answer.json()) as unknown;
  };

  it('a picture link reaches Instagram as an image attachment and stays in the thread', async () => {
    const { h, account, conversations } = await withMessages();
    const mara = byName(conversations, 'mara.draws');
    const replied = await h.value<Conversation>('messages.send', { accountId: account.id, conversationId: mara.id, imageUrl: PICTURE });
    expect(replied.messages.at(-1)).toMatchObject({ from: 'me', text: '', imageUrl: PICTURE });
    expect(h.sandbox.world.messaging.conversation(mara.id)!.messages.at(-1)).toMatchObject({ fromBusiness: true, imageUrl: PICTURE });
    const [listed] = (await h.value<Conversation[]>('messages.list', { accountId: account.id })).filter((c) => c.id === mara.id);
    expect(listed!.messages.at(-1)).toMatchObject({ imageUrl: PICTURE });
  });

  it('a link that is not https, not a link, or comes with text too is refused before anything is sent', async () => {
    const { h, account, conversations } = await withMessages();
    const mara = byName(conversations, 'mara.draws');
    const sent = sends(h);
    for (const input of [{ imageUrl: 'http://images.example.com/spring.jpg' }, { imageUrl: 'spring.jpg' }, { imageUrl: PICTURE, text: 'and words' }]) {
      expect(await h.call('messages.send', { accountId: account.id, conversationId: mara.id, ...input })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    }
    expect(sends(h)).toBe(sent);
  });

  it('the 24-hour window applies to pictures too, in Postdeck and in the sandbox', async () => {
    const { h, account, conversations } = await withMessages();
    const mara = byName(conversations, 'mara.draws');
    await h.clock.advanceAsync(25 * HOUR);
    const sent = sends(h);
    expect(await h.call('messages.send', { accountId: account.id, conversationId: mara.id, imageUrl: PICTURE })).toMatchObject({ ok: false, error: { code: 'reply_window_closed' } });
    expect(sends(h)).toBe(sent);
    const personId = h.sandbox.world.messaging.conversation(mara.id)!.personId;
    expect(await postToSandbox(h, account.igUserId, personId, { attachment: { type: 'image', payload: { url: PICTURE } } })).toMatchObject({ error: { code: 10, error_subcode: 2534022 } });
  });

  it('the sandbox refuses an image attachment whose link is not https, as Instagram cannot fetch it', async () => {
    const { h, account, conversations } = await withMessages();
    const mara = h.sandbox.world.messaging.conversation(byName(conversations, 'mara.draws').id)!;
    for (const url of ['http://images.example.com/spring.jpg', 'not a link']) {
      expect(await postToSandbox(h, account.igUserId, mara.personId, { attachment: { type: 'image', payload: { url } } })).toMatchObject({ error: { code: 100 } });
    }
    expect(mara.messages.some((m) => m.imageUrl !== undefined)).toBe(false);
  });
});

describe('other people’s words', () => {
  it('turning messages off forgets them and keeps the connection', async () => {
    const { h, account, conversations } = await withMessages();
    expect(conversations.length).toBeGreaterThan(0);
    const removed = await h.value<{ removed: number }>('accounts.disableMessages', { accountId: account.id });
    expect(removed.removed).toBe(3);
    const [after] = await h.value<Account[]>('accounts.list');
    expect(after).toMatchObject({ messagesEnabled: false, health: { state: 'healthy' }, scopes: FIVE_SCOPES });
    expect(await h.call('messages.list', { accountId: account.id })).toMatchObject({ ok: false, error: { code: 'messages_not_enabled' } });
    expect(databaseBytes(h.dataDir).some((bytes) => bytes.includes('Do you take commissions'))).toBe(false);
  });

  it('disconnecting the account removes its messages with it', async () => {
    const { h, account } = await withMessages();
    expect(databaseBytes(h.dataDir).some((bytes) => bytes.includes('Do you take commissions'))).toBe(true);
    await h.value('accounts.disconnect', { accountId: account.id });
    expect(databaseBytes(h.dataDir).some((bytes) => bytes.includes('Do you take commissions'))).toBe(false);
  });
});
