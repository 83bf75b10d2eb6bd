import { describe, expect, it } from 'vitest';
import { isoToLocalInput, localInputToIso, skippedTimeBecomes } from '../../../src-renderer/lib/localTime';
import { isDayKey, localDayOf, placeInDays, shiftWeek, weekDays, weekStartOf } from '../../../src-renderer/lib/week';
import { inTimeZone } from '../../helpers/timeZone';

/** A slot picked in the composer, as the week view places it: its local day and wall time. */
function composedThenPlaced(localInput: string) {
  const iso = localInputToIso(localInput);
  if (!iso) throw new Error(`not a time: ${localInput}`);
  const columns = placeInDays([iso], weekDays(weekStartOf(iso)), (slot) => slot);
  const [day] = [...columns].filter(([, placed]) => placed.length > 0);
  return { iso, day: day?.[0], time: day?.[1][0]?.time };
}

describe('weeks in Europe/Berlin', () => {
  inTimeZone('Europe/Berlin');

  it('starts on Monday, from any instant of the week, in local time', () => {
    expect(weekStartOf('2026-03-25T12:00:00Z')).toBe('2026-03-23'); // Wednesday
    expect(weekStartOf('2026-03-29T21:59:00Z')).toBe('2026-03-23'); // Sunday 23:59 CEST
    expect(weekStartOf('2026-03-29T22:00:00Z')).toBe('2026-03-30'); // Monday 00:00 CEST, still Sunday in UTC
    expect(weekStartOf('2026-03-22T23:30:00Z')).toBe('2026-03-23'); // Monday 00:30 CET
  });

  it('a week with the spring change has seven calendar days, though it is an hour short', () => {
    expect(weekDays('2026-03-23').map((day) => day.key)).toEqual([
      '2026-03-23', '2026-03-24', '2026-03-25', '2026-03-26', '2026-03-27', '2026-03-28', '2026-03-29',
    ]);
    expect(weekDays('2026-10-19').map((day) => day.key).at(-1)).toBe('2026-10-25'); // 25-hour Sunday
    expect(shiftWeek('2026-03-23', 1)).toBe('2026-03-30');
    expect(shiftWeek('2026-03-30', -1)).toBe('2026-03-23');
    expect(shiftWeek('2026-10-19', 1)).toBe('2026-10-26');
    expect(shiftWeek('2026-12-28', 1)).toBe('2027-01-04');
  });

  it('a UTC slot falls on the local day, around midnight and the change', () => {
    expect(localDayOf('2026-03-28T23:30:00Z')).toBe('2026-03-29'); // 00:30 CET Sunday
    expect(localDayOf('2026-03-29T22:30:00Z')).toBe('2026-03-30'); // 00:30 CEST Monday
    expect(localDayOf('2026-10-25T22:30:00Z')).toBe('2026-10-25'); // 23:30 CET Sunday
    expect(localDayOf('nonsense')).toBeNull();
  });

  it('places posts in their local day column at their wall time, earliest first, and leaves out the rest', () => {
    const posts = [
      { id: 'late', at: '2026-03-29T20:00:00Z' }, // 22:00 CEST Sunday
      { id: 'early', at: '2026-03-29T00:30:00Z' }, // 01:30 CET Sunday
      { id: 'draft', at: null },
      { id: 'next-week', at: '2026-03-29T22:00:00Z' }, // Monday 00:00 CEST
    ];
    const columns = placeInDays(posts, weekDays('2026-03-23'), (post) => post.at);
    expect([...columns.keys()]).toHaveLength(7);
    expect(columns.get('2026-03-29')!.map((placed) => [placed.item.id, placed.time])).toEqual([
      ['early', '01:30'],
      ['late', '22:00'],
    ]);
    expect([...columns.values()].flat()).toHaveLength(2);
  });

  it('keeps the wall time picked for a slot after the spring change, though it was picked before it', () => {
    expect(localInputToIso('2026-03-28T09:30')).toBe('2026-03-28T08:30:00.000Z'); // CET
    expect(localInputToIso('2026-03-29T09:30')).toBe('2026-03-29T07:30:00.000Z'); // CEST, the day of the change
    expect(composedThenPlaced('2026-03-29T09:30')).toMatchObject({ day: '2026-03-29', time: '09:30' });
    expect(composedThenPlaced('2026-03-29T01:59')).toMatchObject({ iso: '2026-03-29T00:59:00.000Z', day: '2026-03-29', time: '01:59' });
    expect(composedThenPlaced('2026-03-29T03:00')).toMatchObject({ iso: '2026-03-29T01:00:00.000Z', day: '2026-03-29', time: '03:00' });
  });

  it('02:30 on the spring change does not exist: the composer sends 03:30 CEST and says so', () => {
    expect(localInputToIso('2026-03-29T02:30')).toBe('2026-03-29T01:30:00.000Z');
    expect(isoToLocalInput('2026-03-29T01:30:00.000Z')).toBe('2026-03-29T03:30');
    expect(skippedTimeBecomes('2026-03-29T02:30')).toBe('03:30');
    expect(composedThenPlaced('2026-03-29T02:30')).toMatchObject({ day: '2026-03-29', time: '03:30' });
    expect(skippedTimeBecomes('2026-03-29T03:30')).toBeNull();
    expect(skippedTimeBecomes('2026-03-28T02:30')).toBeNull();
    expect(skippedTimeBecomes('')).toBeNull();
  });

  it('02:30 on the autumn change happens twice: the composer takes the first (CEST), and shows it back as 02:30', () => {
    expect(localInputToIso('2026-10-25T02:30')).toBe('2026-10-25T00:30:00.000Z');
    expect(skippedTimeBecomes('2026-10-25T02:30')).toBeNull();
    expect(composedThenPlaced('2026-10-25T02:30')).toMatchObject({ day: '2026-10-25', time: '02:30' });
    expect(composedThenPlaced('2026-10-25T18:00')).toMatchObject({ iso: '2026-10-25T17:00:00.000Z', day: '2026-10-25', time: '18:00' });
  });

  it('reads only real days as week addresses', () => {
    expect(isDayKey('2026-03-23')).toBe(true);
    expect(isDayKey('2026-02-31')).toBe(false);
    expect(isDayKey('2026-3-23')).toBe(false);
    expect(() => weekDays('soon')).toThrow();
  });
});

