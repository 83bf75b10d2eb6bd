import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { AccountInsights, IgMedia, MediaInsights, TopPost } from '../../../src-shared/insights';
import { ACCOUNT_TOTAL_METRICS, IMAGE_METRICS, NOT_FOR_THIS_RANGE, REEL_METRICS } from '../../../src-shared/insights';
import { appError } from '../../../src-shared/errors';
import type { Account } from '../../../src-shared/models';
import type { Post } from '../../../src-shared/posts';
import { DAY, HOUR, MINUTE, SECOND } from '../../../src-main/config/clock';
import { ManualClock } from '../../../src-main/config/manualClock';
import { followersOn, mediaFigures } from '../../../src-main/sandbox/insights/values';
import type { MediaRecord } from '../../../src-main/sandbox/types';
import type { Harness } from '../../helpers/harness';
import { connectedWithOwnSandbox } from '../../helpers/ownSandbox';

const connectWithOwnSandbox = connectedWithOwnSandbox();

/** An app connected to maya.makes, whose sandbox account holds `outside` media published in the Instagram app. */
async function connected(outside = 12): Promise<{ h: Harness; account: Account }> {
  return connectWithOwnSandbox({ clock: new ManualClock(Date.UTC(2026, 10, 1, 9)), outside });
}

const seeded = (h: Harness, account: Account, pick: (m: MediaRecord) => boolean) => h.sandbox.world.publishing.mediaOf(account.igUserId).find(pick)!;
const insightsCalls = (h: Harness, mediaId: string) => h.sandbox.world.requestLog().filter((e) => e.path.endsWith(`/${mediaId}/insights`)).length;
const mediaInsights = (h: Harness, account: Account, igMediaId: string) => h.value<MediaInsights>('insights.media', { accountId: account.id, igMediaId });

/** Moves the clock on and lets the jobs it made due finish. */
async function later(h: Harness, ms: number): Promise<void> {
  await h.clock.advanceAsync(ms);
  await h.app.jobsIdle();
}

/** Publishes an image now through Postdeck, moving the clock a second at a time until it is out. */
async function publishImage(h: Harness, account: Account): Promise<Post> {
  const url = h.sandbox.hostMedia(await sharp({ create: { width: 1080, height: 1080, channels: 3, background: '#c96' } }).jpeg().toBuffer(), 'image/jpeg').url;
  const post = await h.value<Post>('posts.create', { accountId: account.id, kind: 'image', caption: 'for insights', media: [{ url }] });
  await h.value('posts.publishNow', { postId: post.id });
  for (let i = 0; i < 120; i++) {
    await h.app.jobsIdle();
    const current = await h.value<Post>('posts.get', { postId: post.id });
    if (current.status === 'published') return current;
    await h.clock.advanceAsync(SECOND);
  }
  throw new Error('the post was not published');
}

describe('media list', () => {
  it('lists the whole account newest first, page by page with a cursor', async () => {
    const { h, account } = await connected(30);
    const first = await h.value<{ items: IgMedia[]; nextCursor: string | null }>('media.list', { accountId: account.id });
    expect(first.items).toHaveLength(25);
    expect(first.nextCursor).not.toBeNull();
    const second = await h.value<{ items: IgMedia[]; nextCursor: string | null }>('media.list', { accountId: account.id, cursor: first.nextCursor });
    expect(second.items).toHaveLength(5);
    expect(second.nextCursor).toBeNull();
    const ids = [...first.items, ...second.items].map((m) => m.id);
    expect(ids).toEqual(h.sandbox.world.publishing.mediaOf(account.igUserId).map((m) => m.id));    // Photos and carousels show their own picture, as videos show their cover, in the grid.
    expect([...first.items, ...second.items].every((m) => m.thumbnailUrl?.startsWith(h.sandbox.url))).toBe(true);
  });
});

