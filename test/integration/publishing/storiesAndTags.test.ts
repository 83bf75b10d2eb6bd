import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Post } from '../../../src-shared/posts';
import { STORY_METRICS, type MediaInsights } from '../../../src-shared/insights';
import { NOT_AN_INSTAGRAM_LINK } from '../../../src-shared/externalLinks';
import { HOUR } from '../../../src-main/config/clock';
import { connectedPerTest, hostedImage, runUntil } from '../../helpers/connectedApp';
import type { Harness } from '../../helpers/harness';

/** Stories, Remind me, collaborators, user tags and Reel options from posts.create to what Instagram was sent. */
const connected = connectedPerTest();
const withAccount = (username: 'maya.makes' | 'northside.bakery', notified: string[] = []) =>
  connected({ overrides: { notifier: { notify: (title) => notified.push(title) } } }, username);
const reelFile = join(import.meta.dirname, '../../fixtures/media/reel-4s-9x16.mp4');
const get = (h: Harness, postId: string) => h.value<Post>('posts.get', { postId });
const errorOf = (result: { ok: boolean; error?: { code: string; detail?: string } }) => (result.ok ? null : result.error);
const soon = (h: Harness) => new Date(h.clock.now() + HOUR).toISOString();

describe('Stories', () => {
  it('a Business account’s Story goes out as media_type=STORIES without its caption, with its tags', async () => {
    const { h, account } = await withAccount('northside.bakery');
    const post = await h.value<Post>('posts.create', {
      accountId: account.id,
      kind: 'story',
      caption: 'not sent',
      media: [{ url: await hostedImage(h) }],
      userTags: [{ username: '@maya.makes' }, { username: 'sam.cooks', x: 0.5, y: 0.8 }],
      scheduledAt: soon(h),
    });
    expect(post).toMatchObject({ kind: 'story', status: 'scheduled', userTags: [{ username: 'maya.makes' }, { username: 'sam.cooks', x: 0.5, y: 0.8 }] });
    await h.clock.advanceAsync(HOUR);
    const done = await runUntil(h, post.id, ['published', 'failed']);
    expect(done.status).toBe('published');
    const [container] = h.sandbox.world.publishing.containersOf(account.igUserId);
    expect(container).toMatchObject({ kind: 'STORIES', caption: '', userTags: [{ username: 'maya.makes' }, { username: 'sam.cooks', x: 0.5, y: 0.8 }] });
    expect(h.sandbox.world.publishing.mediaOf(account.igUserId)[0]).toMatchObject({ id: done.igMediaId, mediaProductType: 'STORY' });
  });

  it('a Story’s insights are read before they vanish at 24 hours, and what was taken stays with its time', async () => {
    const { h, account } = await withAccount('northside.bakery');
    const post = await h.value<Post>('posts.create', { accountId: account.id, kind: 'story', caption: '', media: [{ url: await hostedImage(h) }] });
    await h.value('posts.publishNow', { postId: post.id });
    const done = await runUntil(h, post.id, ['published', 'failed']);
    expect(done.status).toBe('published');
    const publishedAt = Date.parse(done.publishedAt!);
    // The background reads run every few hours; the last lands at 23 h, before the figures vanish.
    for (let hour = 0; hour < 26; hour++) {
      await h.clock.advanceAsync(HOUR);
      await h.app.jobsIdle();
    }
    const insights = await h.value<MediaInsights>('insights.post', { postId: post.id });
    expect(insights.mediaType).toBe('STORY');
    expect(Object.keys(insights.metrics).sort()).toEqual([...STORY_METRICS].sort());
    expect(insights.metrics.reach).toEqual(expect.any(Number));
    expect(Date.parse(insights.fetchedAt)).toBe(publishedAt + 23 * HOUR);
  });

  it('a Creator account’s Story is refused with story_needs_business: nothing stored, nothing sent', async () => {
    const { h, account } = await withAccount('maya.makes');
    const refused = await h.call('posts.create', { accountId: account.id, kind: 'story', caption: '', media: [{ url: await hostedImage(h) }], scheduledAt: soon(h) });
    expect(errorOf(refused)).toMatchObject({ code: 'story_needs_business', message: expect.stringContaining('Business accounts only'), action: expect.stringContaining('Remind me') });
    expect(await h.value<Post[]>('posts.list', {})).toEqual([]);
    expect(h.sandbox.world.publishing.containersOf(account.igUserId)).toEqual([]);
  });

  it('in Remind me mode a Creator’s Story waits at its slot with pendingReason remind and a notification; marked posted, it is published', async () => {
    const notified: string[] = [];
    const { h, account } = await withAccount('maya.makes', notified);
    const post = await h.value<Post>('posts.create', { accountId: account.id, kind: 'story', caption: '', media: [{ url: 'https://cdn.example.com/story.jpg' }], mode: 'remind', scheduledAt: soon(h) });
    expect(post).toMatchObject({ status: 'scheduled', mode: 'remind' });
    await h.clock.advanceAsync(HOUR);
    await h.app.jobsIdle();
    expect(await get(h, post.id)).toMatchObject({ status: 'pending_manual', pendingReason: 'remind' });
    expect(notified).toEqual(['Time to post your Story']);
    expect(errorOf(await h.call('posts.approve', { postId: post.id }))?.code).toBe('story_needs_business');
    // Its link, if given, is an Instagram post's: anything else is refused with a sentence, and the post still waits.
    for (const permalink of ['https://example.com/stories/maya.makes/1/', 'https://www.instagram.com/maya.makes/', 'not a link']) {
      expect(errorOf(await h.call('posts.markPosted', { postId: post.id, permalink }))).toMatchObject({ code: 'invalid_request', detail: expect.stringContaining(NOT_AN_INSTAGRAM_LINK) });
    }
    expect(await get(h, post.id)).toMatchObject({ status: 'pending_manual' });
    const posted = await h.value<Post>('posts.markPosted', { postId: post.id, permalink: 'https://www.instagram.com/stories/maya.makes/1/' });
    expect(posted).toMatchObject({ status: 'published', pendingReason: null, permalink: 'https://www.instagram.com/stories/maya.makes/1/' });
    expect(posted.publishedAt).not.toBeNull();
    expect(h.sandbox.world.publishing.containersOf(account.igUserId)).toEqual([]);
    expect(errorOf(await h.call('posts.markPosted', { postId: post.id }))?.code).toBe('post_not_remind');
  });

  it('a Story is one item (a photo or a short video), without collaborators, a first comment or Reel options', async () => {
    const { h, account } = await withAccount('northside.bakery');
    const base = { accountId: account.id, kind: 'story', caption: '', media: [{ url: 'https://cdn.example.com/a.jpg' }] };
    expect(errorOf(await h.call('posts.create', { ...base, collaborators: ['maya.makes'] }))?.detail).toMatch(/A Story cannot have collaborators/);
    expect(errorOf(await h.call('posts.create', { ...base, firstComment: 'hi' }))?.detail).toMatch(/no comments/);
    expect(errorOf(await h.call('posts.create', { ...base, trialReel: 'manual' }))?.detail).toMatch(/options of a Reel only/);
    expect(errorOf(await h.call('posts.create', { ...base, media: [...base.media, ...base.media] }))?.detail).toMatch(/one photo or one video; this one has 2/);
    const clip = await h.value<{ id: string; durationMs: number }>('media.import', { path: reelFile });
    expect((await h.value<Post>('posts.create', { ...base, media: [{ mediaId: clip.id }] })).kind).toBe('story');
    expect(await h.value<Post[]>('posts.list', {})).toHaveLength(1);
  });
});

