import { describe, expect, it } from 'vitest';
import type { Comment } from '../../../src-shared/comments';
import type { Usage } from '../../../src-shared/usage';
import type { Account } from '../../../src-shared/models';
import { DAY, HOUR, MINUTE } from '../../../src-main/config/clock';
import { ManualClock } from '../../../src-main/config/manualClock';
import type { Harness } from '../../helpers/harness';
import { connectedWithOwnSandbox } from '../../helpers/ownSandbox';

const connectWithOwnSandbox = connectedWithOwnSandbox();

const notifications: Array<{ title: string; body: string }> = [];

/** An app connected to maya.makes, whose media (published in the Instagram app 1, 4, 7 and 400 days ago) carry seeded comments. */
async function connected(): Promise<{ h: Harness; account: Account }> {
  notifications.length = 0;
  const clock = new ManualClock(Date.UTC(2026, 10, 1, 9));
  return connectWithOwnSandbox({ clock, outside: 4, overrides: { notifier: { notify: (title, body) => notifications.push({ title, body }) } } });
}

const inbox = (h: Harness, filter: Record<string, unknown> = {}) => h.value<Comment[]>('comments.list', filter);
const graphCalls = (h: Harness, match: (e: { method: string; path: string }) => boolean) => h.sandbox.world.requestLog().filter(match).length;
const commentsReads = (h: Harness) => graphCalls(h, (e) => e.method === 'GET' && e.path.endsWith('/comments'));
const sandboxComment = (h: Harness, id: string) => h.sandbox.world.publishing.comment(id);

async function later(h: Harness, ms: number): Promise<void> {
  await h.clock.advanceAsync(ms);
  await h.app.jobsIdle();
}

async function refreshed(h: Harness): Promise<Comment[]> {
  await h.value('comments.refresh', {});
  return inbox(h);
}

describe('the inbox', () => {
  it('lists every comment of the last 30 days newest first, with its post, and a re-poll never doubles one', async () => {
    const { h, account } = await connected();
    const first = await refreshed(h);
    const expected = [...h.sandbox.world.publishing.mediaOf(account.igUserId)]
      .filter((m) => m.timestamp >= h.clock.now() - 30 * DAY)
      .flatMap((m) => h.sandbox.world.publishing.commentsOn(m.id));
    expect(first.flatMap((c) => [c, ...c.replies]).map((c) => c.id).sort()).toEqual(expected.map((c) => c.id).sort());
    expect(first.length).toBeGreaterThan(2);
    expect(first.map((c) => c.timestamp)).toEqual([...first.map((c) => c.timestamp)].sort().reverse());
    expect(first[0]).toMatchObject({ accountId: account.id, read: false, own: false, hidden: false, post: { commentsEnabled: true } });
    expect(first[0]!.username).not.toBe('');
    // A page: the newest threads only.
    expect((await h.value<Comment[]>('comments.list', { limit: 2 })).map((c) => c.id)).toEqual(first.slice(0, 2).map((c) => c.id));
    expect(await h.call('comments.list', { limit: 0 })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });

    const again = await refreshed(h);
    expect(again.map((c) => c.id)).toEqual(first.map((c) => c.id));
    // A comment that arrives later is added once, beside the others.
    await h.clock.advanceAsync(3 * HOUR);
    const media = h.sandbox.world.publishing.mediaOf(account.igUserId)[0]!;
    h.sandbox.world.publishing.addComment(media.id, '', 'late one', { username: 'late.commenter' });
    const after = await refreshed(h);
    expect(after.filter((c) => c.text === 'late one')).toHaveLength(1);
    expect(new Set(after.map((c) => c.id)).size).toBe(after.length);
  });

  it('marks comments read, and unreadOnly leaves them out', async () => {
    const { h } = await connected();
    const all = await refreshed(h);
    // Unchanged, the same answer comes back (a host serializes it once); any write makes a new one.
    expect(await inbox(h)).toBe(await inbox(h));
    await h.value('comments.setRead', { commentIds: [all[0]!.id], read: true });
    expect((await inbox(h)).find((c) => c.id === all[0]!.id)?.read).toBe(true);
    expect((await inbox(h, { unreadOnly: true })).map((c) => c.id)).not.toContain(all[0]!.id);
    // Read survives a re-poll.
    expect((await refreshed(h)).find((c) => c.id === all[0]!.id)?.read).toBe(true);
  });

  it('lists one post by its Instagram media id', async () => {
    const { h } = await connected();
    const all = await refreshed(h);
    const one = await inbox(h, { postId: all[0]!.igMediaId });
    expect(one.length).toBeGreaterThan(0);
    expect(one.every((c) => c.igMediaId === all[0]!.igMediaId)).toBe(true);
  });
});

