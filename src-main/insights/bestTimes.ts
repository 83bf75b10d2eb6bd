import type { BestTimes } from '../../src-shared/insights';

/** Pure best-time arithmetic: observations placed on the user's weekday × hour grid, scored, and the coming week's best hours. */

export interface Observation {
  at: number;
  value: number;
}

export type Slot = BestTimes['slots'][number];

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const QUARTER_HOUR = 15 * 60_000;

/** The computer's IANA time zone, which the grid and the suggestions are in. */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Where an instant falls in `timeZone`: weekday (0 Sunday), hour, and whether it is an hour's start there. */
export function slotAt(at: number, timeZone: string): { weekday: number; hour: number; onTheHour: boolean } {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { weekday: WEEKDAYS.indexOf(part('weekday')), hour: Number(part('hour')), onTheHour: Number(part('minute')) === 0 };
}

const key = (weekday: number, hour: number) => weekday * 24 + hour;

/** Each slot's mean of the observations in it, scaled so that the best slot is 1; slots without any are absent. */
export function scoreSlots(observations: readonly Observation[], timeZone: string): Map<number, number> {
  const sums = new Map<number, { total: number; n: number }>();
  for (const { at, value } of observations) {
    const { weekday, hour } = slotAt(at, timeZone);
    const sum = sums.get(key(weekday, hour)) ?? { total: 0, n: 0 };
    sums.set(key(weekday, hour), { total: sum.total + value, n: sum.n + 1 });
  }
  const means = new Map([...sums].map(([slot, { total, n }]) => [slot, total / n]));
  const best = Math.max(0, ...means.values());
  return new Map([...means].map(([slot, mean]) => [slot, best > 0 ? mean / best : 0]));
}

/** All 168 slots: the mean of the sources that know the slot, 0 where none does. */
export function combineScores(sources: readonly Map<number, number>[]): Slot[] {
  const slots: Slot[] = [];
  for (let weekday = 0; weekday < 7; weekday++) {
    for (let hour = 0; hour < 24; hour++) {
      const known = sources.map((scores) => scores.get(key(weekday, hour))).filter((score): score is number => score !== undefined);
      const score = known.length > 0 ? known.reduce((a, b) => a + b, 0) / known.length : 0;
      slots.push({ weekday, hour, score: Math.round(score * 1000) / 1000 });
    }
  }
  return slots;
}

/** The `count` best hour starts of the next seven days after `now`, best first (the sooner on a tie); none when nothing scores. */
export function bestUpcoming(slots: readonly Slot[], now: number, timeZone: string, count = 3): string[] {
  const score = new Map(slots.map((slot) => [key(slot.weekday, slot.hour), slot.score]));
  const candidates: Array<{ at: number; score: number }> = [];
  for (let at = Math.floor(now / QUARTER_HOUR) * QUARTER_HOUR + QUARTER_HOUR; at <= now + 7 * 24 * 3_600_000; at += QUARTER_HOUR) {
    const slot = slotAt(at, timeZone);
    const value = score.get(key(slot.weekday, slot.hour)) ?? 0;
    if (slot.onTheHour && value > 0) candidates.push({ at, score: value });
  }
  candidates.sort((a, b) => b.score - a.score || a.at - b.at);
  return candidates.slice(0, count).map((candidate) => new Date(candidate.at).toISOString());
}
