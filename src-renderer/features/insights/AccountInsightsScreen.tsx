import { lazy, Suspense, useState } from 'react';
import { INSIGHT_DAYS, NOT_FOR_THIS_RANGE, type AccountInsights as AccountInsightsValue, type InsightDays } from '../../../src-shared/insights';
import { AccountPicker } from '../../components/AccountPicker';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Screen } from '../../components/Screen';
import { formatDate, formatDateTime } from '../../lib/format';
import { useAccounts, useUi } from '../../stores/context';
import { formatAccountFigure, METRIC_LABEL } from './labels';
import { TopPosts } from './TopPosts';
import { BestTimeToPost } from './BestTimeToPost';
import { AudienceCard } from './AudienceBars';
import { isAccountCheck, useInsightsChannel } from './useChannel';
import './insights.css';

// uPlot comes with the charts only, in their own chunk.
const DailyChart = lazy(() => import('./DailyChart'));

/** One account's totals for 7, 30 or 90 complete days, its daily reach, its followers over time, its top posts, when to post and who follows. */
export function AccountInsightsScreen({ accountId }: { accountId: string | null }) {
  const accounts = useAccounts((s) => s.accounts);
  const navigate = useUi((s) => s.navigate);
  const chosen = accounts.find((a) => a.id === accountId) ?? accounts[0];
  return (
    <Screen
      name="insights"
      title="Insights"
      head={<AccountPicker accounts={accounts} value={chosen?.id ?? ''} onChange={(id) => navigate({ name: 'insights', accountId: id })} />}
    >
      {chosen ? (
        <AccountInsights key={chosen.id} accountId={chosen.id} username={chosen.username} />
      ) : (
        <p className="muted">Connect an account to see its insights.</p>
      )}
    </Screen>
  );
}

/** The 7/30/90 switch: one choice of three, so a radio group (arrow keys move the choice). */
function RangeSwitch({ days, onChange }: { days: InsightDays; onChange: (days: InsightDays) => void }) {
  return (
    <div className="range-switch" role="radiogroup" aria-label="Range">
      {INSIGHT_DAYS.map((d) => (
        <label key={d}>
          <input type="radio" name="insights-range" value={d} checked={d === days} onChange={() => onChange(d)} />
          <span>{d} days</span>
        </label>
      ))}
    </div>
  );
}

function AccountInsights({ accountId, username }: { accountId: string; username: string }) {
  const [days, setDays] = useState<InsightDays>(30);
  const { value, error, loading, reload } = useInsightsChannel('insights.account', { accountId, days }, accountId, isAccountCheck);
  return (
    <>
      <div className="insights-toolbar">
        <RangeSwitch days={days} onChange={setDays} />
        {value ? (
          <button type="button" className="button button-secondary" onClick={() => void exportCsv(username, value)}>
            Export CSV
          </button>
        ) : null}
      </div>
      {error ? (
        <ErrorNotice error={error} onRetry={reload} />
      ) : !value ? (
        <p className="muted">{loading ? 'Loading insights…' : ''}</p>
      ) : (
        <RangeFigures value={value} />
      )}
      <div className="card">
        <h2>Top posts</h2>
        <TopPostsOfRange accountId={accountId} days={days} />
      </div>
      <BestTimeToPost accountId={accountId} />
      <AudienceCard accountId={accountId} />
    </>
  );
}

/** papaparse comes with the first export, in its own chunk. */
async function exportCsv(username: string, value: AccountInsightsValue): Promise<void> {
  const { downloadText, insightsCsv, insightsCsvName } = await import('./csv');
  downloadText(insightsCsvName(username, value), insightsCsv(value), 'text/csv;charset=utf-8');
}

function RangeFigures({ value }: { value: AccountInsightsValue }) {
  return (
    <>
      <div className="card">
        <div className="card-head">
          <h2>Last {value.days} days</h2>
          <p className="muted">
            {/* UTC days, as Instagram counts them; today's is left out until it ends, so a range is whole days. */}
            {formatDate(value.from, { timeZone: 'UTC' })} – {formatDate(value.to, { timeZone: 'UTC' })}, {value.days} complete days (UTC)
          </p>
        </div>
        <dl className="insights-figures">
          {Object.entries(value.totals).map(([metric, figure]) => (
            <div key={metric} className={figure === null ? 'no-data' : figure === NOT_FOR_THIS_RANGE ? 'not-for-range' : undefined}>
              <dt>{METRIC_LABEL[metric] ?? metric}</dt>
              <dd>{formatAccountFigure(metric, figure, value.days)}</dd>
            </div>
          ))}
        </dl>
        <p className="as-of">As of {formatDateTime(value.fetchedAt)}</p>
      </div>
      <Suspense fallback={<p className="muted">Loading charts…</p>}>
        <div className="card">
          <h2>Accounts reached per day</h2>
          <DailyChart points={value.reachByDay} label="Accounts reached per day" unit="accounts reached" />
        </div>
        <div className="card">
          <h2>Followers</h2>
          <DailyChart points={value.followersByDay} label="Followers, counted at each check" unit="followers" />
          <p className="muted">Instagram keeps no history of followers: Postdeck counts them at each check, from the day the account was connected.</p>
        </div>
      </Suspense>
    </>
  );
}

function TopPostsOfRange({ accountId, days }: { accountId: string; days: InsightDays }) {
  const { value, error, loading, reload } = useInsightsChannel('insights.topPosts', { accountId, days }, accountId, isAccountCheck);
  if (error) return <ErrorNotice error={error} onRetry={reload} />;
  if (!value) return <p className="muted">{loading ? 'Loading posts…' : ''}</p>;
  return <TopPosts items={value.items} />;
}
