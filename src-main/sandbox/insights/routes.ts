/**
 * The insights Graph paths (fact sheet §7): `GET /{ig-media-id}/insights` per media type and
 * `GET /{ig-user-id}/insights` with its one time-series metric. Removed metrics and another type's metrics
 * fail the whole call; a media with too few viewers answers `#10`; carousel children have no data.
 */
import { DAY } from '../../config/clock';
import { IMAGE_METRICS, REEL_METRICS, STORY_INSIGHTS_LIFETIME_MS, STORY_METRICS } from '../../../src-shared/insights';
import { NO_PERMISSION, paramError, unsupportedRequest } from '../errors';
import { authenticate } from '../graph/tokenFlow';
import { graphTime } from '../graphFields';
import { bearer, sendGraphError, sendGraphJson, type GraphRouter } from '../graphHttp';
import type { Ctx } from '../http';
import type { GraphErrorSpec, MediaRecord, Outcome, SandboxPerson } from '../types';
import { ACCOUNT_METRICS, accountDaily, AUDIENCE_MIN_FOLLOWERS, followerDemographics, followersOn, mediaFigures, onlineFollowers, REPOSTS_SINCE, VIEWER_THRESHOLD } from './values';

export const INSIGHTS_SCOPE = 'instagram_business_manage_insights';

const INSIGHTS_PATH = /^\/([0-9]{1,25})\/insights\/?$/;
/** Gone since Apr 21, 2025 in every version (fact sheet §7). */
const REMOVED_METRICS = new Set(['impressions', 'plays', 'clips_replays_count', 'ig_reels_aggregated_all_plays_count', 'video_views']);
/** Account data is kept 90 days (fact sheet §7). */
const ACCOUNT_RETENTION_MS = 90 * DAY;
/** The widest since–until window one account call takes (fact sheet §13). */
const MAX_INSIGHTS_WINDOW_MS = 30 * DAY;
const WINDOW_TOO_WIDE = paramError(`There cannot be more than 30 days (${MAX_INSIGHTS_WINDOW_MS / 1000} s) between since and until`);

export const NOT_ENOUGH_VIEWERS: GraphErrorSpec = {
  code: 10,
  message: '(#10) Not enough viewers for the media to show insights',
  userTitle: 'Not enough viewers',
  userMsg: 'This media has not reached enough accounts to show insights.',
};

function metricList(raw: string | null): string[] {
  return raw ? [...new Set(raw.split(',').map((m) => m.trim()).filter(Boolean))] : [];
}

/** Instagram's refusal for a metric this object does not have, or one it removed. */
function refuseMetric(metric: string, index: number, allowed: readonly string[]): GraphErrorSpec {
  if (REMOVED_METRICS.has(metric)) {
    return paramError(`Starting from April 21, 2025, the ${metric} metric is no longer supported. metric[${index}] must be one of the following values: ${allowed.join(', ')}`);
  }
  return paramError(`metric[${index}] must be one of the following values: ${allowed.join(', ')}`);
}

function mediaInsights(ctx: Ctx, media: MediaRecord): Outcome<unknown> {
  const metrics = metricList(ctx.url.searchParams.get('metric'));
  if (metrics.length === 0) return { ok: false, error: paramError('The parameter metric is required') };
  const story = media.mediaProductType === 'STORY';
  const allowed: readonly string[] = story ? STORY_METRICS : media.mediaProductType === 'REELS' || media.mediaType === 'VIDEO' ? REEL_METRICS : IMAGE_METRICS;
  for (const [index, metric] of metrics.entries()) if (!allowed.includes(metric)) return { ok: false, error: refuseMetric(metric, index, allowed) };
  // Instagram keeps no insights for carousel children: an empty answer, not zeros.
  if (media.isChild) return { ok: true, value: { data: [] } };
  // Nor for a Story once it has been up 24 hours.
  if (story && ctx.world.now() - media.timestamp >= STORY_INSIGHTS_LIFETIME_MS) return { ok: true, value: { data: [] } };
  const figures = mediaFigures(media, ctx.world.now(), ctx.world.insights.audience(media.id));
  if (figures.reach! < VIEWER_THRESHOLD) return { ok: false, error: NOT_ENOUGH_VIEWERS };
  const data = metrics
    // A metric with no data is left out of `data` (never a 0): `reposts` before it existed.
    .filter((metric) => metric !== 'reposts' || media.timestamp >= REPOSTS_SINCE)
    .map((metric) => ({ name: metric, period: 'lifetime', values: [{ value: figures[metric] }], title: metric, description: '', id: `${media.id}/insights/${metric}/lifetime` }));
  return { ok: true, value: { data } };
}

