import BetterSqlite3 from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import type { Account } from '../../../src-shared/models';
import type { Post, PostStatus } from '../../../src-shared/posts';
import { DATABASE_FILE } from '../../../src-main/app/createApp';
import { DAY, HOUR, SECOND } from '../../../src-main/config/clock';
import { ManualClock } from '../../../src-main/config/manualClock';
import { startSandbox } from '../../../src-main/sandbox';
import { connectAs, type Harness, startConnected, startHarness } from '../../helpers/harness';

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

const jpeg = (width = 1080, height = 1080) => sharp({ create: { width, height, channels: 3, background: '#c96' } }).jpeg().toBuffer();

/** A JPEG at a public URL: the sandbox hosts it, as a creator's CDN would. */
async function hostedImage(h: Harness): Promise<string> {
  return h.sandbox.hostMedia(await jpeg(), 'image/jpeg').url;
}

const get = (h: Harness, postId: string) => h.value<Post>('posts.get', { postId });
const published = (h: Harness, account: Account) => h.sandbox.world.publishing.mediaOf(account.igUserId);

/** Lets jobs run and moves the sandbox clock on a second at a time, until the post reaches one of `statuses`. */
async function runUntil(h: Harness, postId: string, statuses: PostStatus[], limitMs = 10 * 60 * SECOND): Promise<Post> {
  for (let waited = 0; ; waited += SECOND) {
    await h.app.jobsIdle();
    const post = await get(h, postId);
    if (statuses.includes(post.status)) return post;
    if (waited > limitMs) throw new Error(`post still ${post.status} after ${waited} ms: ${JSON.stringify(post.attempts)}`);
    await h.clock.advanceAsync(SECOND);
  }
}

async function create(h: Harness, account: Account, extra: Record<string, unknown> = {}): Promise<Post> {
  return h.value<Post>('posts.create', { accountId: account.id, kind: 'image', caption: 'Fresh sourdough #bakery', media: [{ url: await hostedImage(h) }], ...extra });
}

