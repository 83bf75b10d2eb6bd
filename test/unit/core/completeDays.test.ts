import { describe, expect, it } from 'vitest';
import { DAY } from '../../../src-main/config/clock';
import { completeDays } from '../../../src-main/insights/service';
import { MAX_ACCOUNT_WINDOW_MS } from '../../../src-main/instagram/insights';

const iso = (ms: number) => new Date(ms).toISOString();

describe('the complete days of a range', () => {
  it('N days end where today (UTC) begins: today, still going, is left out', () => {
    const at = Date.UTC(2026, 10, 1, 23, 59);
    const { since, until } = completeDays(at, 7);
    expect(iso(since)).toBe('2026-10-25T00:00:00.000Z');
    expect(iso(until)).toBe('2026-11-01T00:00:00.000Z');
    expect((until - since) / DAY).toBe(7);
  });

  it('at the first moment of a day, yesterday is complete and in', () => {
    expect(iso(completeDays(Date.UTC(2026, 10, 1), 1).since)).toBe('2026-10-31T00:00:00.000Z');
  });

  it("30 days fit one of Instagram's windows; 90 days take exactly three", () => {
    const at = Date.UTC(2026, 10, 1, 9);
    const month = completeDays(at, 30);
    expect(month.until - month.since).toBe(MAX_ACCOUNT_WINDOW_MS);
    const quarter = completeDays(at, 90);
    expect((quarter.until - quarter.since) / MAX_ACCOUNT_WINDOW_MS).toBe(3);
  });
});