function unixSeconds(raw: string | null, fallback: number): number | undefined {
  if (raw === null) return fallback;
  const seconds = Number(raw);
  return Number.isInteger(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/** Day starts (00:00 UTC) from the one holding `since` up to the one before `until`. */
function daysBetween(since: number, until: number): number[] {
  const days: number[] = [];
  for (let day = Math.floor(since / DAY) * DAY; day < until; day += DAY) days.push(day);
  return days;
}

/** Meta's examples give each day's hours from midnight Pacific time: a day ends at 08:00 UTC (07:00 in summer, ignored here). */
const ONLINE_DAY_END_UTC_HOUR = 8;
const DEMOGRAPHIC_BREAKDOWNS = ['age', 'gender', 'city', 'country'];

/** The audience metrics: per-hour online followers of the last 30 days, and follower demographics (lifetime). */
function audienceInsights(ctx: Ctx, person: SandboxPerson, metric: string): Outcome<unknown> {
  const query = ctx.url.searchParams;
  if (query.get('period') !== 'lifetime') return { ok: false, error: paramError('period must be one of the following values: lifetime') };
  const id = `${person.igUserId}/insights/${metric}/lifetime`;
  // Too few followers: Instagram answers without data rather than with an error.
  if (followersOn(person, ctx.world.now()) < AUDIENCE_MIN_FOLLOWERS) return { ok: true, value: { data: [] } };
  if (metric === 'online_followers') {
    const lastEnd = Math.floor((ctx.world.now() - ONLINE_DAY_END_UTC_HOUR * 3_600_000) / DAY) * DAY + ONLINE_DAY_END_UTC_HOUR * 3_600_000;
    const values = Array.from({ length: 30 }, (_, i) => lastEnd - (29 - i) * DAY).map((end) => ({ value: onlineFollowers(person, end - DAY), end_time: graphTime(end) }));
    return { ok: true, value: { data: [{ name: metric, period: 'lifetime', values, title: 'Online followers', description: '', id }] } };
  }
  if (query.get('metric_type') !== 'total_value') return { ok: false, error: paramError('follower_demographics should be specified with parameter metric_type=total_value') };
  const dimensions = (query.get('breakdown') ?? '').split(',').map((b) => b.trim()).filter(Boolean);
  if (dimensions.length === 0 || dimensions.some((d) => !DEMOGRAPHIC_BREAKDOWNS.includes(d))) {
    return { ok: false, error: paramError(`breakdown must be one or more of the following values: ${DEMOGRAPHIC_BREAKDOWNS.join(', ')}`) };
  }
  const results = followerDemographics(person, dimensions).map(([values, value]) => ({ dimension_values: values, value }));
  return { ok: true, value: { data: [{ name: metric, period: 'lifetime', title: 'Follower demographics', description: '', total_value: { breakdowns: [{ dimension_keys: dimensions, results }] }, id }] } };
}

function accountInsights(ctx: Ctx, person: SandboxPerson): Outcome<unknown> {
  const query = ctx.url.searchParams;
  const metrics = metricList(query.get('metric'));
  if (metrics.length === 0) return { ok: false, error: paramError('The parameter metric is required') };
  const audience = metrics.find((m) => m === 'online_followers' || m === 'follower_demographics');
  if (audience) return metrics.length === 1 ? audienceInsights(ctx, person, audience) : { ok: false, error: paramError(`${audience} must be asked for on its own`) };
  for (const [index, metric] of metrics.entries()) if (!ACCOUNT_METRICS.includes(metric)) return { ok: false, error: refuseMetric(metric, index, ACCOUNT_METRICS) };
  if (query.get('period') !== 'day') return { ok: false, error: paramError('period must be one of the following values: day') };
  const metricType = query.get('metric_type') ?? 'time_series';
  if (metricType !== 'time_series' && metricType !== 'total_value') return { ok: false, error: paramError('metric_type must be one of the following values: time_series, total_value') };
  // Only reach has a daily series: the others are totals only (fact sheet §7).
  const notSeries = metrics.filter((m) => m !== 'reach');
  if (metricType === 'time_series' && notSeries.length > 0) {
    return { ok: false, error: paramError(`The following metrics (${notSeries.join(', ')}) should be specified with parameter metric_type=total_value`) };
  }
  const now = ctx.world.now();
  // No since/until: the last 24 hours.
  const until = unixSeconds(query.get('until'), now);
  const since = unixSeconds(query.get('since'), (until ?? now) - DAY);
  if (until === undefined || since === undefined || since >= until) return { ok: false, error: paramError('since and until must be unix times, since before until') };
  if (until - since > MAX_INSIGHTS_WINDOW_MS) return { ok: false, error: WINDOW_TOO_WIDE };
  const days = daysBetween(Math.max(since, now - ACCOUNT_RETENTION_MS), Math.min(until, now));
  const id = (metric: string) => `${person.igUserId}/insights/${metric}/day`;
  if (metricType === 'time_series') {
    const values = days.map((day) => ({ value: accountDaily(person, 'reach', day, now), end_time: graphTime(day + DAY) }));
    return { ok: true, value: { data: [{ name: 'reach', period: 'day', values, title: 'Reach', description: '', id: id('reach') }] } };
  }
  const data = metrics.map((metric) => {
    const sum = days.reduce((total, day) => total + accountDaily(person, metric, day, now), 0);
    // Accounts reached on several days count once in a total.
    const value = metric === 'reach' || metric === 'accounts_engaged' ? Math.round(sum * 0.6) : sum;
    return { name: metric, period: 'day', title: metric, description: '', total_value: { value }, id: id(metric) };
  });
  return { ok: true, value: { data } };
}

export const insightsRoutes: GraphRouter = (ctx) => {
  const match = INSIGHTS_PATH.exec(ctx.path);
  if (!match || ctx.method !== 'GET') return undefined;
  const objectId = match[1]!;
  return () => {
    const token = bearer(ctx);
    const access = authenticate(ctx.world, token);
    if (!access.ok) return sendGraphError(ctx, access.error, token);
    if (!access.value.scopes.has(INSIGHTS_SCOPE)) return sendGraphError(ctx, NO_PERMISSION, token);
    const media = ctx.world.publishing.mediaById(objectId);
    const person = objectId === access.value.igUserId ? ctx.world.person(objectId) : undefined;
    let outcome: Outcome<unknown> | undefined;
    if (media && media.igUserId === access.value.igUserId) outcome = mediaInsights(ctx, media);
    else if (person) outcome = accountInsights(ctx, person);
    // Another account's objects answer like objects that do not exist, as on Instagram.
    if (!outcome) return sendGraphError(ctx, unsupportedRequest(ctx.method, ctx.path), token);
    if (outcome.ok) sendGraphJson(ctx, outcome.value, token);
    else sendGraphError(ctx, outcome.error, token);
  };
};