describe('publishing against the sandbox', () => {
  it('an image goes out at its slot: container, status, publish, permalink, first comment; logged step by step', async () => {
    const { h, account } = await withAccount();
    const post = await create(h, account, { firstComment: '#sourdough #bread', scheduledAt: new Date(h.clock.now() + HOUR).toISOString() });
    await h.clock.advanceAsync(HOUR - SECOND);
    await h.app.jobsIdle();
    expect((await get(h, post.id)).status).toBe('scheduled');
    const done = await runUntil(h, post.id, ['published', 'failed', 'held']);
    expect(done).toMatchObject({ status: 'published', error: null, firstCommentError: null });
    const media = published(h, account);
    expect(media.map((item) => [item.id, item.caption])).toEqual([[done.igMediaId, 'Fresh sourdough #bakery']]);
    expect(done.permalink).toBe(`https://www.instagram.com/p/${media[0]!.shortcode}/`);
    expect(h.sandbox.world.publishing.commentsOn(done.igMediaId!).map((comment) => comment.text)).toEqual(['#sourdough #bread']);
    expect(done.attempts.map((attempt) => attempt.step)).toEqual(expect.arrayContaining(['container_created', 'container_ready', 'published', 'first_comment']));
  });

  it('an imported file is hosted by the sandbox for the attempt and taken down after publishing', async () => {
    const { h, account } = await withAccount();
    const file = join(mkdtempSync(join(tmpdir(), 'postdeck-media-')), 'photo.png');
    writeFileSync(file, await sharp({ create: { width: 2000, height: 1000, channels: 3, background: '#69c' } }).png().toBuffer());
    const item = await h.value<{ id: string; kind: string }>('media.import', { path: file });
    expect(item.kind).toBe('image');
    const post = await h.value<Post>('posts.create', { accountId: account.id, kind: 'image', caption: 'from disk', media: [{ mediaId: item.id }] });
    await h.value('posts.publishNow', { postId: post.id });
    const done = await runUntil(h, post.id, ['published', 'failed']);
    expect(done.status).toBe('published');
    const container = h.sandbox.world.publishing.containersOf(account.igUserId)[0]!;
    const fetched = await request(container.mediaUrl!);
    await fetched.body.dump();
    expect(fetched.statusCode).toBe(404);
  });

  it('the answer to media_publish is lost: the container is read, and the post is published exactly once', async () => {
    const { h, account } = await withAccount();
    h.sandbox.world.addFault({ kind: 'drop_answer', match: { method: 'POST', pathSuffix: '/media_publish' }, count: 1 });
    const post = await create(h, account);
    await h.value('posts.publishNow', { postId: post.id });
    const done = await runUntil(h, post.id, ['published', 'failed']);
    expect(done.status).toBe('published');
    expect(published(h, account)).toHaveLength(1);
    expect(done.igMediaId).toBe(published(h, account)[0]!.id);
    expect(done.attempts.some((attempt) => attempt.step === 'reconcile')).toBe(true);
    const publishCalls = h.sandbox.world.requestLog().filter((entry) => entry.path.endsWith('/media_publish'));
    expect(publishCalls).toHaveLength(1);
  });

  it('a container that ends in ERROR fails the post with the reason, and nothing is published', async () => {
    const { h, account } = await withAccount();
    h.sandbox.world.addFault({ kind: 'container_error', subcode: 2207026, match: { method: 'POST', pathSuffix: '/media' }, count: 1 });
    const post = await create(h, account);
    await h.value('posts.publishNow', { postId: post.id });
    const done = await runUntil(h, post.id, ['published', 'failed']);
    expect(done.status).toBe('failed');
    expect(done.error).toMatchObject({ code: 'container_failed', message: expect.stringContaining('2207026') });
    expect(published(h, account)).toEqual([]);
  });

  it('media Instagram cannot fetch fails with the reason and the fix', async () => {
    const { h, account } = await withAccount();
    const post = await h.value<Post>('posts.create', { accountId: account.id, kind: 'image', caption: 'x', media: [{ url: `${h.sandbox.url}/media/missing` }] });
    await h.value('posts.publishNow', { postId: post.id });
    const done = await runUntil(h, post.id, ['published', 'failed']);
    expect(done.error).toMatchObject({ code: 'media_unavailable' });
    expect(done.attempts.at(-1)).toMatchObject({ outcome: 'failed', instagramCode: 9004, instagramSubcode: 2207052 });
  });

  /** A quota of one post a day, spent by a first post that goes out. */
  async function useUpTheDaysQuota(h: Harness, account: Account) {
    h.sandbox.world.publishing.setOptions({ publishQuotaTotal: 1 });
    const first = await create(h, account);
    await h.value('posts.publishNow', { postId: first.id });
    await runUntil(h, first.id, ['published']);
    return first;
  }

  it('quota used up: held with publish_limit_reached and when it frees up, then goes out by itself', async () => {
    const { h, account } = await withAccount();
    const first = await useUpTheDaysQuota(h, account);
    const second = await create(h, account);
    await h.value('posts.publishNow', { postId: second.id });
    const held = await runUntil(h, second.id, ['held', 'published']);
    expect(held).toMatchObject({ status: 'held', error: { code: 'publish_limit_reached' } });
    expect(Date.parse(held.retryAt!)).toBe(Date.parse((await get(h, first.id)).publishedAt!) + DAY);
    await h.clock.advanceAsync(DAY);
    expect(await runUntil(h, second.id, ['published'])).toMatchObject({ status: 'published', error: null });
    expect(published(h, account)).toHaveLength(2);
  });

  it('quota used up: read before anything is sent, so no container is created and media_publish is never called', async () => {
    const { h, account } = await withAccount();
    await useUpTheDaysQuota(h, account);
    const second = await create(h, account);
    h.sandbox.world.clearRequestLog();
    await h.value('posts.publishNow', { postId: second.id });
    expect(await runUntil(h, second.id, ['held', 'published', 'failed'])).toMatchObject({ status: 'held', error: { code: 'publish_limit_reached' } });
    const publishing = h.sandbox.world.requestLog().filter((entry) => /\/(media|media_publish|content_publishing_limit)$/.test(entry.path));
    expect(publishing.map((entry) => `${entry.method} ${entry.path.split('/').at(-1)}`)).toEqual(['GET content_publishing_limit']);
    expect(h.sandbox.world.publishing.containersOf(account.igUserId)).toHaveLength(1);
  });

  it('access withdrawn while publishing: the post is held, the account unhealthy with one alert; reconnecting resumes it', async () => {
    const notified: string[] = [];
    const { h, account } = await withAccount(notified);
    const post = await create(h, account);
    h.sandbox.world.revokeTokens(account.igUserId, 'password_changed');
    await h.value('posts.publishNow', { postId: post.id });
    const held = await runUntil(h, post.id, ['held', 'failed', 'published']);
    expect(held).toMatchObject({ status: 'held', error: { code: 'account_unhealthy' } });
    const [unhealthy] = await h.value<Account[]>('accounts.list');
    expect(unhealthy!.health).toMatchObject({ state: 'unhealthy', reason: 'token_revoked' });
    expect(notified).toEqual(['@maya.makes needs reconnecting']);
    expect((await connectAs(h, { username: 'maya.makes' }, { accountId: account.id })).ok).toBe(true);
    expect(await runUntil(h, post.id, ['published', 'failed'])).toMatchObject({ status: 'published' });
    expect(published(h, account)).toHaveLength(1);
  });

  it('manual mode: at the slot it waits; approved, it goes out', async () => {
    const { h, account } = await withAccount();
    const post = await create(h, account, { mode: 'manual', scheduledAt: new Date(h.clock.now() + HOUR).toISOString() });
    await h.clock.advanceAsync(HOUR);
    expect(await runUntil(h, post.id, ['pending_manual'])).toMatchObject({ pendingReason: 'manual_mode' });
    expect(published(h, account)).toEqual([]);
    await h.value('posts.approve', { postId: post.id });
    expect(await runUntil(h, post.id, ['published', 'failed'])).toMatchObject({ status: 'published' });
  });

  it('a job keeps to its account\'s Instagram: in live mode a sandbox post waits, and goes out back in sandbox mode', async () => {
    const { h, account } = await withAccount();
    const post = await create(h, account, { scheduledAt: new Date(h.clock.now() + HOUR).toISOString() });
    await h.value('settings.setLiveConfig', { appId: '7700000000000042', appSecret: '0123456789abcdef0123456789abcdef', redirectUri: 'https://example.com/cb' });
    h.sandbox.world.clearRequestLog();
    await h.clock.advanceAsync(2 * HOUR);
    await h.app.jobsIdle();
    expect(h.sandbox.world.requestLog()).toEqual([]);
    await h.value('settings.clearLiveConfig');
    expect(await runUntil(h, post.id, ['published', 'failed'])).toMatchObject({ status: 'published' });
    expect(published(h, account)).toHaveLength(1);
  });

  it('a carousel of three images is one post and one unit of quota', async () => {
    const { h, account } = await withAccount();
    const media = [{ url: await hostedImage(h) }, { url: await hostedImage(h) }, { url: await hostedImage(h) }];
    const post = await h.value<Post>('posts.create', { accountId: account.id, kind: 'carousel', caption: 'three', media });
    await h.value('posts.publishNow', { postId: post.id });
    const done = await runUntil(h, post.id, ['published', 'failed']);
    expect(done, JSON.stringify(done.attempts)).toMatchObject({ status: 'published' });
    expect(published(h, account).map((item) => [item.mediaType, item.children.length])).toEqual([['CAROUSEL_ALBUM', 3]]);
    expect(h.sandbox.world.publishing.quotaUsage(account.igUserId)).toBe(1);
  });
});