describe('post insights', () => {
  it('an image: only the image metrics, in one call, with the time fetched', async () => {
    const { h, account } = await connected();
    const image = seeded(h, account, (m) => m.mediaType === 'IMAGE' && m.timestamp > h.clock.now() - 100 * DAY);
    const result = await mediaInsights(h, account, image.id);
    expect(Object.keys(result.metrics).sort()).toEqual([...IMAGE_METRICS].sort());
    expect(result).toMatchObject({ igMediaId: image.id, mediaType: 'IMAGE', noInsights: null, fetchedAt: new Date(h.clock.now()).toISOString() });
    expect(insightsCalls(h, image.id)).toBe(1);
  });

  it('a Reel: only the Reel metrics', async () => {
    const { h, account } = await connected();
    const reel = seeded(h, account, (m) => m.mediaProductType === 'REELS');
    const result = await mediaInsights(h, account, reel.id);
    expect(Object.keys(result.metrics).sort()).toEqual([...REEL_METRICS].sort());
    expect(result.mediaType).toBe('REELS');
  });

  it('a carousel album has figures; its items say there are none (not zeros)', async () => {
    const { h, account } = await connected();
    const album = seeded(h, account, (m) => m.mediaType === 'CAROUSEL_ALBUM');
    expect((await mediaInsights(h, account, album.id)).metrics.reach).toBeGreaterThan(0);
    const child = await mediaInsights(h, account, album.children[0]!);
    expect(child).toMatchObject({ noInsights: 'carousel_item', metrics: {} });
    expect(insightsCalls(h, album.children[0]!)).toBe(0);
  });

  it('a missing metric is null, not 0', async () => {
    const { h, account } = await connected();
    const old = seeded(h, account, (m) => m.timestamp < h.clock.now() - 300 * DAY);
    const result = await mediaInsights(h, account, old.id);
    expect(result.metrics.reposts).toBeNull();
    expect(result.metrics.reach).toBeGreaterThan(0);
  });

  it('#10 "not enough viewers" is kept as that, every figure null, and the account stays healthy', async () => {
    const { h, account } = await connected();
    const image = seeded(h, account, (m) => m.mediaType === 'IMAGE');
    h.sandbox.world.insights.setAudience(image.id, 5);
    const result = await mediaInsights(h, account, image.id);
    expect(result.noInsights).toBe('not_enough_viewers');
    expect(Object.values(result.metrics).every((v) => v === null)).toBe(true);
    const [after] = await h.value<Account[]>('accounts.list');
    expect(after!.health.state).toBe('healthy');
  });

  it('a re-fetch replaces the stored figures: never added to the old ones', async () => {
    const { h, account } = await connected();
    const image = seeded(h, account, (m) => m.mediaType === 'IMAGE' && m.timestamp > h.clock.now() - 10 * DAY);
    const first = await mediaInsights(h, account, image.id);
    await h.clock.advanceAsync(HOUR);
    const second = await mediaInsights(h, account, image.id);
    const expected = mediaFigures(image, h.clock.now(), undefined);
    for (const metric of IMAGE_METRICS) expect(second.metrics[metric], metric).toBe(expected[metric]);
    expect(second.metrics.views).toBeGreaterThanOrEqual(first.metrics.views!);
    expect(second.fetchedAt).toBe(new Date(h.clock.now()).toISOString());
    // Fresh figures are served from storage, not fetched again.
    expect(await mediaInsights(h, account, image.id)).toEqual(second);
    expect(insightsCalls(h, image.id)).toBe(2);
  });
});

describe('when Instagram is busy', () => {
  it('a look at a post shows the stored figures with their old "as of" rather than an error', async () => {
    const { h, account } = await connected();
    const image = seeded(h, account, (m) => m.mediaType === 'IMAGE');
    const first = await mediaInsights(h, account, image.id);
    await h.clock.advanceAsync(HOUR);
    h.sandbox.world.addFault({ match: { pathSuffix: '/insights' }, kind: 'graph_error', code: 4, message: '(#4) Application request limit reached' });
    expect(await mediaInsights(h, account, image.id)).toEqual(first);
    const week = await h.value<AccountInsights>('insights.account', { accountId: account.id, days: 7 }).catch((e: Error) => e);
    expect(week).toBeInstanceOf(Error); // nothing stored yet: the error is shown
  });
});

