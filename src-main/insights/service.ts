import type { AccountFigure, AccountInsights, Audience, BestTimes, BestTimeSource, IgMedia, InsightDays, MediaInsights, TopPost } from '../../src-shared/insights';
import { INSIGHT_DAYS, STORY_INSIGHTS_LIFETIME_MS } from '../../src-shared/insights';
import type { AppMode } from '../../src-shared/models';
import type { AccountSessions, AccountUse } from '../accounts/session';
import { useAccount } from '../accounts/useAccount';
import { DAY, MINUTE, type Clock } from '../config/clock';
import type { EventBus } from '../config/events';
import { Failure, isFailure } from '../config/failure';
import type { Logger } from '../config/logger';
import type { AccountsRepo } from '../db/accountsRepo';
import type { Figures, InsightsRepo, MediaInsightsRecord } from '../db/insightsRepo';
import type { PostsRepo } from '../db/postsRepo';
import { accountTotals, followerDemographics, followersCount, isNotEnoughViewers, mediaInsights, metricsFor, onlineFollowers, reachByDay, utcDate } from '../instagram/insights';
import { bestUpcoming, combineScores, localTimeZone, scoreSlots, type Observation } from './bestTimes';
import { listMedia, mediaKind, PICTURED_MEDIA_FIELDS, toPicturedIgMedia, type MediaItem } from '../instagram/media';

/**
 * The last `days` complete days before `at`, as UTC days (the reach series' dates are): today's, still going,
 * would make "7 days" six and a bit.
 */
export function completeDays(at: number, days: number): { since: number; until: number } {
  const until = Math.floor(at / DAY) * DAY;
  return { since: until - days * DAY, until };
}

/** Top posts look at most this many of the account's newest media (two Graph pages), however long the range. */
export const TOP_POSTS_MEDIA_LIMIT = 100;
const TOP_POSTS_PAGE = 50;

/** Instagram's rule for online followers and demographics (fact sheet §7, §13). */
export const AUDIENCE_MIN_FOLLOWERS = 100;
/** Best times from history need this many of the account's own posts with a reach figure. */
export const HISTORY_MIN_POSTS = 10;
/** The newest media whose reach best times look at (one Graph page). */
const HISTORY_MEDIA = 50;

/** A stored figure younger than this is shown as is; older, a channel call fetches again first. */
export const FRESH_FOR_MS = 15 * MINUTE;

export interface InsightsDeps {
  repo: InsightsRepo;
  posts: Pick<PostsRepo, 'get' | 'list'>;
  accounts: Pick<AccountsRepo, 'get' | 'list'>;
  sessions: Pick<AccountSessions, 'withAccount'>;
  clock: Clock;
  events: EventBus;
  logger: Logger;
  mode: () => AppMode;
}

/**
 * Per-post and per-account insights: fetched through the account door, stored with the time
 * fetched, and replaced on every fetch. A figure Instagram leaves out is null ("no data"), never 0.
 */
export class InsightsService {
  constructor(private readonly deps: InsightsDeps) {}

  /** One page of the account's Instagram media, newest first, whoever published it. */
  async listMedia(accountId: string, cursor?: string): Promise<{ items: IgMedia[]; nextCursor: string | null }> {
    return this.use(accountId, async (use) => {
      const page = await listMedia(use.api, use.igUserId, { after: cursor, fields: PICTURED_MEDIA_FIELDS });
      return { items: page.items.map(toPicturedIgMedia), nextCursor: page.nextCursor };
    });
  }

  /** A media's figures: the stored ones while fresh, else fetched now. */
  async media(accountId: string, igMediaId: string): Promise<MediaInsights> {
    const stored = this.deps.repo.media(accountId, igMediaId);
    // Instagram keeps nothing for a carousel item, nor for a Story once it is gone: what was taken stands.
    if (stored?.mediaType === 'STORY' && !this.isFresh(stored.fetchedAt) && (await this.storyGone(accountId, igMediaId))) return this.mediaView(stored);
    if (stored && (stored.noInsights === 'carousel_item' || this.isFresh(stored.fetchedAt))) return this.mediaView(stored);
    return this.mediaView(await this.orStored(this.fetchMedia(accountId, igMediaId), stored));
  }

