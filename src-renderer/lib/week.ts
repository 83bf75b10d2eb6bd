/**
 * Weeks in the user's time zone, for the calendar. Days are built from calendar fields (year, month,
 * day) rather than by adding 24 hours, because a day with a daylight-saving change lasts 23 or 25.
 * Pure: the zone is the process's own (the browser's, or TZ in tests), as in localTime.ts.
 */

/** A local calendar date, 'YYYY-MM-DD': the key a day column and the address use. */
export type DayKey = string;

const DAY_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;
const pad = (n: number) => String(n).padStart(2, '0');

function dayKeyOf(date: Date): DayKey {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** 'YYYY-MM-DD' → local midnight of that day (or the first instant of it where midnight is skipped), or null. */
function parseDayKey(key: string): Date | null {
  const match = DAY_KEY.exec(key);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  const date = new Date(year, month, day);
  // new Date(2026, 1, 31) rolls over to March: a date that does not exist is not a day.
  return date.getFullYear() === year && date.getMonth() === month && date.getDate() === day ? date : null;
}

export function isDayKey(value: string): boolean {
  return parseDayKey(value) !== null;
}

/** The local day an instant falls on, e.g. '2026-03-29' for 2026-03-28T23:30Z in Berlin (00:30 CET → CEST day). */
export function localDayOf(instant: string | number | Date): DayKey | null {
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? null : dayKeyOf(date);
}

/** An instant, or a DayKey read as that local day (new Date('2026-03-23') would be UTC midnight, the day before in New York). */
function asLocalDate(instant: string | number | Date): Date {
  return (typeof instant === 'string' && parseDayKey(instant)) || new Date(instant);
}

/** The Monday (ISO 8601 week) of the week an instant (or a local day) falls in, in the user's zone. */
export function weekStartOf(instant: string | number | Date): DayKey {
  const date = asLocalDate(instant);
  const sinceMonday = (date.getDay() + 6) % 7;
  return dayKeyOf(new Date(date.getFullYear(), date.getMonth(), date.getDate() - sinceMonday));
}

/** The Monday `weeks` weeks from the given one (negative goes back). */
export function shiftWeek(start: DayKey, weeks: number): DayKey {
  const date = parseDayKey(start);
  if (!date) throw new Error(`not a day: ${start}`);
  return dayKeyOf(new Date(date.getFullYear(), date.getMonth(), date.getDate() + 7 * weeks));
}

export interface WeekDay {
  key: DayKey;
  /** Local midnight, for formatting the column's heading. */
  date: Date;
}

/** `count` consecutive days from `start`, each by its own calendar date. */
function daysFrom(start: DayKey, count: number): WeekDay[] {
  const first = parseDayKey(start);
  if (!first) throw new Error(`not a day: ${start}`);
  return Array.from({ length: count }, (_, i) => {
    const date = new Date(first.getFullYear(), first.getMonth(), first.getDate() + i);
    return { key: dayKeyOf(date), date };
  });
}

/** The seven days from a Monday. */
export function weekDays(start: DayKey): WeekDay[] {
  return daysFrom(start, 7);
}

/** The 1st of the month an instant (or a day) falls in, in the user's zone. */
export function monthStartOf(instant: string | number | Date): DayKey {
  const date = asLocalDate(instant);
  return dayKeyOf(new Date(date.getFullYear(), date.getMonth(), 1));
}

/** The 1st of the month `months` months from the given 1st (negative goes back). */
export function shiftMonth(start: DayKey, months: number): DayKey {
  const date = parseDayKey(start);
  if (!date) throw new Error(`not a day: ${start}`);
  return dayKeyOf(new Date(date.getFullYear(), date.getMonth() + months, 1));
}

/** Whole weeks, Monday first, that cover the month starting at `start` (its 1st): 4 to 6 rows of 7 days. */
export function monthWeeks(start: DayKey): WeekDay[][] {
  const first = parseDayKey(start);
  if (!first) throw new Error(`not a day: ${start}`);
  const last = new Date(first.getFullYear(), first.getMonth() + 1, 0);
  const days = daysFrom(weekStartOf(first), 42);
  const rows = Array.from({ length: 6 }, (_, row) => days.slice(row * 7, row * 7 + 7));
  return rows.filter((week) => week[0]!.date <= last);
}

/**
 * The instant of a wall time on a local day, as ISO: '2026-03-29', 2, 30 in Berlin has no 02:30 (the
 * clocks jump), and JavaScript moves it on to 03:30, as the composer's picker does.
 */
export function instantOn(day: DayKey, hours: number, minutes: number): string {
  const date = parseDayKey(day);
  if (!date) throw new Error(`not a day: ${day}`);
  return new Date(date.getFullYear(), date.getMonth(), date.getDate(), hours, minutes).toISOString();
}

/** '09:30': the wall time an instant shows in the user's zone. */
export function localClockTime(instant: string | number | Date): string {
  const date = new Date(instant);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export interface Placed<T> {
  item: T;
  /** The local wall time, 'HH:MM'. */
  time: string;
  at: number;
}

/**
 * Puts each item with a time into the column of the local day it falls on, earliest first. Items
 * without a time (drafts) or outside the days are left out.
 */
export function placeInDays<T>(items: readonly T[], days: readonly WeekDay[], timeOf: (item: T) => string | null): Map<DayKey, Placed<T>[]> {
  const columns = new Map<DayKey, Placed<T>[]>(days.map((day) => [day.key, []]));
  for (const item of items) {
    const iso = timeOf(item);
    const at = iso ? Date.parse(iso) : Number.NaN;
    if (Number.isNaN(at)) continue;
    columns.get(dayKeyOf(new Date(at)))?.push({ item, time: localClockTime(at), at });
  }
  for (const column of columns.values()) column.sort((a, b) => a.at - b.at);
  return columns;
}

/** A post's place in the week view: its day column (0 = Monday) and its row in that day. */
export interface WeekCell {
  day: number;
  row: number;
}

/**
 * Where an arrow key takes the focus from a post in the week, given how many posts each day holds: up and
 * down within the day, left and right to the nearest day that has posts (same row, or its last). Null
 * when the key does not move it (another key, or the edge of the week).
 */
export function moveInWeek(postsPerDay: readonly number[], from: WeekCell, key: string): WeekCell | null {
  if (key === 'ArrowUp') return from.row > 0 ? { day: from.day, row: from.row - 1 } : null;
  if (key === 'ArrowDown') return from.row < (postsPerDay[from.day] ?? 0) - 1 ? { day: from.day, row: from.row + 1 } : null;
  const step = key === 'ArrowLeft' ? -1 : key === 'ArrowRight' ? 1 : 0;
  if (step === 0) return null;
  for (let day = from.day + step; day >= 0 && day < postsPerDay.length; day += step) {
    const count = postsPerDay[day] ?? 0;
    if (count > 0) return { day, row: Math.min(from.row, count - 1) };
  }
  return null;
}