describe('collaborators, tags and Reel options', () => {
  it('collaborators (a leading @ dropped) and each photo’s tags go with a carousel: the parent invites, each photo tags', async () => {
    const { h, account } = await withAccount('maya.makes');
    const [one, two] = [await hostedImage(h), await hostedImage(h)];
    const post = await h.value<Post>('posts.create', {
      accountId: account.id,
      kind: 'carousel',
      caption: 'two loaves',
      collaborators: ['@northside.bakery', 'sam.cooks'],
      media: [{ url: one!, userTags: [{ username: '@sam.cooks', x: 0.2, y: 0.3 }] }, { url: two! }],
    });
    expect(post.collaborators).toEqual(['northside.bakery', 'sam.cooks']);
    expect(post.media[0]!.userTags).toEqual([{ username: 'sam.cooks', x: 0.2, y: 0.3 }]);
    await h.value('posts.publishNow', { postId: post.id });
    expect((await runUntil(h, post.id, ['published', 'failed'])).status).toBe('published');
    const containers = h.sandbox.world.publishing.containersOf(account.igUserId);
    expect(containers.map((c) => [c.kind, c.isCarouselItem, c.collaborators, c.userTags])).toEqual([
      ['IMAGE', true, undefined, [{ username: 'sam.cooks', x: 0.2, y: 0.3 }]],
      ['IMAGE', true, undefined, undefined],
      ['CAROUSEL', false, ['northside.bakery', 'sam.cooks'], undefined],
    ]);
  });

  it('a Reel sends share_to_feed, audio_name, trial_params and its tags by name; an update changes them', async () => {
    const { h, account } = await withAccount('maya.makes');
    const clip = await h.value<{ id: string }>('media.import', { path: reelFile });
    const draft = await h.value<Post>('posts.create', { accountId: account.id, kind: 'reel', caption: 'proofing', media: [{ mediaId: clip.id }], trialReel: 'manual' });
    expect(draft).toMatchObject({ shareToFeed: true, audioName: null, trialReel: 'manual', collaborators: [], userTags: [] });
    const edited = await h.value<Post>('posts.update', { postId: draft.id, shareToFeed: false, audioName: 'Morning bake', trialReel: 'performance', userTags: [{ username: 'sam.cooks' }], collaborators: ['northside.bakery'] });
    expect(edited).toMatchObject({ shareToFeed: false, audioName: 'Morning bake', trialReel: 'performance', userTags: [{ username: 'sam.cooks' }], collaborators: ['northside.bakery'] });
    await h.value('posts.publishNow', { postId: draft.id });
    expect((await runUntil(h, draft.id, ['published', 'failed'])).status).toBe('published');
    expect(h.sandbox.world.publishing.mediaOf(account.igUserId)[0]).toMatchObject({
      mediaProductType: 'REELS',
      shareToFeed: false,
      audioName: 'Morning bake',
      trialStrategy: 'SS_PERFORMANCE',
      collaborators: ['northside.bakery'],
      userTags: [{ username: 'sam.cooks' }],
    });
  });

  it('refused by name before scheduling: a bad username, a fourth collaborator, 21 tags, a tag off the photo, tags on the wrong level, Reel options elsewhere', async () => {
    const { h, account } = await withAccount('maya.makes');
    const base = { accountId: account.id, kind: 'image', caption: 'x', media: [{ url: 'https://cdn.example.com/a.jpg' }] };
    const tag = (username: string, x = 0.5) => ({ username, x, y: 0.5 });
    expect(errorOf(await h.call('posts.create', { ...base, collaborators: ['north side!'] }))).toMatchObject({ code: 'post_invalid', detail: expect.stringContaining('"north side!" is not an Instagram username') });
    expect(errorOf(await h.call('posts.create', { ...base, collaborators: ['a.a', 'b.b', 'c.c', 'd.d'] }))?.detail).toMatch(/4 collaborators; Instagram allows 3/);
    const many = Array.from({ length: 21 }, (_, i) => tag(`person${i}`));
    expect(errorOf(await h.call('posts.create', { ...base, media: [{ ...base.media[0], userTags: many }] }))?.detail).toMatch(/tags 21 people; Instagram allows 20/);
    expect(errorOf(await h.call('posts.create', { ...base, media: [{ ...base.media[0], userTags: [tag('sam.cooks', 1.2)] }] }))?.detail).toMatch(/outside the picture/);
    expect(errorOf(await h.call('posts.create', { ...base, userTags: [{ username: 'sam.cooks' }] }))?.detail).toMatch(/tagged on each photo/);
    expect(errorOf(await h.call('posts.create', { ...base, kind: 'reel', media: [{ url: 'https://cdn.example.com/a.mp4', userTags: [tag('sam.cooks')] }] }))?.detail).toMatch(/tagged on the post by name/);
    expect(errorOf(await h.call('posts.create', { ...base, kind: 'reel', media: [{ url: 'https://cdn.example.com/a.mp4' }], userTags: [tag('sam.cooks')] }))?.detail).toMatch(/by name only/);
    expect(errorOf(await h.call('posts.create', { ...base, audioName: 'song' }))?.detail).toMatch(/options of a Reel only/);
    expect(errorOf(await h.call('posts.create', { ...base, shareToFeed: false }))?.detail).toMatch(/options of a Reel only/);
    expect(await h.value<Post[]>('posts.list', {})).toEqual([]);
  });
});
