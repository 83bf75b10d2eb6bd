import { z } from 'zod';

/**
 * Instagram's insights metric names (instagram-platform.md §7). One media call asks only for its type's
 * metrics: asking for another type's metric fails the whole call.
 */
export const IMAGE_METRICS = ['views', 'reach', 'likes', 'comments', 'saved', 'shares', 'total_interactions', 'follows', 'profile_visits', 'profile_activity', 'reposts'] as const;
export const REEL_METRICS = [
  'views',
  'reach',
  'likes',
  'comments',
  'saved',
  'shares',
  'total_interactions',
  'ig_reels_avg_watch_time',
  'ig_reels_video_view_total_time',
  'reels_skip_rate',
  'reposts',
] as const;
/** A Story's figures, which Instagram keeps only while the Story is up (24 hours). */
export const STORY_METRICS = ['views', 'reach', 'replies', 'shares', 'total_interactions', 'follows', 'profile_visits'] as const;
export const STORY_INSIGHTS_LIFETIME_MS = 24 * 60 * 60_000;

/** The account totals Postdeck shows, for 7, 30 or 90 days. */
export const ACCOUNT_TOTAL_METRICS = [
  'views',
  'reach',
  'accounts_engaged',
  'total_interactions',
  'likes',
  'comments',
  'shares',
  'saves',
  'replies',
  'follows_and_unfollows',
  'profile_links_taps',
] as const;

/**
 * Counts of unique accounts: Instagram counts an account once per call, and one call covers at most 30 days,
 * so a longer period's figure cannot be added up from several calls.
 */
export const UNIQUE_ACCOUNT_METRICS: readonly string[] = ['reach', 'accounts_engaged'];
/** In place of a unique count over more than one 30-day window: not a number, and not "no data" either. */
export const NOT_FOR_THIS_RANGE = 'not_for_this_range';
/** What is shown in place of a unique count over more than 30 days, `label` naming the metric. */
export function notForThisRange(label: string, days: number): string {
  return `${label} can't be added up over ${days} days: Instagram counts unique accounts per 30 days.`;
}
/** An account total: a number, null (no data, never 0), or NOT_FOR_THIS_RANGE. */
export type AccountFigure = number | null | typeof NOT_FOR_THIS_RANGE;
const accountFigure = z.union([z.number(), z.null(), z.literal(NOT_FOR_THIS_RANGE)]);

export const INSIGHT_DAYS = [7, 30, 90] as const;
export type InsightDays = (typeof INSIGHT_DAYS)[number];

/** Which metric set a media object has: Reels and videos one, images and carousels the other. */
export type InsightsMediaType = 'IMAGE' | 'VIDEO' | 'CAROUSEL_ALBUM' | 'REELS' | 'STORY';

/** Why a media object has no figures at all: too few viewers (`#10`), or a carousel item (Instagram keeps none). */
export const NO_INSIGHTS_REASONS = ['not_enough_viewers', 'carousel_item'] as const;

export const mediaInsightsSchema = z.object({
  igMediaId: z.string(),
  mediaType: z.string(),
  /** ISO time the figures were fetched from Instagram. */
  fetchedAt: z.string(),
  /** null = no data (never shown as 0). */
  metrics: z.record(z.string(), z.number().nullable()),
  /** Set when Instagram gives no figures for this media at all, and why. */
  noInsights: z.enum(NO_INSIGHTS_REASONS).nullable(),
});
export type MediaInsights = z.infer<typeof mediaInsightsSchema>;

const dayValue = z.object({ date: z.string(), value: z.number() });

export const accountInsightsSchema = z.object({
  accountId: z.string(),
  days: z.union([z.literal(7), z.literal(30), z.literal(90)]),
  /** The complete days covered, YYYY-MM-DD (UTC, as Instagram's days), both included; today is left out until it ends. */
  from: z.string(),
  to: z.string(),
  fetchedAt: z.string(),
  totals: z.record(z.string(), accountFigure),
  reachByDay: z.array(dayValue),
  followersByDay: z.array(dayValue),
});
export type AccountInsights = z.infer<typeof accountInsightsSchema>;