  async post(postId: string): Promise<MediaInsights> {
    const post = this.deps.posts.get(postId);
    if (!post) throw new Failure('post_not_found');
    if (!post.igMediaId || !post.accountId) throw new Failure('not_found', 'This post has not been published, so it has no insights yet.');
    return this.media(post.accountId, post.igMediaId);
  }

  /**
   * Totals for the last `days` complete days, the daily reach chart over them and the followers recorded at
   * each check (today's too: a count at a moment, not a day's sum). The days are those the stored totals cover.
   */
  async account(accountId: string, days: InsightDays): Promise<AccountInsights> {
    let totals = this.deps.repo.totals(accountId, days);
    if (!totals || !this.isFresh(totals.fetchedAt)) {
      await this.orStored(this.fetchAccount(accountId), totals);
      totals = this.deps.repo.totals(accountId, days);
    }
    const { since, until } = completeDays(totals!.fetchedAt, days);
    const from = utcDate(since);
    const to = utcDate(until - DAY);
    return {
      accountId,
      days,
      from,
      to,
      fetchedAt: new Date(totals!.fetchedAt).toISOString(),
      totals: totals!.totals,
      reachByDay: this.deps.repo.daily(accountId, 'reach', from, to),
      followersByDay: this.deps.repo.daily(accountId, 'followers', from, utcDate(totals!.fetchedAt)),
    };
  }

  /**
   * The media published in the last `days` complete days, newest first, with their lifetime reach, views and
   * interactions (stored while fresh, else fetched), and Postdeck's post where Postdeck published it.
   */
  async topPosts(accountId: string, days: InsightDays): Promise<{ from: string; to: string; items: TopPost[] }> {
    const { since, until } = completeDays(this.deps.clock.now(), days);
    const published = await this.use(accountId, (use) => mediaPublishedBetween(use, since, until));
    const postIds = new Map(this.deps.posts.list({ accountId, status: 'published' }).map((post) => [post.igMediaId, post.id]));
    const items: TopPost[] = [];
    for (const item of published) {
      const insights = await this.media(accountId, item.id);
      const figure = (metric: string) => insights.metrics[metric] ?? null;
      items.push({
        media: toPicturedIgMedia(item),
        postId: postIds.get(item.id) ?? null,
        metrics: { reach: figure('reach'), views: figure('views'), total_interactions: figure('total_interactions') },
        noInsights: insights.noInsights,
        fetchedAt: insights.fetchedAt,
      });
    }
    return { from: utcDate(since), to: utcDate(until - DAY), items };
  }

  /**
   * Fetches a media's figures now and replaces what was stored. `#10 Not enough viewers` is stored as that
   * (every figure null), never as zeros; an album's children are recorded as carousel items.
   */
  async fetchMedia(accountId: string, igMediaId: string): Promise<MediaInsightsRecord> {
    return this.use(accountId, async (use) => {
      const kind = await mediaKind(use.api, igMediaId);
      const metrics = metricsFor(kind.mediaType, kind.productType);
      let figures: Figures;
      let noInsights: MediaInsightsRecord['noInsights'] = null;
      try {
        figures = await mediaInsights(use.api, igMediaId, metrics);
      } catch (error) {
        // Caught here, inside the door: a `#10` about viewers says nothing about the account's health.
        if (!isNotEnoughViewers(error)) throw error;
        figures = Object.fromEntries(metrics.map((m) => [m, null]));
        noInsights = 'not_enough_viewers';
      }
      const fetchedAt = this.deps.clock.now();
      const record: MediaInsightsRecord = { accountId, igMediaId, mediaType: kind.productType === 'REELS' || kind.productType === 'STORY' ? kind.productType : kind.mediaType, metrics: figures, noInsights, fetchedAt };
      this.deps.repo.putMedia(record);
      for (const child of kind.children) {
        this.deps.repo.putMedia({ accountId, igMediaId: child, mediaType: 'CAROUSEL_ITEM', metrics: {}, noInsights: 'carousel_item', fetchedAt });
      }
      this.deps.events.emit('insights.changed', { accountId, igMediaId });
      return record;
    });
  }

