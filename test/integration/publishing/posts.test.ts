import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Account } from '../../../src-shared/models';
import type { AppEvent, EventMap } from '../../../src-shared/events';
import type { Post, PostStatus } from '../../../src-shared/posts';
import { HOUR, MINUTE } from '../../../src-main/config/clock';
import { connectAs, type Harness, startConnected } from '../../helpers/harness';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

async function withAccount(notified: string[] = []): Promise<{ h: Harness; account: Account }> {
  const started = await startConnected({ overrides: { notifier: { notify: (title) => notified.push(title) } } });
  harness = started.h;
  return started;
}

/** Matches the `posts.changed` event of `postId` reaching `status`. */
function postReached(postId: string, status: PostStatus) {
  return (event: AppEvent) => event.name === 'posts.changed' && (event.payload as EventMap['posts.changed']).postId === postId && (event.payload as EventMap['posts.changed']).status === status;
}

const IMAGE = { url: 'https://cdn.example.com/photo.jpg' };
const at = (h: Harness, ms: number) => new Date(h.clock.now() + ms).toISOString();
const errorOf = (result: { ok: boolean; error?: { code: string; detail?: string } }) => (result.ok ? null : result.error);

describe('posts', () => {
  it('a post without a slot is a draft; with one it is scheduled; listing filters by status', async () => {
    const { h, account } = await withAccount();
    const draft = await h.value<Post>('posts.create', { accountId: account.id, kind: 'image', caption: 'Hello #bakery', media: [IMAGE] });
    expect(draft).toMatchObject({ status: 'draft', mode: 'automatic', scheduledAt: null, kind: 'image', accountId: account.id });
    const scheduled = await h.value<Post>('posts.create', { accountId: account.id, kind: 'image', caption: 'Later', media: [IMAGE], scheduledAt: at(h, HOUR) });
    expect(scheduled).toMatchObject({ status: 'scheduled', scheduledAt: at(h, HOUR) });
    expect((await h.value<Post[]>('posts.list', { status: 'draft' })).map((p) => p.id)).toEqual([draft.id]);
    expect((await h.value<Post[]>('posts.list', {})).map((p) => p.id).sort()).toEqual([draft.id, scheduled.id].sort());
  });

  it("an account's default mode applies to its new posts; a post can still say otherwise; reconnecting keeps it", async () => {
    const { h, account } = await withAccount();
    const updated = await h.value<Account>('accounts.setDefaultMode', { accountId: account.id, mode: 'manual' });
    expect(updated.defaultMode).toBe('manual');
    expect((await h.value<Post>('posts.create', { accountId: account.id, kind: 'image', caption: 'a', media: [IMAGE] })).mode).toBe('manual');
    expect((await h.value<Post>('posts.create', { accountId: account.id, kind: 'image', caption: 'b', media: [IMAGE], mode: 'automatic' })).mode).toBe('automatic');
    const again = await connectAs(h, { username: 'maya.makes' });
    expect(again.ok && again.value.defaultMode).toBe('manual');
    expect(errorOf(await h.call('accounts.setDefaultMode', { accountId: '00000000-0000-4000-8000-000000000000', mode: 'manual' }))).toMatchObject({ code: 'not_found' });
  });

  it('a Creator account’s Story is refused by name, with a plain sentence', async () => {
    const { h, account } = await withAccount();
    const story = await h.call('posts.create', { accountId: account.id, kind: 'story', caption: '', media: [IMAGE] });
    expect(errorOf(story)).toMatchObject({ code: 'story_needs_business', message: expect.stringContaining('Stories through apps for Business accounts only') });
    expect(await h.value<Post[]>('posts.list', {})).toEqual([]);
  });

  it('what Instagram would refuse is refused before scheduling, with the reason', async () => {
    const { h, account } = await withAccount();
    const base = { accountId: account.id, caption: 'x' };
    expect(errorOf(await h.call('posts.create', { ...base, kind: 'carousel', media: [IMAGE], scheduledAt: at(h, HOUR) }))).toMatchObject({ code: 'post_invalid', detail: 'A carousel needs at least 2 photos or videos; this one has 1.' });
    expect(errorOf(await h.call('posts.create', { ...base, kind: 'image', caption: 'a'.repeat(2201), media: [IMAGE] }))?.detail).toMatch(/2,201 characters; Instagram allows 2,200/);
    const tags = Array.from({ length: 31 }, (_, i) => `#t${i}`).join(' ');
    expect(errorOf(await h.call('posts.create', { ...base, kind: 'image', caption: tags, media: [IMAGE] }))?.detail).toMatch(/31 hashtags/);
    expect(errorOf(await h.call('posts.create', { ...base, kind: 'image', media: [{ url: 'http://cdn.example.com/a.jpg' }] }))?.detail).toMatch(/https/);
    expect(errorOf(await h.call('posts.create', { ...base, kind: 'image', media: [IMAGE], scheduledAt: at(h, -HOUR) }))?.detail).toBe('That time has already passed.');
    expect(await h.value<Post[]>('posts.list', {})).toEqual([]);
  });

  it('each refusal names the field it is about, so the composer shows it there; one about no field alone has none', async () => {
    const { h, account } = await withAccount();
    const base = { accountId: account.id, caption: 'x', kind: 'image', media: [IMAGE] };
    const problemsOf = async (input: object, channel: 'posts.create' | 'posts.update' = 'posts.create') => {
      const result = await h.call(channel, input);
      return result.ok ? null : (result.error as { problems?: unknown }).problems;
    };
    const tags = Array.from({ length: 31 }, (_, i) => `#t${i}`).join(' ');
    expect(await problemsOf({ ...base, caption: 'a'.repeat(2201) })).toEqual([{ field: 'caption', message: expect.stringMatching(/2,201 characters/) }]);
    expect(await problemsOf({ ...base, firstComment: tags })).toEqual([{ field: 'firstComment', message: expect.stringMatching(/31 hashtags/) }]);
    expect(await problemsOf({ ...base, kind: 'carousel', scheduledAt: at(h, HOUR) })).toEqual([{ field: 'media', message: expect.stringMatching(/at least 2/) }]);
    expect(await problemsOf({ ...base, kind: 'carousel', media: [IMAGE, { url: 'http://cdn.example.com/a.jpg' }] })).toEqual([{ field: 'media.1', message: expect.stringMatching(/https/) }]);
    expect(await problemsOf({ ...base, scheduledAt: at(h, -HOUR) })).toEqual([{ field: 'scheduledAt', message: 'That time has already passed.' }]);
    expect(await problemsOf({ ...base, scheduledAt: at(h, 3 * 366 * 24 * HOUR) })).toEqual([{ field: 'scheduledAt', message: expect.stringMatching(/two years/) }]);
    expect(await problemsOf({ ...base, collaborators: ['a.one', 'b.two', 'c.three', 'd.four'] })).toEqual([{ field: 'collaborators', message: expect.stringMatching(/4 collaborators/) }]);
    // The schema's own limits (alt text's length) say which item's field, too.
    expect(await problemsOf({ ...base, media: [{ ...IMAGE, altText: 'a'.repeat(1001) }] })).toEqual([{ field: 'media.0.altText', message: 'This is longer than the 1,000 characters allowed.' }]);
    // Share to feed, audio and trial options on a photo post: three fields at once, so none of them.
    expect(await problemsOf({ ...base, shareToFeed: false })).toEqual([{ field: null, message: expect.stringMatching(/options of a Reel only/) }]);
    const draft = await h.value<Post>('posts.create', base);
    expect(await problemsOf({ postId: draft.id, caption: tags }, 'posts.update')).toEqual([{ field: 'caption', message: expect.stringMatching(/31 hashtags/) }]);
  });

  it('a slot more than two years ahead (a typing slip such as the year 275760) is refused by name', async () => {
    const { h, account } = await withAccount();
    const base = { accountId: account.id, caption: 'x', kind: 'image', media: [IMAGE] };
    const farOff = await h.call('posts.create', { ...base, scheduledAt: '+275760-09-13T00:00:00.000Z' });
    expect(errorOf(farOff)).toMatchObject({ code: 'slot_too_far', message: expect.stringContaining('two years'), action: expect.any(String) });
    expect(errorOf(await h.call('posts.create', { ...base, scheduledAt: at(h, 3 * 366 * 24 * HOUR) }))?.code).toBe('slot_too_far');
    expect(await h.value<Post[]>('posts.list', {})).toEqual([]);
    const draft = await h.value<Post>('posts.create', base);
    expect(errorOf(await h.call('posts.update', { postId: draft.id, scheduledAt: at(h, 3 * 366 * 24 * HOUR) }))?.code).toBe('slot_too_far');
    expect((await h.value<Post>('posts.create', { ...base, scheduledAt: at(h, 700 * 24 * HOUR) })).status).toBe('scheduled');
  });

  it('the wrong kind of file for the post is refused before anything is sent', async () => {
    const { h, account } = await withAccount();
    const video = await h.value<{ id: string }>('media.import', { path: join(import.meta.dirname, '../../fixtures/media/reel-4s-9x16.mp4') });
    const asImage = await h.call('posts.create', { accountId: account.id, kind: 'image', caption: 'x', media: [{ mediaId: video.id }] });
    expect(errorOf(asImage)).toMatchObject({ code: 'post_invalid', detail: 'The file is a video; an image post takes a photo. Make it a Reel instead.' });
    const asReel = await h.call('posts.create', { accountId: account.id, kind: 'reel', caption: 'x', media: [{ mediaId: video.id }], reelCover: { mediaId: video.id } });
    expect(errorOf(asReel)).toMatchObject({ code: 'post_invalid', detail: 'The cover must be a photo from the media library.' });
    const gone = await h.call('posts.create', { accountId: account.id, kind: 'reel', caption: 'x', media: [{ mediaId: 'no-such-file' }] });
    expect(errorOf(gone)?.detail).toMatch(/no longer in Postdeck's media library/);
    expect(await h.value<Post[]>('posts.list', {})).toEqual([]);
  });

  it('manual mode: at its slot the post waits for approval with an OS notification; nothing is published', async () => {
    const notified: string[] = [];
    const { h, account } = await withAccount(notified);
    const post = await h.value<Post>('posts.create', { accountId: account.id, kind: 'image', caption: 'Approve me', media: [IMAGE], mode: 'manual', scheduledAt: at(h, HOUR) });
    const waiting = h.waitForEvents(postReached(post.id, 'pending_manual'));
    expect(h.app.waitingForApprovalCount()).toBe(0);
    await h.clock.advanceAsync(HOUR);
    await waiting;
    expect(await h.value<Post>('posts.get', { postId: post.id })).toMatchObject({ status: 'pending_manual', pendingReason: 'manual_mode' });
    expect(h.app.waitingForApprovalCount()).toBe(1); // the tray's count
    expect(notified).toEqual(['A post is waiting for your approval']);
    expect(h.sandbox.world.requestLog().filter((entry) => entry.method === 'POST' && entry.path.includes('/media'))).toEqual([]);
    // Back to draft, then gone.
    expect(await h.value<Post>('posts.cancel', { postId: post.id })).toMatchObject({ status: 'draft', scheduledAt: null });
    expect(h.app.waitingForApprovalCount()).toBe(0);
    expect(await h.value('posts.delete', { postId: post.id })).toEqual({ deleted: true });
    expect(errorOf(await h.call('posts.get', { postId: post.id }))?.code).toBe('post_not_found');
  });

  it('slots missed while the app was closed: within the grace hour they go out; later ones wait for approval as missed_slot', async () => {
    const { h, account } = await withAccount();
    const early = await h.value<Post>('posts.create', { accountId: account.id, kind: 'image', caption: 'early', media: [IMAGE], scheduledAt: at(h, 10 * MINUTE) });
    const late = await h.value<Post>('posts.create', { accountId: account.id, kind: 'image', caption: 'late', media: [IMAGE], mode: 'manual', scheduledAt: at(h, 3 * HOUR) });
    const recent = await h.value<Post>('posts.create', { accountId: account.id, kind: 'image', caption: 'recent', media: [IMAGE], scheduledAt: at(h, 4 * HOUR + 30 * MINUTE) });
    await h.app.close();
    h.clock.set(h.clock.now() + 5 * HOUR);
    await h.restart();
    const get = (id: string) => h.value<Post>('posts.get', { postId: id });
    expect(await get(early.id)).toMatchObject({ status: 'pending_manual', pendingReason: 'missed_slot' });
    expect(await get(late.id)).toMatchObject({ status: 'pending_manual', pendingReason: 'missed_slot' });
    expect((await get(recent.id)).status).not.toBe('pending_manual');
    expect((await get(early.id)).attempts.at(-1)?.detail).toMatch(/slot passed while Postdeck was closed/);
    expect(h.app.waitingForApprovalCount()).toBe(2);
    // The count is per environment, like the list: live mode has no waiting posts.
    await h.value('settings.setLiveConfig', { appId: '7700000000000042', appSecret: '0123456789abcdef0123456789abcdef', redirectUri: 'https://example.com/cb' });
    expect(h.app.waitingForApprovalCount()).toBe(0);
  });

  it('the grace window is a setting: with a shorter one, a post 30 minutes late waits for approval', async () => {
    const { h, account } = await withAccount();
    expect((await h.value<{ missedSlotGraceMinutes: number }>('settings.getPreferences')).missedSlotGraceMinutes).toBe(60);
    await h.value('settings.setPreferences', { missedSlotGraceMinutes: 15 });
    const post = await h.value<Post>('posts.create', { accountId: account.id, kind: 'image', caption: 'half an hour late', media: [IMAGE], scheduledAt: at(h, 10 * MINUTE) });
    await h.app.close();
    h.clock.set(h.clock.now() + 40 * MINUTE);
    await h.restart();
    expect(await h.value<Post>('posts.get', { postId: post.id })).toMatchObject({ status: 'pending_manual', pendingReason: 'missed_slot' });
    expect(errorOf(await h.call('settings.setPreferences', { missedSlotGraceMinutes: 5000 }))).toMatchObject({ code: 'invalid_request' });
  });

  it('a post for an account of the other mode is not listed there', async () => {
    const { h, account } = await withAccount();
    await h.value<Post>('posts.create', { accountId: account.id, kind: 'image', caption: 'sandbox post', media: [IMAGE] });
    await h.value('settings.setLiveConfig', { appId: '7700000000000042', appSecret: '0123456789abcdef0123456789abcdef', redirectUri: 'https://example.com/cb' });
    expect(await h.value<Post[]>('posts.list', {})).toEqual([]);
    await h.value('settings.clearLiveConfig');
    expect(await h.value<Post[]>('posts.list', {})).toHaveLength(1);
  });
});