export const igMediaSchema = z.object({
  id: z.string(),
  caption: z.string().nullable(),
  mediaType: z.string(),
  mediaProductType: z.string().nullable(),
  timestamp: z.string().nullable(),
  permalink: z.string().nullable(),
  thumbnailUrl: z.string().nullable(),
});
export type IgMedia = z.infer<typeof igMediaSchema>;

/** The figures a top post is ranked by: lifetime figures of a media published in the range. */
export const TOP_POST_METRICS = ['reach', 'views', 'total_interactions'] as const;
export type TopPostMetric = (typeof TOP_POST_METRICS)[number];

export const topPostSchema = z.object({
  media: igMediaSchema,
  /** Postdeck's post when Postdeck published it, else null (published in the Instagram app). */
  postId: z.string().nullable(),
  /** null = no data (never shown as 0). */
  metrics: z.object({ reach: z.number().nullable(), views: z.number().nullable(), total_interactions: z.number().nullable() }),
  noInsights: z.enum(NO_INSIGHTS_REASONS).nullable(),
  fetchedAt: z.string(),
});
export type TopPost = z.infer<typeof topPostSchema>;

const accountId = z.string().uuid();
const igMediaId = z.string().regex(/^[0-9]{1,25}$/);

/** Where best times come from: when followers are online (100+ followers), and the reach of the account's own posts by when they went out. */
export const BEST_TIME_SOURCES = ['online_followers', 'history'] as const;
export type BestTimeSource = (typeof BEST_TIME_SOURCES)[number];

export const bestTimesSchema = z.object({
  sources: z.array(z.enum(BEST_TIME_SOURCES)),
  /** The IANA zone weekdays and hours are in (the computer's). */
  timeZone: z.string(),
  /** Every weekday (0 Sunday) × hour, scored 0–1 (1: the best); 0 where nothing is known. */
  slots: z.array(z.object({ weekday: z.number().int().min(0).max(6), hour: z.number().int().min(0).max(23), score: z.number() })),
  /** The three best slots of the coming week, best first, as ISO times. */
  suggestions: z.array(z.string()),
  /** Which source is missing and why, in a sentence. */
  note: z.string().optional(),
});
export type BestTimes = z.infer<typeof bestTimesSchema>;

const share = z.object({ value: z.number() });
export const audienceSchema = z.object({
  fetchedAt: z.string(),
  /** Followers by age range and gender (F, M, U), largest first. */
  ageGender: z.array(share.extend({ age: z.string(), gender: z.string() })),
  /** Top cities ("London, England") and countries (ISO codes), largest first. */
  cities: z.array(share.extend({ name: z.string() })),
  countries: z.array(share.extend({ code: z.string() })),
  /** Why a part is empty: Instagram withholds demographics below 100 followers. */
  note: z.string().optional(),
});
export type Audience = z.infer<typeof audienceSchema>;

/** The insights channels (and the account's media list), merged into the one table in ipc.ts. */
export const insightsChannels = {
  /** The account's Instagram media, newest first, whoever published them; `nextCursor` null on the last page. */
  'media.list': {
    input: z.object({ accountId, cursor: z.string().max(500).optional() }).strict(),
    output: z.object({ items: z.array(igMediaSchema), nextCursor: z.string().nullable() }),
  },
  'insights.media': { input: z.object({ accountId, igMediaId }).strict(), output: mediaInsightsSchema },
  'insights.post': { input: z.object({ postId: z.string().uuid() }).strict(), output: mediaInsightsSchema },
  'insights.account': {
    input: z.object({ accountId, days: z.union([z.literal(7), z.literal(30), z.literal(90)]) }).strict(),
    output: accountInsightsSchema,
  },
  /** The media published in the last `days` complete days (the range `insights.account` covers), with their figures. */
  'insights.topPosts': {
    input: z.object({ accountId, days: z.union([z.literal(7), z.literal(30), z.literal(90)]) }).strict(),
    output: z.object({ from: z.string(), to: z.string(), items: z.array(topPostSchema) }),
  },
  /** Fetches now, for one account or all of this mode's accounts. */
  'insights.bestTimes': { input: z.object({ accountId }).strict(), output: bestTimesSchema },
  'insights.audience': { input: z.object({ accountId }).strict(), output: audienceSchema },
  'insights.refresh': { input: z.object({ accountId: accountId.optional() }).strict(), output: z.object({ refreshed: z.number() }) },
} as const;
