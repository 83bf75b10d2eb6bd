import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IMAGE_METRICS, NOT_FOR_THIS_RANGE, REEL_METRICS } from '../../../src-shared/insights';
import { DAY, HOUR } from '../../../src-main/config/clock';
import { ManualClock } from '../../../src-main/config/manualClock';
import { InstagramClient } from '../../../src-main/instagram/client';
import { accountTotals, followersCount, isNotEnoughViewers, mediaInsights, reachByDay } from '../../../src-main/instagram/insights';
import { listMedia } from '../../../src-main/instagram/media';
import type { AccountGraph, GraphTransport } from '../../../src-main/instagram/transport';
import { startSandbox, type Sandbox } from '../../../src-main/sandbox';
import type { MediaRecord } from '../../../src-main/sandbox/types';
import { MAYA } from './helpers';
import { instagramFailure } from '../../helpers/instagramFailure';

const clock = new ManualClock(Date.UTC(2026, 10, 1, 9));
let sb: Sandbox;
let client: InstagramClient;
let graph: GraphTransport;
let token: string;
/** Maya's Graph API, bound to her token as the account door binds it. */
let api: AccountGraph;

beforeAll(async () => {
  sb = await startSandbox({ quiet: true, clock, outsideMediaPerPerson: 12 });
  client = new InstagramClient({ authBase: sb.url, apiBase: sb.url, graphBase: sb.url, graphVersion: 'v24.0' });
  graph = client.graphApi;
});
afterAll(async () => {
  await client.close();
  await sb.close();
});
beforeEach(() => {
  sb.world.reset();
  token = sb.world.issueLongLivedToken(MAYA).accessToken;
  api = graph.boundTo(token);
});

const seeded = (pick: (m: MediaRecord) => boolean) => sb.world.publishing.mediaOf(MAYA).find(pick)!;
const image = () => seeded((m) => m.mediaType === 'IMAGE' && m.timestamp > clock.now() - 100 * DAY);
const reel = () => seeded((m) => m.mediaProductType === 'REELS');
const carousel = () => seeded((m) => m.mediaType === 'CAROUSEL_ALBUM');

describe('sandbox media insights', () => {
  it('an image has the image metrics, each a number', async () => {
    const figures = await mediaInsights(api, image().id, IMAGE_METRICS);
    for (const metric of IMAGE_METRICS) expect(typeof figures[metric], metric).toBe('number');
    expect(figures.total_interactions).toBe(figures.likes! + figures.comments! + figures.saved! + figures.shares!);
  });

  it('a Reel has the Reel metrics; an image metric on a Reel fails the whole call', async () => {
    const figures = await mediaInsights(api, reel().id, REEL_METRICS);
    for (const metric of REEL_METRICS) expect(typeof figures[metric], metric).toBe('number');
    const refused = await instagramFailure(mediaInsights(api, reel().id, ['reach', 'profile_visits']));
    expect(refused.details.code).toBe(100);
    expect(refused.message).toMatch(/metric\[1\] must be one of the following values/);
  });

  it('a carousel album has the image metrics; its children have no data (empty, not zeros)', async () => {
    const album = carousel();
    expect((await mediaInsights(api, album.id, IMAGE_METRICS)).reach).toBeGreaterThan(0);
    const child = await mediaInsights(api, album.children[0]!, IMAGE_METRICS);
    expect(Object.values(child).every((value) => value === null)).toBe(true);
  });

  it('removed metrics (impressions, plays, video_views…) are refused with code 100', async () => {
    for (const metric of ['impressions', 'plays', 'video_views', 'clips_replays_count', 'ig_reels_aggregated_all_plays_count']) {
      const refused = await instagramFailure(mediaInsights(api, reel().id, ['reach', metric]));
      expect(refused.details.code).toBe(100);
      expect(refused.message).toContain(`the ${metric} metric is no longer supported`);
    }
  });

  it('media before reposts existed have no reposts figure (left out, read as null)', async () => {
    const old = seeded((m) => m.timestamp < clock.now() - 300 * DAY);
    expect((await mediaInsights(api, old.id, IMAGE_METRICS)).reposts).toBeNull();
  });

  it('#10 Not enough viewers below the viewer threshold', async () => {
    const few = image();
    sb.world.insights.setAudience(few.id, 10);
    const refused = await instagramFailure(mediaInsights(api, few.id, IMAGE_METRICS));
    expect(refused.details.code).toBe(10);
    expect(isNotEnoughViewers(refused)).toBe(true);
  });

  it('figures are the same at the same moment and grow on the sandbox clock', async () => {
    const id = image().id;
    const first = await mediaInsights(api, id, IMAGE_METRICS);
    expect(await mediaInsights(api, id, IMAGE_METRICS)).toEqual(first);
    sb.world.advanceClock(12 * HOUR);
    expect((await mediaInsights(api, id, IMAGE_METRICS)).views).toBeGreaterThan(first.views!);
  });
});