describe('actions', () => {
  it('replies to a comment: threaded under it, sent to Instagram', async () => {
    const { h } = await connected();
    const [comment] = await refreshed(h);
    const reply = await h.value<Comment>('comments.reply', { commentId: comment!.id, message: 'Thank you!' });
    expect(sandboxComment(h, reply.id)).toMatchObject({ parentId: comment!.id, text: 'Thank you!' });
    expect((await inbox(h)).find((c) => c.id === comment!.id)?.replies.map((r) => r.text)).toEqual(['Thank you!']);
    // The re-poll reads the same reply back: still one.
    expect((await refreshed(h)).find((c) => c.id === comment!.id)?.replies).toHaveLength(1);
  });

  it('refuses a reply to a reply before asking Instagram', async () => {
    const { h } = await connected();
    const [comment] = await refreshed(h);
    const reply = await h.value<Comment>('comments.reply', { commentId: comment!.id, message: 'first' });
    const posts = graphCalls(h, (e) => e.method === 'POST');
    const result = await h.call('comments.reply', { commentId: reply.id, message: 'second' });
    expect(result).toMatchObject({ ok: false, error: { code: 'reply_to_reply', message: expect.stringContaining('top-level'), action: expect.any(String) } });
    expect(graphCalls(h, (e) => e.method === 'POST')).toBe(posts);
  });

  it('hides and unhides; a hidden comment cannot be replied to', async () => {
    const { h } = await connected();
    const [comment] = await refreshed(h);
    await h.value('comments.hide', { commentId: comment!.id, hidden: true });
    expect(sandboxComment(h, comment!.id)?.hidden).toBe(true);
    expect((await inbox(h)).find((c) => c.id === comment!.id)?.hidden).toBe(true);
    const posts = graphCalls(h, (e) => e.method === 'POST');
    expect(await h.call('comments.reply', { commentId: comment!.id, message: 'hi' })).toMatchObject({ ok: false, error: { code: 'reply_to_hidden' } });
    expect(graphCalls(h, (e) => e.method === 'POST')).toBe(posts);
    await h.value('comments.hide', { commentId: comment!.id, hidden: false });
    expect(sandboxComment(h, comment!.id)?.hidden).toBe(false);
    expect((await refreshed(h)).find((c) => c.id === comment!.id)?.hidden).toBe(false);
  });

  it('deletes a comment on Instagram and in the inbox', async () => {
    const { h } = await connected();
    const [comment] = await refreshed(h);
    await h.value('comments.delete', { commentId: comment!.id });
    expect(sandboxComment(h, comment!.id)).toBeUndefined();
    expect((await inbox(h)).map((c) => c.id)).not.toContain(comment!.id);
    expect(await h.call('comments.delete', { commentId: comment!.id })).toMatchObject({ ok: false, error: { code: 'comment_not_found' } });
  });

  it('turns comments off and on for a post; replies wait while they are off', async () => {
    const { h } = await connected();
    const [comment] = await refreshed(h);
    await h.value('comments.setEnabled', { postId: comment!.igMediaId, enabled: false });
    expect(h.sandbox.world.publishing.mediaById(comment!.igMediaId)?.commentsDisabled).toBe(true);
    expect((await refreshed(h)).find((c) => c.id === comment!.id)?.post?.commentsEnabled).toBe(false);
    expect(await h.call('comments.reply', { commentId: comment!.id, message: 'hi' })).toMatchObject({ ok: false, error: { code: 'comments_disabled' } });
    await h.value('comments.setEnabled', { postId: comment!.igMediaId, enabled: true });
    expect(h.sandbox.world.publishing.mediaById(comment!.igMediaId)?.commentsDisabled).toBe(false);
    await h.value('comments.reply', { commentId: comment!.id, message: 'hi' });
  });
});

