import type { Usage } from '../../../src-shared/usage';
import { formatDateTime } from '../../lib/format';
import { useUsage } from './useComments';

const BACKGROUND_TEXT: Record<Usage['background'], string> = {
  running: 'Background checks (comments, insights) run on their usual schedule.',
  slowed: 'Above 75 %: background checks are spread out. Your own replies and posts are not affected.',
  paused: 'Above 90 %: background checks wait until Instagram allows more. Your own replies and posts still go through.',
};

/** Settings: how much of Instagram's rate limits Postdeck has used, as the last answers said. */
export function UsagePanel() {
  const { usage, load } = useUsage();
  return (
    <section className="card" aria-labelledby="usage-heading">
      <h2 id="usage-heading">Instagram rate limits</h2>
      {!usage ? (
        <p className="muted">Loading…</p>
      ) : (
        <>
          <dl className="facts">
            <div>
              <dt>This app</dt>
              <dd>{usage.appPercent === null ? 'No answer from Instagram yet' : `${usage.appPercent} % used`}</dd>
            </div>
            {usage.accounts.map((a) => (
              <div key={a.accountId}>
                <dt>@{a.username}</dt>
                <dd>
                  {a.percent} % used{a.regainAt ? `, access back by ${formatDateTime(a.regainAt)}` : ''}
                </dd>
              </div>
            ))}
          </dl>
          <p className="muted">{BACKGROUND_TEXT[usage.background]}</p>
          <button type="button" className="button button-quiet" onClick={load}>
            Update
          </button>
        </>
      )}
    </section>
  );
}
