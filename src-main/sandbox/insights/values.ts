/**
 * The sandbox's insight figures: deterministic per media (or account) and day, seeded by ids, and growing on
 * the sandbox clock, so a re-fetch later sees larger numbers and the same moment always sees the same ones.
 */
import { DAY } from '../../config/clock';
import type { MediaRecord, SandboxPerson } from '../types';

/** A number in [0, 1) from a string (FNV-1a): the same ids always give the same figures. */
export function unit(seed: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    hash ^= seed.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) / 0x1_0000_0000;
}

/** Below this many accounts reached, media insights answer `(#10) Not enough viewers` (fact sheet §7). */
export const VIEWER_THRESHOLD = 30;
/** `reposts` arrived in Dec 2025 (fact sheet §7): older media have no data for it. */
export const REPOSTS_SINCE = Date.UTC(2025, 11, 1);

/**
 * A media's figures at `now`. Reach approaches the media's audience (seeded, or set by the control API) over
 * the first days, the way Instagram's numbers settle over 48 h; the other figures follow from reach and views.
 */
export function mediaFigures(media: MediaRecord, now: number, audienceOverride: number | undefined): Record<string, number> {
  const ageDays = Math.max(0, now - media.timestamp) / DAY;
  const audience = audienceOverride ?? 200 + Math.floor(unit(`${media.id}:audience`) * 4000);
  const reach = Math.round(audience * (0.2 + 0.8 * (1 - Math.exp(-ageDays / 2))));
  const views = Math.round(reach * (1.2 + unit(`${media.id}:views`)));
  const share = (name: string, max: number) => Math.round(reach * max * unit(`${media.id}:${name}`));
  const likes = share('likes', 0.12);
  const comments = share('comments', 0.02);
  const saved = share('saved', 0.03);
  const shares = share('shares', 0.02);
  const avgWatchMs = 2000 + Math.floor(unit(`${media.id}:watch`) * 9000);
  return {
    views,
    reach,
    likes,
    comments,
    saved,
    shares,
    total_interactions: likes + comments + saved + shares,
    follows: share('follows', 0.01),
    profile_visits: share('profile_visits', 0.05),
    profile_activity: share('profile_activity', 0.03),
    reposts: share('reposts', 0.01),
    replies: share('replies', 0.01),
    ig_reels_avg_watch_time: avgWatchMs,
    ig_reels_video_view_total_time: views * avgWatchMs,
    reels_skip_rate: Math.round(unit(`${media.id}:skip`) * 6000) / 100,
  };
}

/** Typical daily size of each account metric per 1,000 followers. */
const DAILY_PER_THOUSAND: Readonly<Record<string, number>> = {
  views: 900,
  reach: 300,
  accounts_engaged: 40,
  total_interactions: 80,
  likes: 60,
  comments: 6,
  shares: 5,
  saves: 7,
  replies: 2,
  reposts: 1,
  follows_and_unfollows: 3,
  profile_links_taps: 4,
};
export const ACCOUNT_METRICS: readonly string[] = Object.keys(DAILY_PER_THOUSAND);

/** The account's figure for one day (`dayStart` at 00:00 UTC); today's is the part of the day gone so far. */
export function accountDaily(person: SandboxPerson, metric: string, dayStart: number, now: number): number {
  if (dayStart >= now) return 0;
  const elapsed = Math.min(1, (now - dayStart) / DAY);
  const base = (DAILY_PER_THOUSAND[metric] ?? 0) * Math.max(1, person.followersCount / 1000);
  return Math.round(base * (0.5 + unit(`${person.igUserId}:${metric}:${dayStart}`)) * elapsed);
}

/** The day seeded `followers_count` values refer to. */
const FOLLOWERS_EPOCH = Date.UTC(2026, 0, 1);

/**
 * `followers_count` drifts a little every day (up on most), so a daily record of it shows a line. The drift is
 * in proportion to the account (about 0.025% a day, a wobble of 0.2%), so a small account stays small and
 * keeps below Instagram's thresholds however long the sandbox runs.
 */
export function followersOn(person: SandboxPerson, now: number): number {
  const day = Math.floor((now - FOLLOWERS_EPOCH) / DAY);
  const phase = unit(person.igUserId) * 2 * Math.PI;
  const size = person.followersCount;
  return Math.max(0, size + Math.round(size * (0.00025 * day + 0.002 * Math.sin(day / 3 + phase))));
}

/** Instagram gives `online_followers` and follower demographics to accounts with at least this many followers (fact sheet §7, §13). */
export const AUDIENCE_MIN_FOLLOWERS = 100;

/**
 * How many followers were online in each hour of one day (`dayStart`, the day's midnight in Instagram's zone):
 * a daily curve peaking in the evening and at lunch, the same for the same account and day.
 */
export function onlineFollowers(person: SandboxPerson, dayStart: number): Record<string, number> {
  const hours: Record<string, number> = {};
  const weekend = [0, 6].includes(new Date(dayStart).getUTCDay());
  for (let hour = 0; hour < 24; hour++) {
    const evening = Math.exp(-(((hour - (weekend ? 11 : 19)) / 3) ** 2));
    const lunch = 0.5 * Math.exp(-(((hour - 12) / 1.5) ** 2));
    const share = 0.05 + 0.35 * Math.max(evening, lunch) + 0.05 * unit(`${person.igUserId}:online:${dayStart}:${hour}`);
    hours[String(hour)] = Math.round(person.followersCount * share);
  }
  return hours;
}

const AGES = ['13-17', '18-24', '25-34', '35-44', '45-54', '55-64', '65+'];
const GENDERS = ['F', 'M', 'U'];
const CITIES = ['London, England', 'Manchester, England', 'Paris, Île-de-France', 'Berlin, Berlin', 'New York, New York', 'Madrid, Comunidad de Madrid', 'Lisbon, Lisboa', 'Dublin, Dublin'];
const COUNTRIES = ['GB', 'US', 'FR', 'DE', 'ES', 'PT', 'IE', 'IT', 'NL'];

/** Followers by a demographic breakdown (or two, e.g. age and gender): [dimension values, count], the top 45. */
export function followerDemographics(person: SandboxPerson, dimensions: readonly string[]): Array<[string[], number]> {
  const values: Record<string, readonly string[]> = { age: AGES, gender: GENDERS, city: CITIES, country: COUNTRIES };
  let combos: string[][] = [[]];
  for (const dimension of dimensions) combos = combos.flatMap((combo) => (values[dimension] ?? []).map((value) => [...combo, value]));
  const weighted = combos.map((combo) => [combo, 0.1 + unit(`${person.igUserId}:demographics:${combo.join('|')}`)] as const);
  const total = weighted.reduce((sum, [, weight]) => sum + weight, 0);
  return weighted
    .map(([combo, weight]): [string[], number] => [combo, Math.round((person.followersCount * weight) / total)])
    .sort((a, b) => b[1] - a[1])
    .slice(0, 45);
}
