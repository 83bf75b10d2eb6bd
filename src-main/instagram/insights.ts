import { z } from 'zod';
import { ACCOUNT_TOTAL_METRICS, IMAGE_METRICS, NOT_FOR_THIS_RANGE, REEL_METRICS, STORY_METRICS, UNIQUE_ACCOUNT_METRICS, type AccountFigure } from '../../src-shared/insights';
import { DAY } from '../config/clock';
import { isInstagramError, type InstagramError } from './errors';
import type { AccountGraph } from './transport';

/** The insights calls of instagram-platform.md §7, one function each. */

const insightRow = z.object({
  name: z.string(),
  values: z.array(z.object({ value: z.number().optional(), end_time: z.string().optional() })).optional(),
  total_value: z.object({ value: z.number() }).optional(),
});
const insightsAnswer = z.object({ data: z.array(insightRow) });

/** Stories, Reels and videos, images and carousels each have their metric set; asking for another's fails the call. */
export function metricsFor(mediaType: string, productType: string | null): readonly string[] {
  if (productType === 'STORY') return STORY_METRICS;
  return productType === 'REELS' || mediaType === 'VIDEO' ? REEL_METRICS : IMAGE_METRICS;
}

/** `(#10) Not enough viewers…`: shares code 10 with "no permission", so the message tells them apart. */
export function isNotEnoughViewers(error: unknown): error is InstagramError {
  return isInstagramError(error) && error.details.code === 10 && /not enough viewers/i.test(error.message);
}

/** Every asked metric, null where Instagram's `data` leaves it out (no data, never 0). */
function figuresOf(metrics: readonly string[], rows: z.infer<typeof insightRow>[]): Record<string, number | null> {
  const figures: Record<string, number | null> = Object.fromEntries(metrics.map((m) => [m, null]));
  for (const row of rows) {
    if (!(row.name in figures)) continue;
    figures[row.name] = row.total_value?.value ?? row.values?.[0]?.value ?? null;
  }
  return figures;
}

/** One call for a media's lifetime figures, with only its type's metrics. */
export async function mediaInsights(graph: AccountGraph, mediaId: string, metrics: readonly string[]): Promise<Record<string, number | null>> {
  const answer = await graph.get(`/${mediaId}/insights`, { metric: metrics.join(',') }, insightsAnswer);
  return figuresOf(metrics, answer.data);
}

const seconds = (ms: number) => String(Math.floor(ms / 1000));

/** The widest since–until span one account call takes: wider is refused with `(#100) There cannot be more than 30 days…` (fact sheet §13). */
export const MAX_ACCOUNT_WINDOW_MS = 30 * DAY;

/** [since, until) cut into consecutive windows Instagram takes, oldest first. */
function windowsOf(since: number, until: number): Array<[number, number]> {
  const windows: Array<[number, number]> = [];
  for (let start = since; start < until; start += MAX_ACCOUNT_WINDOW_MS) windows.push([start, Math.min(until, start + MAX_ACCOUNT_WINDOW_MS)]);
  return windows;
}

/**
 * One metric over several windows: counts add up; a unique count (reach, accounts engaged) does not, since an
 * account reached in two windows is counted in both. A window without data leaves the sum without data too:
 * the others alone would pass for the whole period's figure.
 */
function combined(metric: string, windows: readonly Record<string, number | null>[]): AccountFigure {
  if (windows.length === 1) return windows[0]![metric] ?? null;
  if (UNIQUE_ACCOUNT_METRICS.includes(metric)) return NOT_FOR_THIS_RANGE;
  let sum = 0;
  for (const figures of windows) {
    const value = figures[metric];
    if (value === null || value === undefined) return null;
    sum += value;
  }
  return sum;
}