  /** Fetches the account's totals for the last 7, 30 and 90 complete days, its daily reach, and records today's followers. */
  async fetchAccount(accountId: string): Promise<void> {
    await this.use(accountId, async (use) => {
      const now = this.deps.clock.now();
      const totals: Array<[InsightDays, Record<string, AccountFigure>]> = [];
      for (const days of INSIGHT_DAYS) {
        const { since, until } = completeDays(now, days);
        totals.push([days, await accountTotals(use.api, use.igUserId, since, until)]);
      }
      const longest = completeDays(now, INSIGHT_DAYS.at(-1)!);
      const reach = await reachByDay(use.api, use.igUserId, longest.since, longest.until);
      const followers = await followersCount(use.api);
      for (const [days, figures] of totals) this.deps.repo.putTotals({ accountId, days, totals: figures, fetchedAt: now });
      this.deps.repo.putDaily(accountId, 'reach', reach, now);
      // Instagram keeps no history of followers_count: the last check of each day is that day's value.
      this.deps.repo.putDaily(accountId, 'followers', [{ date: utcDate(now), value: followers }], now);
    });
    this.deps.events.emit('insights.changed', { accountId });
  }

  /**
   * When to post, in the computer's time zone: when followers are online (last 30 days, accounts of 100 or more
   * followers) and the reach of the account's own posts by when they went out (at least 10 posts; Stories left
   * out). A missing source is named in `note` and the other is used alone.
   */
  async bestTimes(accountId: string): Promise<BestTimes> {
    const timeZone = localTimeZone();
    const { online, followers, published } = await this.use(accountId, async (use) => ({
      online: await onlineFollowers(use.api, use.igUserId),
      followers: await followersCount(use.api),
      published: (await listMedia(use.api, use.igUserId, { limit: HISTORY_MEDIA, fields: PICTURED_MEDIA_FIELDS })).items,
    }));
    const history: Observation[] = [];
    for (const item of published) {
      if (!item.timestamp || item.media_product_type === 'STORY') continue;
      const reach = (await this.media(accountId, item.id)).metrics.reach;
      if (typeof reach === 'number') history.push({ at: Date.parse(item.timestamp), value: reach });
    }
    const sources: BestTimeSource[] = [];
    const scores = [];
    if (online.length > 0) {
      sources.push('online_followers');
      scores.push(scoreSlots(online.map(({ at, count }) => ({ at, value: count })), timeZone));
    }
    if (history.length >= HISTORY_MIN_POSTS) {
      sources.push('history');
      scores.push(scoreSlots(history, timeZone));
    }
    const slots = combineScores(scores);
    const lacking = [
      ...(online.length === 0
        ? [followers < AUDIENCE_MIN_FOLLOWERS ? `Instagram tells when followers are online only to accounts with ${AUDIENCE_MIN_FOLLOWERS} or more followers; this one has ${followers}.` : 'Instagram has no online-followers figures for this account yet.']
        : []),
      ...(history.length < HISTORY_MIN_POSTS ? [`Only ${history.length} of the account's posts have reach figures; its own history counts from ${HISTORY_MIN_POSTS}.`] : []),
    ];
    const using = sources.length === 0 ? 'There is not enough to suggest times yet.' : `These times come from ${sources[0] === 'online_followers' ? 'when followers are online' : 'the reach of your own posts'}.`;
    return { sources, timeZone, slots, suggestions: bestUpcoming(slots, this.deps.clock.now(), timeZone), ...(lacking.length > 0 ? { note: `${lacking.join(' ')} ${using}` } : {}) };
  }

