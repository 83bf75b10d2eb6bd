import type { BestTimes, BestTimeSource } from '../../../src-shared/insights';

/** How best times read on screen: weekdays in the locale's order and names, hours in its clock, scores as heat steps. */

export type Slot = BestTimes['slots'][number];

/** Heat steps shown besides "nothing known" (0); the legend shows one swatch each. */
export const HEAT_STEPS = 5;

/** 0 where nothing is known, else 1…HEAT_STEPS, the best hour (score 1) always on the top step. */
export function heatStep(score: number): number {
  if (!(score > 0)) return 0;
  return Math.min(HEAT_STEPS, Math.max(1, Math.ceil(score * HEAT_STEPS)));
}

/** A score (0–1) out of 100, as the readout says it. */
export function scoreOutOf100(score: number): number {
  return Math.round(score * 100);
}

/** The slots holding the week's top score (a tie keeps all); none when nothing scores. */
export function bestSlots(slots: readonly Slot[]): Slot[] {
  const top = Math.max(0, ...slots.map((slot) => slot.score));
  return top > 0 ? slots.filter((slot) => slot.score === top) : [];
}

/** 168 slots by weekday then hour, whatever order or gaps they came in (a gap reads as 0: nothing known). */
export function slotGrid(slots: readonly Slot[]): number[][] {
  const grid = Array.from({ length: 7 }, () => Array<number>(24).fill(0));
  for (const { weekday, hour, score } of slots) grid[weekday]![hour] = score;
  return grid;
}

/** The weekday a week starts on in the locale (0 Sunday), Monday where the browser cannot tell. */
export function firstWeekday(locale?: string): number {
  const info = weekInfo(new Intl.Locale(locale ?? Intl.DateTimeFormat().resolvedOptions().locale));
  // Intl counts 1 Monday … 7 Sunday.
  return info ? info.firstDay % 7 : 1;
}

function weekInfo(locale: Intl.Locale): { firstDay: number } | undefined {
  const withInfo = locale as Intl.Locale & { getWeekInfo?: () => { firstDay: number }; weekInfo?: { firstDay: number } };
  return withInfo.getWeekInfo?.() ?? withInfo.weekInfo;
}

/** The seven weekdays (0 Sunday) starting from `first`. */
export function weekdayOrder(first: number): number[] {
  return Array.from({ length: 7 }, (_, i) => (first + i) % 7);
}

// 4 January 2026 was a Sunday: weekday n is that day plus n.
const SUNDAY = Date.UTC(2026, 0, 4, 12);

export function weekdayName(weekday: number, style: 'short' | 'long', locale?: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: style, timeZone: 'UTC' }).format(SUNDAY + weekday * 86_400_000);
}

function atHour(hour: number): number {
  return Date.UTC(2026, 0, 4, hour);
}

/** An hour as a column heading: "18" where the clock has 24 hours, "6 PM" where it has 12 (no "Uhr", no minutes). */
export function hourHeading(hour: number, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { hour: 'numeric', timeZone: 'UTC' })
    .formatToParts(atHour(hour))
    .filter((part) => part.type === 'hour' || part.type === 'dayPeriod')
    .map((part) => part.value)
    .join(' ');
}

/** An hour's start as the locale writes a time: "18:00", "6:00 PM". */
export function hourTime(hour: number, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(atHour(hour));
}

/** "Tuesday, 18:00–19:00": one cell of the grid, for the readout and for screen readers. */
export function slotName(weekday: number, hour: number, locale?: string): string {
  return `${weekdayName(weekday, 'long', locale)}, ${hourTime(hour, locale)}–${hourTime((hour + 1) % 24, locale)}`;
}

/**
 * A suggested slot as a chip reads it, in the zone of the time field it fills (the browser's unless told):
 * "Tue 18:00", the first (the best) with "· best".
 */
export function suggestionLabel(iso: string, index: number, options: { locale?: string; timeZone?: string } = {}): string {
  const when = new Intl.DateTimeFormat(options.locale, {
    weekday: 'short',
    hour: 'numeric',
    minute: '2-digit',
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  }).format(Date.parse(iso));
  return index === 0 ? `${when} · best` : when;
}

const SOURCE_PHRASE: Record<BestTimeSource, string> = {
  online_followers: 'when your followers are online (last 30 days)',
  history: 'the reach of your own posts, by the hour they went out',
};

/** "Based on A and B." from the sources the times come from. */
export function sourcesSentence(sources: readonly BestTimeSource[]): string {
  return `Based on ${sources.map((source) => SOURCE_PHRASE[source]).join(' and ')}.`;
}
