import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { ACCOUNT_TOTAL_METRICS, NOT_FOR_THIS_RANGE, type AccountInsights } from '../../../src-shared/insights';
import { formatAccountFigure, formatFigure } from '../../../src-renderer/features/insights/labels';
import { insightsCsv, insightsCsvRows } from '../../../src-renderer/features/insights/csv';

describe('insight figures on screen', () => {
  it('a missing figure reads "No data", never 0; a real 0 stays 0', () => {
    expect(formatFigure('reach', null)).toBe('No data');
    expect(formatFigure('reach', 0)).toBe('0');
    expect(formatFigure('ig_reels_avg_watch_time', 4200)).toBe('4.2 s');
  });

  it('a unique count over more than 30 days says why it has no number, in place of one', () => {
    expect(formatAccountFigure('reach', NOT_FOR_THIS_RANGE, 90)).toBe("Accounts reached can't be added up over 90 days: Instagram counts unique accounts per 30 days.");
    expect(formatAccountFigure('reach', 1234, 30)).toBe((1234).toLocaleString());
    expect(formatAccountFigure('reach', null, 90)).toBe('No data');
  });
});

describe('the range as CSV', () => {
  const week: AccountInsights = {
    accountId: 'a',
    days: 7,
    from: '2026-10-25',
    to: '2026-10-31',
    fetchedAt: '2026-11-01T09:00:00.000Z',
    totals: { ...Object.fromEntries(ACCOUNT_TOTAL_METRICS.map((m, i) => [m, 1000 * (i + 1)])), replies: null },
    // A day Instagram left out stays in the table, with an empty cell.
    reachByDay: ['2026-10-25', '2026-10-26', '2026-10-27', '2026-10-29', '2026-10-30', '2026-10-31'].map((date, i) => ({ date, value: 12345 + i })),
    // Today's count is outside the range.
    followersByDay: [
      { date: '2026-10-30', value: 2100 },
      { date: '2026-11-01', value: 2150 },
    ],
  };

  it('one row per day of the range, every day named, then the totals; numbers plain, never locale-formatted', () => {
    const rows = insightsCsvRows(week);
    expect(rows[0]).toEqual(['Day', 'Accounts reached', 'Followers', 'Views', 'Accounts engaged', 'Interactions', 'Likes', 'Comments', 'Shares', 'Saves', 'Replies', 'Follows and unfollows', 'Profile link taps']);
    expect(rows.slice(1, -1).map((r) => r[0])).toEqual(['2026-10-25', '2026-10-26', '2026-10-27', '2026-10-28', '2026-10-29', '2026-10-30', '2026-10-31']);
    expect(rows[1]!.slice(0, 3)).toEqual(['2026-10-25', 12345, '']);
    expect(rows[4]!.slice(0, 2)).toEqual(['2026-10-28', '']);
    expect(rows[6]!.slice(0, 3)).toEqual(['2026-10-30', 12349, 2100]);
    expect(rows.at(-1)).toEqual(['Total, 2026-10-25 to 2026-10-31', 2000, '', 1000, 3000, 4000, 5000, 6000, 7000, 8000, 'No data', 10000, 11000]);
  });

  it('a unique count over several 30-day windows says so in place of a number', () => {
    const quarter: AccountInsights = { ...week, days: 90, totals: { ...week.totals, reach: NOT_FOR_THIS_RANGE, accounts_engaged: NOT_FOR_THIS_RANGE } };
    const total = insightsCsvRows(quarter).at(-1)!;
    expect(total[1]).toBe("Accounts reached can't be added up over 90 days: Instagram counts unique accounts per 30 days.");
    expect(total[4]).toBe("Accounts engaged can't be added up over 90 days: Instagram counts unique accounts per 30 days.");
  });

  it('the text is RFC 4180 CSV that reads back to the same rows', () => {
    const text = insightsCsv(week);
    expect(text.split('\r\n')).toHaveLength(9);
    expect(text).toContain('"Total, 2026-10-25 to 2026-10-31"');
    const back = Papa.parse<string[]>(text, { dynamicTyping: true }).data;
    expect(back).toEqual(insightsCsvRows(week).map((r) => r.map((c) => (c === '' ? null : c))));
  });
});