describe('alt text per photo', () => {
  it("each slide's own alt text reaches Instagram as that item's alt_text; the post-wide one goes to the first photo only", async () => {
    const { h, account } = await withAccount();
    const media = [{ url: await hostedImage(h) }, { url: await hostedImage(h), altText: 'A loaf cut open' }, { url: await hostedImage(h) }];
    const post = await h.value<Post>('posts.create', { accountId: account.id, kind: 'carousel', caption: 'three', altText: 'The bakery at dawn', media });
    expect(post.media[1]).toEqual({ url: media[1]!.url, altText: 'A loaf cut open' });
    await h.value('posts.publishNow', { postId: post.id });
    expect(await runUntil(h, post.id, ['published', 'failed'])).toMatchObject({ status: 'published' });
    const items = h.sandbox.world.publishing.containersOf(account.igUserId).filter((container) => container.isCarouselItem);
    expect(items.map((item) => item.altText)).toEqual(['The bakery at dawn', 'A loaf cut open', undefined]);
  });

  it('an edit keeps each slide its alt text, and an image post sends its item\'s', async () => {
    const { h, account } = await withAccount();
    const draft = await create(h, account);
    const edited = await h.value<Post>('posts.update', { postId: draft.id, media: [{ ...draft.media[0]!, altText: 'Crust close up' }], altText: null, firstComment: null, reelCover: null });
    expect(edited.media[0]).toMatchObject({ altText: 'Crust close up' });
    await h.value('posts.publishNow', { postId: draft.id });
    expect(await runUntil(h, draft.id, ['published', 'failed'])).toMatchObject({ status: 'published' });
    expect(h.sandbox.world.publishing.containersOf(account.igUserId).map((container) => container.altText)).toEqual(['Crust close up']);
  });
});

