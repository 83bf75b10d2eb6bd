/** Insight numbers and days in the user's locale (thousands separators, the locale's date order). */

export interface DayValue {
  date: string;
  value: number;
}

const counts = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const shortDays = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
const longDays = new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });

export function formatCount(value: number): string {
  return counts.format(value);
}

/** The UTC day holding `ms` (Instagram's days are UTC days), named in the user's locale. */
export function dayLabel(ms: number, style: 'short' | 'long' = 'short'): string {
  return (style === 'long' ? longDays : shortDays).format(ms);
}