describe('the sandbox refuses as Instagram does', () => {
  it('a reply to a reply, to a hidden comment, or on a post with comments off', async () => {
    const { h, account } = await connected();
    const media = h.sandbox.world.publishing.mediaOf(account.igUserId)[0]!;
    const token = h.sandbox.world.issueLongLivedToken(account.igUserId).accessToken;
    const top = h.sandbox.world.publishing.addComment(media.id, '', 'top', { username: 'someone' });
    const reply = h.sandbox.world.publishing.addComment(media.id, account.igUserId, 'reply', { parentId: top.id });
    const post = (path: string, form: string) =>
      fetch(`${h.sandbox.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' }, body: form }).then(async (r) => ({ status: r.status, body: (await r.json()) as { error?: { code: number; message: string } } }));
    expect((await post(`/${reply.id}/replies`, 'message=x')).body.error?.message).toMatch(/top-level/);
    h.sandbox.world.publishing.setCommentHidden(top.id, true);
    expect((await post(`/${top.id}/replies`, 'message=x')).body.error?.message).toMatch(/hidden/);
    h.sandbox.world.publishing.setCommentHidden(top.id, false);
    h.sandbox.world.publishing.setCommentsEnabled(media.id, false);
    expect((await post(`/${top.id}/replies`, 'message=x')).body.error?.message).toMatch(/turned off/);
    expect((await post(`/${media.id}/comments`, 'message=x')).body.error?.message).toMatch(/turned off/);
  });

  it('seeded comments arrive over time on a new media', async () => {
    const { h, account } = await connected();
    const media = h.sandbox.world.publishing.mediaOf(account.igUserId)[0]!;
    h.sandbox.world.publishing.markSeeded(media.id, 0);
    const token = h.sandbox.world.issueLongLivedToken(account.igUserId).accessToken;
    const read = async () => ((await (await fetch(`${h.sandbox.url}/${media.id}/comments?fields=id`, { headers: { authorization: `Bearer ${token}` } })).json()) as { data: unknown[] }).data.length;
    const before = h.sandbox.world.publishing.commentsOn(media.id).length;
    expect(await read()).toBeGreaterThan(before);
  });
});

describe('background polling within the rate limits', () => {
  it('polls recent media every 5 minutes; code 4 backs off without touching the account', async () => {
    const { h, account } = await connected();
    await later(h, MINUTE);
    expect(commentsReads(h)).toBeGreaterThan(0);
    const afterFirst = commentsReads(h);
    h.sandbox.world.addFault({ match: { pathSuffix: '/media' }, kind: 'graph_error', code: 4, message: '(#4) Application request limit reached' });
    await later(h, 5 * MINUTE);
    const throttled = h.sandbox.world.requestLog().filter((e) => e.path.endsWith('/media')).length;
    // Backed off: the next five minutes bring no new attempt.
    await later(h, 5 * MINUTE);
    expect(h.sandbox.world.requestLog().filter((e) => e.path.endsWith('/media')).length).toBe(throttled);
    expect(commentsReads(h)).toBe(afterFirst);
    const [stored] = await h.value<Account[]>('accounts.list', {});
    expect(stored).toMatchObject({ id: account.id, health: { state: 'healthy' } });
    h.sandbox.world.clearFaults();
    await later(h, HOUR);
    expect(commentsReads(h)).toBeGreaterThan(afterFirst);
  });

  it("code 4 is the app's own limit even when the usage header does not say so: all background work pauses, the account stays healthy", async () => {
    const { h, account } = await connected();
    const asked = () => h.sandbox.world.requestLog().filter((e) => !e.path.startsWith('/__sandbox')).length;
    // Instagram throttles every call of a throttled app; the sandbox's header still reads low.
    h.sandbox.world.addFault({ match: { pathPrefix: '/' }, kind: 'graph_error', code: 4, message: '(#4) Application request limit reached' });
    await later(h, MINUTE);
    expect(await h.value<Usage>('settings.getUsage', {})).toMatchObject({ appPercent: 100, background: 'paused' });
    const afterFirst = asked();
    await later(h, 8 * MINUTE);
    expect(asked()).toBe(afterFirst);
    const [stored] = await h.value<Account[]>('accounts.list', {});
    expect(stored).toMatchObject({ id: account.id, health: { state: 'healthy' } });
  });

  it('pauses above 90 % usage until Instagram says access returns, while a reply still goes through', async () => {
    const { h, account } = await connected();
    const [comment] = await refreshed(h);
    h.sandbox.world.usageKnob = { appPercent: null, accountPercent: 95, regainMinutes: 30 };
    // Any answer carries the usage; this one is the user's own and is not held.
    await h.value('comments.setRead', { commentIds: [], read: true });
    const reply = await h.value<Comment>('comments.reply', { commentId: comment!.id, message: 'still works' });
    expect(sandboxComment(h, reply.id)).toBeDefined();
    const usage = await h.value<Usage>('settings.getUsage', {});
    expect(usage).toMatchObject({ background: 'paused', accounts: [{ accountId: account.id, percent: 95 }] });
    const before = commentsReads(h);
    await later(h, 20 * MINUTE);
    expect(commentsReads(h)).toBe(before);
    // Usage has fallen (the next answer says so); the polls go again once the regain time passes.
    h.sandbox.world.usageKnob = { appPercent: null, accountPercent: null, regainMinutes: null };
    await h.value('comments.reply', { commentId: comment!.id, message: 'and again' });
    await later(h, 11 * MINUTE);
    expect(commentsReads(h)).toBeGreaterThan(before);
  });

  it('holds insights checks too while the app is above 90 %', async () => {
    const { h } = await connected();
    h.sandbox.world.usageKnob = { appPercent: 95, accountPercent: null, regainMinutes: null };
    const [comment] = await refreshed(h);
    await h.value('comments.reply', { commentId: comment!.id, message: 'reading the usage' });
    await later(h, 8 * MINUTE);
    expect(graphCalls(h, (e) => e.path.endsWith('/insights'))).toBe(0);
    expect((await h.value<Usage>('settings.getUsage', {})).appPercent).toBe(95);
  });

  it('spreads polls out above 75 %', async () => {
    const { h } = await connected();
    await later(h, MINUTE);
    h.sandbox.world.usageKnob = { appPercent: 80, accountPercent: null, regainMinutes: null };
    await later(h, 5 * MINUTE);
    expect((await h.value<Usage>('settings.getUsage', {})).background).toBe('slowed');
    const slowed = commentsReads(h);
    await later(h, 5 * MINUTE);
    await later(h, 5 * MINUTE);
    // Without the governor the 5-minute poll would have run twice more.
    expect(commentsReads(h)).toBe(slowed);
  });

  it('tells the user of new comments when they asked to be told', async () => {
    const { h, account } = await connected();
    await refreshed(h);
    expect(notifications).toEqual([]);
    await h.value('settings.setPreferences', { notifyNewComments: true });
    const media = h.sandbox.world.publishing.mediaOf(account.igUserId)[0]!;
    h.sandbox.world.publishing.addComment(media.id, '', 'new!', { username: 'fan' });
    await refreshed(h);
    expect(notifications).toEqual([{ title: 'A new comment', body: expect.stringContaining('@maya.makes') }]);
    await h.value('settings.setPreferences', { notifyNewComments: false });
    h.sandbox.world.publishing.addComment(media.id, '', 'another', { username: 'fan' });
    await refreshed(h);
    expect(notifications).toHaveLength(1);
  });
});