describe('weeks in America/New_York', () => {
  inTimeZone('America/New_York');

  it('keeps wall times across the March change and reads 02:30 that day as 03:30 EDT', () => {
    expect(localInputToIso('2026-03-07T09:30')).toBe('2026-03-07T14:30:00.000Z'); // EST, UTC-5
    expect(composedThenPlaced('2026-03-08T09:30')).toMatchObject({ iso: '2026-03-08T13:30:00.000Z', day: '2026-03-08', time: '09:30' });
    expect(localInputToIso('2026-03-08T02:30')).toBe('2026-03-08T07:30:00.000Z');
    expect(skippedTimeBecomes('2026-03-08T02:30')).toBe('03:30');
    expect(composedThenPlaced('2026-03-08T02:30')).toMatchObject({ day: '2026-03-08', time: '03:30' });
  });

  it('keeps wall times across the November change; 01:30 that day is the first one (EDT)', () => {
    expect(composedThenPlaced('2026-11-01T09:30')).toMatchObject({ iso: '2026-11-01T14:30:00.000Z', day: '2026-11-01', time: '09:30' });
    expect(composedThenPlaced('2026-11-01T01:30')).toMatchObject({ iso: '2026-11-01T05:30:00.000Z', day: '2026-11-01', time: '01:30' });
  });

  it('a slot late on Sunday evening is Sunday here, though Monday in UTC', () => {
    expect(localDayOf('2026-11-02T03:30:00Z')).toBe('2026-11-01'); // 22:30 EST Sunday
    expect(weekStartOf('2026-11-02T03:30:00Z')).toBe('2026-10-26');
    expect(weekDays('2026-10-26').map((day) => day.key).at(-1)).toBe('2026-11-01');
  });
});
