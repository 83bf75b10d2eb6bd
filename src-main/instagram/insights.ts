import { z } from 'zod';
import { ACCOUNT_TOTAL_METRICS, IMAGE_METRICS, REEL_METRICS } from '../../src-shared/insights';
import { DAY } from '../config/clock';
import { isInstagramError, type InstagramError } from './errors';
import type { GraphTransport } from './transport';

/** The insights calls of instagram-platform.md §7, one function each. */

const insightRow = z.object({
  name: z.string(),
  values: z.array(z.object({ value: z.number().optional(), end_time: z.string().optional() })).optional(),
  total_value: z.object({ value: z.number() }).optional(),
});
const insightsAnswer = z.object({ data: z.array(insightRow) });

/** Reels and videos have one metric set, images and carousels the other; asking for the other's fails the call. */
export function metricsFor(mediaType: string, productType: string | null): readonly string[] {
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
export async function mediaInsights(graph: GraphTransport, token: string, mediaId: string, metrics: readonly string[]): Promise<Record<string, number | null>> {
  const answer = await graph.get(`/${mediaId}/insights`, { metric: metrics.join(',') }, token, insightsAnswer);
  return figuresOf(metrics, answer.data);
}

const seconds = (ms: number) => String(Math.floor(ms / 1000));

/** The account's totals over [since, until) in one call (metric_type=total_value). */
export async function accountTotals(graph: GraphTransport, token: string, igUserId: string, since: number, until: number): Promise<Record<string, number | null>> {
  const answer = await graph.get(
    `/${igUserId}/insights`,
    { metric: ACCOUNT_TOTAL_METRICS.join(','), period: 'day', metric_type: 'total_value', since: seconds(since), until: seconds(until) },
    token,
    insightsAnswer,
  );
  return figuresOf(ACCOUNT_TOTAL_METRICS, answer.data);
}

/** Daily reach over [since, until): the one account metric with a time series. Dates are the UTC day each value covers. */
export async function reachByDay(graph: GraphTransport, token: string, igUserId: string, since: number, until: number): Promise<{ date: string; value: number }[]> {
  const answer = await graph.get(`/${igUserId}/insights`, { metric: 'reach', period: 'day', since: seconds(since), until: seconds(until) }, token, insightsAnswer);
  const row = answer.data.find((r) => r.name === 'reach');
  return (row?.values ?? []).flatMap((v) => (v.value === undefined || !v.end_time ? [] : [{ date: utcDate(Date.parse(v.end_time) - DAY), value: v.value }]));
}

/** The profile's follower count now (Instagram keeps no history of it). */
export async function followersCount(graph: GraphTransport, token: string): Promise<number> {
  return (await graph.get('/me', { fields: 'followers_count' }, token, z.object({ followers_count: z.number() }))).followers_count;
}

export function utcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
