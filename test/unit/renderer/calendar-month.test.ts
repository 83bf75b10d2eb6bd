import { describe, expect, it } from 'vitest';
import { instantOn, monthStartOf, monthWeeks, shiftMonth, weekStartOf } from '../../../src-renderer/lib/week';
import { inTimeZone } from '../../helpers/timeZone';

describe('calendar days in America/New_York', () => {
  inTimeZone('America/New_York');

  it('a day in the address is that local day, not UTC midnight (the evening before in New York)', () => {
    expect(weekStartOf('2026-12-07')).toBe('2026-12-07');
    expect(weekStartOf('2026-12-13')).toBe('2026-12-07');
    expect(monthStartOf('2026-12-01')).toBe('2026-12-01');
  });

  it('a month is whole Monday-first weeks covering it: 6 rows for March and August 2026, 4 for February 2027', () => {
    const march = monthWeeks('2026-03-01');
    expect(march.map((week) => week[0]!.key)).toEqual(['2026-02-23', '2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23', '2026-03-30']);
    expect(monthWeeks('2026-08-01')).toHaveLength(6);
    expect(monthWeeks('2027-02-01')).toHaveLength(4);
    expect(march.every((week) => week.length === 7)).toBe(true);
    expect(shiftMonth('2026-12-01', 1)).toBe('2027-01-01');
    expect(shiftMonth('2026-03-01', -1)).toBe('2026-02-01');
  });

  it('a wall time on a day becomes its instant in that day’s offset, across the spring change', () => {
    expect(instantOn('2026-03-07', 10, 30)).toBe('2026-03-07T15:30:00.000Z'); // EST
    expect(instantOn('2026-03-09', 10, 30)).toBe('2026-03-09T14:30:00.000Z'); // EDT
    expect(instantOn('2026-03-08', 2, 30)).toBe('2026-03-08T07:30:00.000Z'); // 02:30 does not exist: 03:30 EDT
  });
});