describe('account insights', () => {
  it('totals for 7/30/90 complete days, daily reach, and followers recorded at each check; a refresh the same day replaces', async () => {
    const { h, account } = await connected();
    const week = await h.value<AccountInsights>('insights.account', { accountId: account.id, days: 7 });
    expect(Object.keys(week.totals).sort()).toEqual([...ACCOUNT_TOTAL_METRICS].sort());
    expect(Object.values(week.totals).every((v) => typeof v === 'number')).toBe(true);
    // Seven whole days, today (2026-11-01, 09:00) left out until it ends.
    expect(week).toMatchObject({ from: '2026-10-25', to: '2026-10-31' });
    expect(week.reachByDay.map((d) => d.date)).toEqual(['2026-10-25', '2026-10-26', '2026-10-27', '2026-10-28', '2026-10-29', '2026-10-30', '2026-10-31']);
    expect(week.followersByDay).toEqual([{ date: '2026-11-01', value: expect.any(Number) }]);
    const quarter = await h.value<AccountInsights>('insights.account', { accountId: account.id, days: 90 });
    expect(quarter).toMatchObject({ from: '2026-08-03', to: '2026-10-31' });
    expect(quarter.totals.views!).toBeGreaterThan(week.totals.views as number);
    // Unique counts over three 30-day windows cannot be added up: said so, not a number and not "no data".
    expect(quarter.totals.reach).toBe(NOT_FOR_THIS_RANGE);
    expect(quarter.totals.accounts_engaged).toBe(NOT_FOR_THIS_RANGE);
    expect(quarter.reachByDay).toHaveLength(90);

    await h.clock.advanceAsync(2 * HOUR);
    await h.value('insights.refresh', { accountId: account.id });
    const again = await h.value<AccountInsights>('insights.account', { accountId: account.id, days: 7 });
    // Replaced, not added: today's followers are what the profile says now, the finished days' reach is unchanged.
    expect(again.followersByDay).toEqual([{ date: '2026-11-01', value: followersOn(h.sandbox.world.person(account.igUserId)!, h.clock.now()) }]);
    expect(again.reachByDay).toEqual(week.reachByDay);
    expect(again.totals).toEqual(week.totals);

    await h.clock.advanceAsync(DAY);
    await h.value('insights.refresh', { accountId: account.id });
    const tomorrow = await h.value<AccountInsights>('insights.account', { accountId: account.id, days: 7 });
    expect(tomorrow).toMatchObject({ from: '2026-10-26', to: '2026-11-01' });
    expect(tomorrow.followersByDay.map((d) => d.date)).toEqual(['2026-11-01', '2026-11-02']);
    expect(tomorrow.followersByDay[1]!.value).not.toBe(tomorrow.followersByDay[0]!.value);
  });

  it('a code-100 refusal says what is wrong instead of "try again in a few minutes", and the account stays healthy', async () => {
    const { h, account } = await connected(0);
    const reason = '(#100) There cannot be more than 30 days (2592000 s) between since and until';
    h.sandbox.world.addFault({ match: { pathSuffix: '/insights' }, kind: 'graph_error', code: 100, message: reason });
    const result = await h.app.dispatch('insights.account', { accountId: account.id, days: 30 });
    expect(result).toEqual({ ok: false, error: appError('instagram_invalid_parameter', reason) });
    expect(appError('instagram_invalid_parameter').action).not.toMatch(/try again/i);
    const [after] = await h.value<Account[]>('accounts.list');
    expect(after!.health.state).toBe('healthy');
  });
});