/** The account's totals over [since, until) (metric_type=total_value), one call per window of at most 30 days. */
export async function accountTotals(graph: AccountGraph, igUserId: string, since: number, until: number): Promise<Record<string, AccountFigure>> {
  const windows: Record<string, number | null>[] = [];
  for (const [from, to] of windowsOf(since, until)) {
    const answer = await graph.get(
      `/${igUserId}/insights`,
      { metric: ACCOUNT_TOTAL_METRICS.join(','), period: 'day', metric_type: 'total_value', since: seconds(from), until: seconds(to) },
      insightsAnswer,
    );
    windows.push(figuresOf(ACCOUNT_TOTAL_METRICS, answer.data));
  }
  return Object.fromEntries(ACCOUNT_TOTAL_METRICS.map((metric) => [metric, combined(metric, windows)]));
}

/**
 * Daily reach over [since, until): the one account metric with a time series, one call per window. Each value
 * covers one day, so the windows' series follow on from each other when the bounds are day starts. Dates are
 * the UTC day each value covers.
 */
export async function reachByDay(graph: AccountGraph, igUserId: string, since: number, until: number): Promise<{ date: string; value: number }[]> {
  const days: { date: string; value: number }[] = [];
  for (const [from, to] of windowsOf(since, until)) {
    const answer = await graph.get(`/${igUserId}/insights`, { metric: 'reach', period: 'day', since: seconds(from), until: seconds(to) }, insightsAnswer);
    const row = answer.data.find((r) => r.name === 'reach');
    for (const v of row?.values ?? []) if (v.value !== undefined && v.end_time) days.push({ date: utcDate(Date.parse(v.end_time) - DAY), value: v.value });
  }
  return days;
}

/** The profile's follower count now (Instagram keeps no history of it). */
export async function followersCount(graph: AccountGraph): Promise<number> {
  return (await graph.get('/me', { fields: 'followers_count' }, z.object({ followers_count: z.number() }))).followers_count;
}

export function utcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

const onlineAnswer = z.object({
  data: z.array(z.object({ name: z.string(), values: z.array(z.object({ value: z.record(z.string(), z.number()).optional(), end_time: z.string() })).optional() })),
});

/**
 * Followers online in each hour of the last 30 days (only accounts with 100 or more followers; else none).
 * Hour `h` of a day is `h` hours after the day's start, which is its `end_time` less a day: that holds whatever
 * zone Instagram counts days in (Meta's examples use Pacific time).
 */
export async function onlineFollowers(graph: AccountGraph, igUserId: string): Promise<{ at: number; count: number }[]> {
  const answer = await graph.get(`/${igUserId}/insights`, { metric: 'online_followers', period: 'lifetime' }, onlineAnswer);
  const hours: { at: number; count: number }[] = [];
  for (const day of answer.data.find((row) => row.name === 'online_followers')?.values ?? []) {
    const start = Date.parse(day.end_time) - DAY;
    for (const [hour, count] of Object.entries(day.value ?? {})) hours.push({ at: start + Number(hour) * 3_600_000, count });
  }
  return hours;
}

const demographicsAnswer = z.object({
  data: z.array(
    z.object({
      name: z.string(),
      total_value: z
        .object({ breakdowns: z.array(z.object({ dimension_keys: z.array(z.string()), results: z.array(z.object({ dimension_values: z.array(z.string()), value: z.number() })) })) })
        .optional(),
    }),
  ),
});

/** Followers by one or more of age, gender, city, country (the top 45); empty when Instagram withholds them (under 100 followers). */
export async function followerDemographics(graph: AccountGraph, igUserId: string, breakdown: readonly string[]): Promise<{ values: string[]; value: number }[]> {
  const answer = await graph.get(
    `/${igUserId}/insights`,
    { metric: 'follower_demographics', period: 'lifetime', metric_type: 'total_value', breakdown: breakdown.join(',') },
    demographicsAnswer,
  );
  const results = answer.data.find((row) => row.name === 'follower_demographics')?.total_value?.breakdowns[0]?.results ?? [];
  return results.map((result) => ({ values: result.dimension_values, value: result.value }));
}
