import type { Audience } from '../../../src-shared/insights';

/** How follower demographics read on screen: ages in order with their genders, shares of the whole, places by name. */

/** Instagram's gender codes, in the order the bars stack them. */
export const GENDERS = ['F', 'M', 'U'] as const;
export type Gender = (typeof GENDERS)[number];
export const GENDER_LABEL: Record<Gender, string> = { F: 'Women', M: 'Men', U: 'Not specified' };

export interface AgeRow {
  age: string;
  /** Followers of this age by gender. */
  byGender: Record<Gender, number>;
  total: number;
}

const isGender = (code: string): code is Gender => (GENDERS as readonly string[]).includes(code);

/** One row per age range, youngest first ("13-17" before "65+"), whatever order Instagram listed them in. */
export function ageRows(ageGender: Audience['ageGender']): AgeRow[] {
  const rows = new Map<string, AgeRow>();
  for (const { age, gender, value } of ageGender) {
    const row = rows.get(age) ?? { age, byGender: { F: 0, M: 0, U: 0 }, total: 0 };
    row.byGender[isGender(gender) ? gender : 'U'] += value;
    row.total += value;
    rows.set(age, row);
  }
  return [...rows.values()].sort((a, b) => parseInt(a.age, 10) - parseInt(b.age, 10));
}

/** `value` as a share of `total`, "32%" in the locale's way; "<1%" for a small but real part. */
export function formatShare(value: number, total: number, locale?: string): string {
  if (total <= 0) return '–';
  const share = value / total;
  if (share > 0 && share < 0.01) return `<${new Intl.NumberFormat(locale, { style: 'percent' }).format(0.01)}`;
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

/** "13–17": an age range with a real dash. */
export function ageLabel(age: string): string {
  return age.replace('-', '–');
}

/** A country's name in the user's language from its ISO code ("DE" → "Germany"); the code when unknown. */
export function countryName(code: string, locale?: string): string {
  try {
    return new Intl.DisplayNames(locale ? [locale] : undefined, { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