describe('top posts', () => {
  const topPosts = (h: Harness, account: Account, days: 7 | 30 | 90) => h.value<{ from: string; to: string; items: TopPost[] }>('insights.topPosts', { accountId: account.id, days });

  it('the media published in the complete days of the range, newest first, with figures, a picture, and the post when it is Postdeck\'s', async () => {
    const { h, account } = await connected();
    const post = await publishImage(h, account);
    // Published today: not in a range of complete days until today ends.
    expect((await topPosts(h, account, 7)).items.map((i) => i.media.id)).not.toContain(post.igMediaId);

    await h.clock.advanceAsync(DAY);
    const week = await topPosts(h, account, 7);
    expect(week).toMatchObject({ from: '2026-10-26', to: '2026-11-01' });
    const since = Date.UTC(2026, 9, 26);
    const until = Date.UTC(2026, 10, 2);
    const expected = h.sandbox.world.publishing
      .mediaOf(account.igUserId)
      .filter((m) => m.timestamp >= since && m.timestamp < until)
      .map((m) => m.id);
    expect(week.items.map((i) => i.media.id)).toEqual(expected);
    // An image's own URL stands in for its thumbnail.
    expect(week.items[0]).toMatchObject({ postId: post.id, noInsights: null, media: { id: post.igMediaId, thumbnailUrl: expect.stringMatching(/^http/) } });
    expect(week.items.slice(1).every((i) => i.postId === null)).toBe(true);
    for (const item of week.items) {
      expect(item.metrics.reach).toBeGreaterThan(0);
      expect(item.metrics.views).toBeGreaterThan(0);
    }
    expect((await topPosts(h, account, 30)).items.length).toBeGreaterThan(week.items.length);
  });
});

describe('insights in the background', () => {
  it('after publishing: every 3 hours for 48 hours, daily to 30 days, then on demand only', async () => {
    const { h, account } = await connected(0);
    const post = await publishImage(h, account);
    const mediaId = post.igMediaId!;
    expect(insightsCalls(h, mediaId)).toBe(0);
    await later(h, 10 * MINUTE);
    expect(insightsCalls(h, mediaId)).toBe(1);
    for (let hours = 0; hours < 48; hours += 3) await later(h, 3 * HOUR);
    const early = insightsCalls(h, mediaId);
    expect(early).toBe(17);
    for (let day = 0; day < 40; day++) await later(h, DAY);
    expect(insightsCalls(h, mediaId) - early).toBe(28);
    // On demand: looking at the post fetches its figures again.
    const looked = await h.value<MediaInsights>('insights.post', { postId: post.id });
    expect(looked.fetchedAt).toBe(new Date(h.clock.now()).toISOString());
    expect(insightsCalls(h, mediaId) - early).toBe(29);
  });

  it('each account is checked daily from a few minutes after connecting, its followers counted each time', async () => {
    const { h, account } = await connected(0);
    const accountCalls = () => h.sandbox.world.requestLog().filter((e) => e.path.endsWith(`/${account.igUserId}/insights`)).length;
    await later(h, 4 * MINUTE);
    expect(accountCalls()).toBe(0);
    await later(h, MINUTE);
    expect(accountCalls()).toBe(8); // totals for 7 and 30 days (one window each) and 90 (three), and 90 days of reach (three)
    await later(h, DAY - MINUTE);
    expect(accountCalls()).toBe(8);
    await later(h, MINUTE);
    expect(accountCalls()).toBe(16);
    const insights = await h.value<AccountInsights>('insights.account', { accountId: account.id, days: 7 });
    expect(insights.followersByDay.map((d) => d.date)).toEqual(['2026-11-01', '2026-11-02']);
    expect(accountCalls()).toBe(16); // fresh: read from storage
  });

  it('throttling (code 4) backs off and tries again later, the account untouched', async () => {
    const { h, account } = await connected(0);
    const post = await publishImage(h, account);
    h.sandbox.world.addFault({ match: { pathSuffix: `/${post.igMediaId}/insights` }, kind: 'graph_error', code: 4, message: '(#4) Application request limit reached', count: 1 });
    await later(h, 10 * MINUTE);
    expect(insightsCalls(h, post.igMediaId!)).toBe(1);
    const [account1] = await h.value<Account[]>('accounts.list');
    expect(account1!.health.state).toBe('healthy');
    await later(h, 14 * MINUTE);
    expect(insightsCalls(h, post.igMediaId!)).toBe(1); // still waiting out the backoff
    await later(h, MINUTE);
    expect(insightsCalls(h, post.igMediaId!)).toBe(2);
    const stored = await h.value<MediaInsights>('insights.post', { postId: post.id });
    expect(stored.metrics.reach).toBeGreaterThan(0);
  });
});
