import { describe, expect, it } from 'vitest';
import { ageLabel, ageRows, countryName, formatShare } from '../../../src-renderer/features/insights/audienceView';
import {
  bestSlots,
  firstWeekday,
  HEAT_STEPS,
  heatStep,
  hourHeading,
  hourTime,
  slotGrid,
  slotName,
  sourcesSentence,
  suggestionLabel,
  weekdayName,
  weekdayOrder,
} from '../../../src-renderer/features/insights/bestTimesView';

describe('heat steps', () => {
  it('puts nothing known on 0, any score on a step, and the best hour alone on the top one among lower scores', () => {
    expect(heatStep(0)).toBe(0);
    expect(heatStep(0.001)).toBe(1);
    expect(heatStep(0.2)).toBe(1);
    expect(heatStep(0.21)).toBe(2);
    expect(heatStep(0.79)).toBe(4);
    expect(heatStep(1)).toBe(HEAT_STEPS);
  });
});

describe('the grid', () => {
  it('places slots by weekday and hour whatever their order, gaps as 0', () => {
    const grid = slotGrid([
      { weekday: 2, hour: 18, score: 1 },
      { weekday: 0, hour: 0, score: 0.5 },
    ]);
    expect(grid).toHaveLength(7);
    expect(grid.every((day) => day.length === 24)).toBe(true);
    expect(grid[2]![18]).toBe(1);
    expect(grid[0]![0]).toBe(0.5);
    expect(grid[6]![23]).toBe(0);
  });

  it('finds the best slots, ties and all, and none when nothing scores', () => {
    const slots = [
      { weekday: 1, hour: 9, score: 0.4 },
      { weekday: 2, hour: 18, score: 0.9 },
      { weekday: 5, hour: 20, score: 0.9 },
    ];
    expect(bestSlots(slots)).toEqual([slots[1], slots[2]]);
    expect(bestSlots([{ weekday: 0, hour: 0, score: 0 }])).toEqual([]);
  });
});

describe('weekdays and hours in the locale', () => {
  it('starts the week on Sunday in the US and on Monday in Germany', () => {
    expect(firstWeekday('en-US')).toBe(0);
    expect(firstWeekday('de-DE')).toBe(1);
    expect(weekdayOrder(1)).toEqual([1, 2, 3, 4, 5, 6, 0]);
    expect(weekdayOrder(0)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('names weekdays in the locale, 0 being Sunday', () => {
    expect(weekdayName(0, 'short', 'en-US')).toBe('Sun');
    expect(weekdayName(2, 'long', 'en-US')).toBe('Tuesday');
    expect(weekdayName(2, 'long', 'de-DE')).toBe('Dienstag');
  });

  it('heads hour columns by the clock of the locale, without minutes or "Uhr"', () => {
    expect(hourHeading(18, 'de-DE')).toBe('18');
    expect(hourHeading(18, 'en-US')).toBe('6 PM');
    expect(hourHeading(0, 'en-US')).toBe('12 AM');
    expect(hourTime(18, 'de-DE')).toBe('18:00');
  });

  it('names a cell by its weekday and the hour it spans, midnight wrapping', () => {
    expect(slotName(2, 18, 'de-DE')).toBe('Dienstag, 18:00–19:00');
    expect(slotName(6, 23, 'de-DE')).toBe('Samstag, 23:00–0:00');
  });
});

describe('suggested slots', () => {
  it('read as weekday and time in the zone of the field, the first marked best', () => {
    // Tuesday 1 December 2026, 17:00 UTC: 18:00 in Berlin.
    const iso = '2026-12-01T17:00:00.000Z';
    expect(suggestionLabel(iso, 0, { locale: 'en-GB', timeZone: 'Europe/Berlin' })).toBe('Tue 18:00 · best');
    expect(suggestionLabel(iso, 1, { locale: 'en-GB', timeZone: 'Europe/Berlin' })).toBe('Tue 18:00');
    expect(suggestionLabel(iso, 2, { locale: 'en-US', timeZone: 'America/New_York' })).toBe('Tue 12:00 PM');
  });

  it('say what they come from', () => {
    expect(sourcesSentence(['online_followers', 'history'])).toBe(
      'Based on when your followers are online (last 30 days) and the reach of your own posts, by the hour they went out.',
    );
    expect(sourcesSentence(['history'])).toBe('Based on the reach of your own posts, by the hour they went out.');
  });
});

describe('audience', () => {
  it('sums each age range over genders, youngest first, an unknown gender counted as not specified', () => {
    const rows = ageRows([
      { age: '25-34', gender: 'F', value: 30 },
      { age: '65+', gender: 'M', value: 2 },
      { age: '13-17', gender: 'M', value: 5 },
      { age: '25-34', gender: 'M', value: 20 },
      { age: '25-34', gender: 'X', value: 1 },
    ]);
    expect(rows.map((row) => row.age)).toEqual(['13-17', '25-34', '65+']);
    expect(rows[1]).toEqual({ age: '25-34', byGender: { F: 30, M: 20, U: 1 }, total: 51 });
    expect(ageLabel('25-34')).toBe('25–34');
  });

  it('gives shares as whole percents, a small real part as under 1%', () => {
    expect(formatShare(32, 100, 'en-US')).toBe('32%');
    expect(formatShare(1, 1000, 'en-US')).toBe('<1%');
    expect(formatShare(0, 100, 'en-US')).toBe('0%');
    expect(formatShare(5, 0, 'en-US')).toBe('–');
  });

  it('names countries in the user’s language from their codes', () => {
    expect(countryName('DE', 'en-US')).toBe('Germany');
    expect(countryName('DE', 'de-DE')).toBe('Deutschland');
    expect(countryName('not a code', 'en-US')).toBe('not a code');
  });
});
