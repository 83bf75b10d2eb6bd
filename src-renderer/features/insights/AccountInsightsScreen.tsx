import { INSIGHT_DAYS, NOT_FOR_THIS_RANGE, type InsightDays } from '../../../src-shared/insights';
import { AccountPicker } from '../../components/AccountPicker';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Screen } from '../../components/Screen';
import { formatDate, formatDateTime } from '../../lib/format';
import { useState } from 'react';
import { useAccounts, useUi } from '../../stores/context';
import { formatAccountFigure, METRIC_LABEL } from './labels';
import { LineChart } from './LineChart';
import { useInsightsChannel } from './useChannel';
import './insights.css';

/** One account's totals for 7, 30 or 90 days, its daily reach and its followers over time. */
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
      {chosen ? <AccountInsights key={chosen.id} accountId={chosen.id} /> : <p className="muted">Connect an account to see its insights.</p>}
    </Screen>
  );
}

function AccountInsights({ accountId }: { accountId: string }) {
  const [days, setDays] = useState<InsightDays>(30);
  const { value, error, loading, reload } = useInsightsChannel('insights.account', { accountId, days }, accountId);
  return (
    <>
      <div className="segmented" role="group" aria-label="Period">
        {INSIGHT_DAYS.map((d) => (
          <button key={d} type="button" aria-pressed={d === days} onClick={() => setDays(d)}>
            {d} days
          </button>
        ))}
      </div>
      {error ? (
        <ErrorNotice error={error} onRetry={reload} />
      ) : !value ? (
        <p className="muted">{loading ? 'Loading insights…' : ''}</p>
      ) : (
        <>
          <div className="card">
            <h2>Last {value.days} days</h2>
            <p className="muted">
              {/* UTC days, as the reach chart counts them; today's is left out until it ends, so a period is whole days. */}
              {formatDate(value.from, { timeZone: 'UTC' })} – {formatDate(value.to, { timeZone: 'UTC' })}, complete days (UTC)
            </p>
            <dl className="facts insights-figures">
              {Object.entries(value.totals).map(([metric, figure]) => (
                <div key={metric} className={figure === null ? 'no-data' : figure === NOT_FOR_THIS_RANGE ? 'not-for-range' : undefined}>
                  <dt>{METRIC_LABEL[metric] ?? metric}</dt>
                  <dd>{formatAccountFigure(metric, figure, value.days)}</dd>
                </div>
              ))}
            </dl>
            <p className="as-of">As of {formatDateTime(value.fetchedAt)}</p>
          </div>
          <div className="card">
            <h2>Accounts reached per day</h2>
            <LineChart points={value.reachByDay} label="Accounts reached per day" />
          </div>
          <div className="card">
            <h2>Followers</h2>
            <LineChart points={value.followersByDay} label="Followers, counted at each check" />
            <p className="muted">Instagram keeps no history of followers: Postdeck counts them at each check, from the day the account was connected.</p>
          </div>
        </>
      )}
    </>
  );
}