  /** Followers by age and gender, top cities and countries, as Instagram gives them now; withheld below 100 followers, said in `note`. */
  async audience(accountId: string): Promise<Audience> {
    return this.use(accountId, async (use) => {
      const ageGender = await followerDemographics(use.api, use.igUserId, ['age', 'gender']);
      const cities = await followerDemographics(use.api, use.igUserId, ['city']);
      const countries = await followerDemographics(use.api, use.igUserId, ['country']);
      const audience: Audience = {
        fetchedAt: new Date(this.deps.clock.now()).toISOString(),
        ageGender: ageGender.map(({ values: [age = '', gender = ''], value }) => ({ age, gender, value })),
        cities: cities.map(({ values: [name = ''], value }) => ({ name, value })),
        countries: countries.map(({ values: [code = ''], value }) => ({ code, value })),
      };
      if (ageGender.length > 0 || cities.length > 0 || countries.length > 0) return audience;
      const followers = await followersCount(use.api);
      const note =
        followers < AUDIENCE_MIN_FOLLOWERS
          ? `Instagram shows who your followers are only for accounts with at least ${AUDIENCE_MIN_FOLLOWERS} followers; this one has ${followers}.`
          : 'Instagram has no follower demographics for this account yet; they can take up to 48 hours to appear.';
      return { ...audience, note };
    });
  }

  /** `insights.refresh`: one account, or every account of the current mode, fetched now. */
  async refresh(accountId?: string): Promise<{ refreshed: number }> {
    const ids = accountId ? [accountId] : this.deps.accounts.list(this.deps.mode()).filter((a) => a.healthState !== 'unhealthy').map((a) => a.id);
    for (const id of ids) await this.fetchAccount(id);
    return { refreshed: ids.length };
  }

  /** Whether a Story's figures are gone from Instagram: it went up more than 24 hours ago (its post says when). */
  private async storyGone(accountId: string, igMediaId: string): Promise<boolean> {
    const post = this.deps.posts.list({ accountId, status: 'published' }).find((candidate) => candidate.igMediaId === igMediaId);
    return post?.publishedAt != null && this.deps.clock.now() - post.publishedAt >= STORY_INSIGHTS_LIFETIME_MS;
  }

  private isFresh(fetchedAt: number): boolean {
    return this.deps.clock.now() - fetchedAt < FRESH_FOR_MS;
  }

  private mediaView(record: MediaInsightsRecord): MediaInsights {
    return {
      igMediaId: record.igMediaId,
      mediaType: record.mediaType,
      fetchedAt: new Date(record.fetchedAt).toISOString(),
      metrics: record.metrics,
      noInsights: record.noInsights,
    };
  }

  /**
   * While Instagram is throttling or out of reach, what is stored is shown with its old "as of" rather than an
   * error; with nothing stored, the error stands.
   */
  private async orStored<T, S>(fetching: Promise<T>, stored: S | null): Promise<T | S> {
    try {
      return await fetching;
    } catch (error) {
      if (stored && isFailure(error) && (error.code === 'rate_limited' || error.code === 'network_error')) return stored;
      throw error;
    }
  }

  /** The account door, with Instagram's failures turned into the app's error codes. */
  private use<T>(accountId: string, work: (use: AccountUse) => Promise<T>): Promise<T> {
    return useAccount(this.deps.sessions, accountId, work);
  }
}

/** The account's media published in [since, until), newest first; the list is newest first, so paging stops at the first older one. */
async function mediaPublishedBetween(use: AccountUse, since: number, until: number): Promise<MediaItem[]> {
  const found: MediaItem[] = [];
  let cursor: string | undefined;
  for (let seen = 0; seen < TOP_POSTS_MEDIA_LIMIT; seen += TOP_POSTS_PAGE) {
    const page = await listMedia(use.api, use.igUserId, { after: cursor, limit: TOP_POSTS_PAGE, fields: PICTURED_MEDIA_FIELDS });
    let reachedOlder = false;
    for (const item of page.items) {
      const at = Date.parse(item.timestamp ?? '');
      if (at < since) reachedOlder = true;
      else if (at < until) found.push(item);
    }
    if (reachedOlder || !page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return found;
}