describe('a carousel with an imported video', () => {
  it('the video item goes to Instagram as media_type=VIDEO with video_url, decided by the media library, and the album publishes', async () => {
    const { h, account } = await withAccount();
    const file = join(mkdtempSync(join(tmpdir(), 'postdeck-media-')), 'photo.jpg');
    writeFileSync(file, await jpeg());
    const photo = await h.value<{ id: string; kind: string }>('media.import', { path: file });
    const video = await h.value<{ id: string; kind: string }>('media.import', { path: join(import.meta.dirname, '../../fixtures/media/reel-4s-9x16.mp4') });
    expect([photo.kind, video.kind]).toEqual(['image', 'video']);
    const post = await h.value<Post>('posts.create', { accountId: account.id, kind: 'carousel', caption: 'oven and loaf', media: [{ mediaId: photo.id }, { mediaId: video.id }] });
    await h.value('posts.publishNow', { postId: post.id });
    const done = await runUntil(h, post.id, ['published', 'failed']);
    expect(done, JSON.stringify(done.attempts)).toMatchObject({ status: 'published' });
    const items = h.sandbox.world.publishing.containersOf(account.igUserId).filter((container) => container.isCarouselItem);
    expect(items.map((item) => item.kind)).toEqual(['IMAGE', 'VIDEO']);
    const [album] = published(h, account);
    expect(album!.children.map((id) => h.sandbox.world.publishing.mediaById(id)?.mediaType)).toEqual(['IMAGE', 'VIDEO']);
  });
});

