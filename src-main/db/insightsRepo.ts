import type { AccountFigure } from '../../src-shared/insights';
import type { Database } from './database';

export type NoInsightsReason = 'not_enough_viewers' | 'carousel_item';
export type Figures = Record<string, number | null>;

export interface MediaInsightsRecord {
  accountId: string;
  igMediaId: string;
  mediaType: string;
  metrics: Figures;
  noInsights: NoInsightsReason | null;
  fetchedAt: number;
}

export interface AccountTotalsRecord {
  accountId: string;
  days: number;
  totals: Record<string, AccountFigure>;
  fetchedAt: number;
}

export type DailySeries = 'reach' | 'followers';

interface MediaRow {
  account_id: string;
  ig_media_id: string;
  media_type: string;
  metrics: string;
  no_insights: NoInsightsReason | null;
  fetched_at: number;
}

/**
 * Stored insights (migration 0007). Every write replaces the row for its key (INSERT … ON CONFLICT DO UPDATE),
 * never adds to it: a re-fetch cannot double a number.
 */
export class InsightsRepo {
  private readonly statements;

  constructor(private readonly db: Database) {
    this.statements = {
      putMedia: db.prepare<[{ accountId: string; igMediaId: string; mediaType: string; metrics: string; noInsights: string | null; fetchedAt: number }]>(
        `INSERT INTO media_insights (account_id, ig_media_id, media_type, metrics, no_insights, fetched_at)
         VALUES (@accountId, @igMediaId, @mediaType, @metrics, @noInsights, @fetchedAt)
         ON CONFLICT (account_id, ig_media_id) DO UPDATE SET media_type = excluded.media_type, metrics = excluded.metrics,
           no_insights = excluded.no_insights, fetched_at = excluded.fetched_at`,
      ),
      getMedia: db.prepare<[string, string], MediaRow>('SELECT * FROM media_insights WHERE account_id = ? AND ig_media_id = ?'),
      putTotals: db.prepare<[{ accountId: string; days: number; totals: string; fetchedAt: number }]>(
        `INSERT INTO account_insights (account_id, days, totals, fetched_at) VALUES (@accountId, @days, @totals, @fetchedAt)
         ON CONFLICT (account_id, days) DO UPDATE SET totals = excluded.totals, fetched_at = excluded.fetched_at`,
      ),
      getTotals: db.prepare<[string, number], { totals: string; fetched_at: number }>('SELECT totals, fetched_at FROM account_insights WHERE account_id = ? AND days = ?'),
      putDaily: db.prepare<[{ accountId: string; series: DailySeries; date: string; value: number; fetchedAt: number }]>(
        `INSERT INTO account_daily (account_id, series, date, value, fetched_at) VALUES (@accountId, @series, @date, @value, @fetchedAt)
         ON CONFLICT (account_id, series, date) DO UPDATE SET value = excluded.value, fetched_at = excluded.fetched_at`,
      ),
      daily: db.prepare<[string, DailySeries, string, string], { date: string; value: number }>(
        'SELECT date, value FROM account_daily WHERE account_id = ? AND series = ? AND date >= ? AND date <= ? ORDER BY date',
      ),
    };
  }

  putMedia(record: MediaInsightsRecord): void {
    this.statements.putMedia.run({ ...record, metrics: JSON.stringify(record.metrics) });
  }

  media(accountId: string, igMediaId: string): MediaInsightsRecord | null {
    const row = this.statements.getMedia.get(accountId, igMediaId);
    if (!row) return null;
    return { accountId, igMediaId, mediaType: row.media_type, metrics: JSON.parse(row.metrics) as Figures, noInsights: row.no_insights, fetchedAt: row.fetched_at };
  }

  putTotals(record: AccountTotalsRecord): void {
    this.statements.putTotals.run({ ...record, totals: JSON.stringify(record.totals) });
  }

  totals(accountId: string, days: number): AccountTotalsRecord | null {
    const row = this.statements.getTotals.get(accountId, days);
    return row ? { accountId, days, totals: JSON.parse(row.totals) as AccountTotalsRecord['totals'], fetchedAt: row.fetched_at } : null;
  }

  /** Replaces each given day's value of a series, in one transaction. */
  putDaily(accountId: string, series: DailySeries, values: readonly { date: string; value: number }[], fetchedAt: number): void {
    this.db.transaction(() => {
      for (const { date, value } of values) this.statements.putDaily.run({ accountId, series, date, value, fetchedAt });
    })();
  }

  /** A series from `fromDate` to `toDate` (YYYY-MM-DD, both included), oldest first. */
  daily(accountId: string, series: DailySeries, fromDate: string, toDate: string): { date: string; value: number }[] {
    return this.statements.daily.all(accountId, series, fromDate, toDate);
  }
}