describe('sandbox account insights', () => {
  it('totals via metric_type=total_value; reach alone as a daily series; other metrics refused as a series', async () => {
    const now = sb.world.now();
    const totals = await accountTotals(api, MAYA, now - 7 * DAY, now);
    expect(Object.values(totals).every((v) => typeof v === 'number' && v > 0)).toBe(true);
    const reach = await reachByDay(api, MAYA, now - 7 * DAY, now);
    expect(reach).toHaveLength(8); // the day holding `since` through today
    expect(reach.at(-1)!.date).toBe('2026-11-01');
    const refused = await instagramFailure(graph.get(`/${MAYA}/insights`, { metric: 'reach,views', period: 'day' }, token, (await import('zod')).z.unknown()));
    expect(refused.message).toMatch(/\(views\) should be specified with parameter metric_type=total_value/);
  });

  it('refuses since and until more than 30 days apart exactly as Instagram does (HTTP 400, code 100)', async () => {
    const until = Math.floor(sb.world.now() / 1000);
    const ask = (days: number) =>
      fetch(`${sb.url}/v24.0/${MAYA}/insights?metric=views&period=day&metric_type=total_value&since=${until - days * 86_400}&until=${until}`, {
        headers: { authorization: `Bearer ${token}` },
      });
    const refused = await ask(31);
    expect(refused.status).toBe(400);
    expect((await refused.json()).error).toMatchObject({ code: 100, message: '(#100) There cannot be more than 30 days (2592000 s) between since and until' });
    expect((await ask(30)).status).toBe(200);
  });

  it('90 days of totals and daily reach come in windows Instagram takes; unique counts are not added up', async () => {
    const today = Math.floor(sb.world.now() / DAY) * DAY;
    const totals = await accountTotals(api, MAYA, today - 90 * DAY, today);
    const months = await Promise.all([90, 60, 30].map((days) => accountTotals(api, MAYA, today - days * DAY, today - (days - 30) * DAY)));
    for (const metric of ['views', 'likes', 'total_interactions', 'profile_links_taps']) {
      expect(totals[metric], metric).toBe(months.reduce((sum, month) => sum + (month[metric] as number), 0));
    }
    expect(totals.reach).toBe(NOT_FOR_THIS_RANGE);
    expect(totals.accounts_engaged).toBe(NOT_FOR_THIS_RANGE);
    // One window: Instagram's own unique count.
    expect(months[2]!.reach).toEqual(expect.any(Number));
    const reach = await reachByDay(api, MAYA, today - 90 * DAY, today);
    expect(reach).toHaveLength(90);
    expect(reach[0]!.date).toBe('2026-08-03');
    expect(reach.at(-1)!.date).toBe('2026-10-31');
  });

  it('followers_count drifts from day to day', async () => {
    const today = await followersCount(api);
    sb.world.advanceClock(DAY);
    expect(await followersCount(api)).not.toBe(today);
  });

  it('media published outside Postdeck are listed newest first, a page at a time', async () => {
    const first = await listMedia(api, MAYA, { limit: 5 });
    expect(first.items).toHaveLength(5);
    const second = await listMedia(api, MAYA, { limit: 5, after: first.nextCursor! });
    const third = await listMedia(api, MAYA, { limit: 5, after: second.nextCursor! });
    expect(third.nextCursor).toBeNull();
    const all = [...first.items, ...second.items, ...third.items];
    expect(all).toHaveLength(12);
    const times = all.map((m) => Date.parse(m.timestamp!));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });
});