describe('published, but which Instagram media is it? (the publish answer lost, two candidates)', () => {
  it('the post says its first comment waits for a choice; the user picks the media and the comment goes there once; wrong picks are refused by name', async () => {
    const { h, account } = await withAccount();
    const store = h.sandbox.world.publishing;
    const now = h.sandbox.world.now();
    const older = store.addOutside({ igUserId: account.igUserId, kind: 'IMAGE', caption: 'Two days ago', timestamp: now - 2 * DAY });
    // The same caption, posted in the Instagram app a moment earlier: reconciling cannot tell the two apart.
    const twin = store.addOutside({ igUserId: account.igUserId, kind: 'IMAGE', caption: 'Fresh sourdough #bakery', timestamp: now });
    const bakery = store.addOutside({ igUserId: '17841455512345679', kind: 'IMAGE', caption: 'Fresh sourdough #bakery', timestamp: now });
    const earlier = await create(h, account, { caption: 'An earlier post' });
    await h.value('posts.publishNow', { postId: earlier.id });
    const earlierMediaId = (await runUntil(h, earlier.id, ['published'])).igMediaId!;

    h.sandbox.world.addFault({ kind: 'drop_answer', match: { method: 'POST', pathSuffix: '/media_publish' }, count: 1 });
    const post = await create(h, account, { firstComment: '#sourdough #bread' });
    await h.value('posts.publishNow', { postId: post.id });
    const done = await runUntil(h, post.id, ['published', 'failed']);
    const ours = store.containersOf(account.igUserId).at(-1)!.publishedMediaId!;
    expect(done).toMatchObject({ status: 'published', igMediaId: null, firstCommentError: { code: 'first_comment_media_unknown' } });
    expect(store.commentsOn(ours)).toEqual([]);

    const choices = await h.value<Array<{ id: string }>>('posts.mediaChoices', { postId: post.id });
    expect(choices.map((choice) => choice.id)).toEqual([ours, twin.id]);

    const refusal = (igMediaId: string) => h.call('posts.postFirstComment', { postId: post.id, igMediaId });
    expect(await refusal(bakery.id)).toMatchObject({ ok: false, error: { code: 'media_choice_invalid', detail: 'It is not one of @maya.makes’s recent posts.' } });
    expect(await refusal(older.id)).toMatchObject({ ok: false, error: { code: 'media_choice_invalid', detail: 'It was published before this post was sent.' } });
    expect(await refusal(earlierMediaId)).toMatchObject({ ok: false, error: { code: 'media_choice_invalid', detail: 'It is another Postdeck post.' } });
    expect(await refusal('not-a-media-id')).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    // Instagram refuses the comment (comments off on that one): nothing was posted, so the user may choose again.
    store.setCommentsEnabled(twin.id, false);
    expect(await refusal(twin.id)).toMatchObject({ ok: false });
    expect(await get(h, post.id)).toMatchObject({ igMediaId: null, firstCommentError: { code: 'first_comment_media_unknown', message: expect.stringContaining('Instagram refused the comment') } });

    const chosen = await h.value<Post>('posts.postFirstComment', { postId: post.id, igMediaId: ours });
    expect(chosen).toMatchObject({ status: 'published', igMediaId: ours, permalink: expect.stringMatching(/^https:\/\/www\.instagram\.com\/p\//), firstCommentError: null });
    expect(store.commentsOn(ours).map((comment) => comment.text)).toEqual(['#sourdough #bread']);
    expect(await refusal(ours)).toMatchObject({ ok: false, error: { code: 'post_not_editable' } });
    expect(store.commentsOn(ours)).toHaveLength(1);
    expect([twin, older, bakery].flatMap((media) => store.commentsOn(media.id))).toEqual([]);
  });
});

describe('publishing Reels and expired containers', () => {
  it('a Reel from disk: hosted, processed for its video time, published as REELS with a /reel/ permalink', async () => {
    const { h, account } = await withAccount();
    const item = await h.value<{ id: string; kind: string; durationMs: number }>('media.import', { path: join(import.meta.dirname, '../../fixtures/media/reel-4s-9x16.mp4') });
    expect(item).toMatchObject({ kind: 'video' });
    const post = await h.value<Post>('posts.create', { accountId: account.id, kind: 'reel', caption: 'behind the oven', media: [{ mediaId: item.id }] });
    expect(post.progress).toBeNull();
    await h.value('posts.publishNow', { postId: post.id });
    await h.app.jobsIdle();
    // Instagram takes its time over a video: the post says so while it waits.
    expect(await get(h, post.id)).toMatchObject({ status: 'publishing', progress: 'processing' });
    const done = await runUntil(h, post.id, ['published', 'failed']);
    expect(done.progress).toBeNull();
    expect(done, JSON.stringify(done.attempts)).toMatchObject({ status: 'published' });
    expect(published(h, account).map((media) => [media.mediaType, media.mediaProductType])).toEqual([['VIDEO', 'REELS']]);
    expect(done.permalink).toMatch(/^https:\/\/www\.instagram\.com\/reel\/[\w-]+\/$/);
  });

  it('a container that expired before it was published is made again, and the post goes out once', async () => {
    // Instagram's clock runs on while Postdeck is asleep: the sandbox gets its own clock so only it moves 25 hours.
    const appClock = new ManualClock(Date.UTC(2026, 10, 1, 9));
    const instagramClock = new ManualClock(appClock.now());
    const sandbox = await startSandbox({ clock: instagramClock, quiet: true });
    try {
      harness = await startHarness({ clock: appClock, sandbox });
      const h = harness;
      const connected = await connectAs(h, { username: 'maya.makes' });
      if (!connected.ok) throw new Error(connected.error.code);
      const post = await create(h, connected.value);
      await h.value('posts.publishNow', { postId: post.id });
      await h.app.jobsIdle();
      expect((await get(h, post.id)).attempts.at(-1)?.step).toBe('container_created');
      const [first] = sandbox.world.publishing.containersOf(connected.value.igUserId);
      instagramClock.advance(25 * HOUR);
      expect(sandbox.world.publishing.statusOf(first!)).toBe('EXPIRED');
      let done = await get(h, post.id);
      for (let i = 0; i < 600 && done.status !== 'published' && done.status !== 'failed'; i++) {
        await appClock.advanceAsync(SECOND);
        instagramClock.advance(SECOND);
        await h.app.jobsIdle();
        done = await get(h, post.id);
      }
      expect(done, JSON.stringify(done.attempts)).toMatchObject({ status: 'published' });
      expect(done.attempts.map((attempt) => attempt.detail)).toContain('container expired; creating it again');
      expect(sandbox.world.publishing.containersOf(connected.value.igUserId)).toHaveLength(2);
      expect(published(h, connected.value)).toHaveLength(1);
    } finally {
      await harness?.close();
      harness = null;
      await sandbox.close();
    }
  });
});

describe('after publishing, a crash does not lose or repeat the follow-ups', () => {
  /** The state a SIGKILL leaves between two steps, written into the database as the killed app would have left it. */
  async function crashedAt(h: Harness, postId: string, step: 'published' | 'commenting', firstComment: string): Promise<void> {
    const db = new BetterSqlite3(join(h.dataDir, DATABASE_FILE));
    try {
      db.prepare('UPDATE posts SET step = ?, first_comment = ?, permalink = NULL WHERE id = ?').run(step, firstComment, postId);
      db.prepare("INSERT INTO jobs (id, kind, key, environment, due_at, payload, created_at, updated_at) VALUES (?, 'publish', ?, 'sandbox', ?, ?, ?, ?)")
        .run(randomUUID(), `publish:${postId}`, h.clock.now(), JSON.stringify({ postId }), h.clock.now(), h.clock.now());
    } finally {
      db.close();
    }
    await h.restart();
    await h.app.jobsIdle();
  }

  it('stopped right after the publish was stored: the permalink and the first comment follow, once', async () => {
    const { h, account } = await withAccount();
    const post = await create(h, account);
    await h.value('posts.publishNow', { postId: post.id });
    const done = await runUntil(h, post.id, ['published', 'failed']);
    await crashedAt(h, post.id, 'published', '#sourdough');
    const resumed = await get(h, post.id);
    expect(resumed).toMatchObject({ status: 'published', permalink: done.permalink, firstCommentError: null });
    expect(h.sandbox.world.publishing.commentsOn(done.igMediaId!).map((comment) => comment.text)).toEqual(['#sourdough']);
    expect(published(h, account)).toHaveLength(1);
  });

  it('stopped while the first comment was being sent: it is not sent again, and the post says it may be missing', async () => {
    const { h, account } = await withAccount();
    const post = await create(h, account);
    await h.value('posts.publishNow', { postId: post.id });
    const done = await runUntil(h, post.id, ['published', 'failed']);
    await crashedAt(h, post.id, 'commenting', '#sourdough');
    const resumed = await get(h, post.id);
    expect(resumed.status).toBe('published');
    expect(resumed.firstCommentError?.message).toMatch(/may be missing/);
    expect(h.sandbox.world.publishing.commentsOn(done.igMediaId!)).toEqual([]);
  });
});

describe("a Reel's cover", () => {
  const reelFile = () => join(import.meta.dirname, '../../fixtures/media/reel-4s-9x16.mp4');

  it('a moment of the video goes to Instagram as thumb_offset', async () => {
    const { h, account } = await withAccount();
    const video = await h.value<{ id: string }>('media.import', { path: reelFile() });
    const post = await h.value<Post>('posts.create', { accountId: account.id, kind: 'reel', caption: 'cover at 2 s', media: [{ mediaId: video.id }], reelCover: { offsetMs: 2000 } });
    expect(post.reelCover).toEqual({ offsetMs: 2000 });
    await h.value('posts.publishNow', { postId: post.id });
    expect((await runUntil(h, post.id, ['published', 'failed'])).status).toBe('published');
    expect(h.sandbox.world.publishing.containersOf(account.igUserId)[0]).toMatchObject({ kind: 'REELS', thumbOffsetMs: 2000 });
  });

  it('a photo goes online in the video’s shape as cover_url, and comes down with the video', async () => {
    const { h, account } = await withAccount();
    const video = await h.value<{ id: string }>('media.import', { path: reelFile() });
    const file = join(mkdtempSync(join(tmpdir(), 'postdeck-media-')), 'cover.png');
    writeFileSync(file, await sharp({ create: { width: 1200, height: 1200, channels: 3, background: '#fc6' } }).png().toBuffer());
    const photo = await h.value<{ id: string }>('media.import', { path: file });
    const post = await h.value<Post>('posts.create', { accountId: account.id, kind: 'reel', caption: 'photo cover', media: [{ mediaId: video.id }], reelCover: { mediaId: photo.id } });
    await h.value('posts.publishNow', { postId: post.id });
    expect((await runUntil(h, post.id, ['published', 'failed'])).status).toBe('published');
    const container = h.sandbox.world.publishing.containersOf(account.igUserId)[0]!;
    expect(container.coverUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/media\//);
    const gone = await request(container.coverUrl!);
    await gone.body.dump();
    expect(gone.statusCode).toBe(404);
  });

  it('only a Reel has a cover', async () => {
    const { h, account } = await withAccount();
    const refused = await h.call('posts.create', { accountId: account.id, kind: 'image', caption: 'x', media: [{ url: await hostedImage(h) }], reelCover: { offsetMs: 0 } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'post_invalid', detail: 'Only a Reel has a cover.' } });
  });
});
