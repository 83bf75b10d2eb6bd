import type { BestTimes } from '../../../src-shared/insights';
import { ErrorNotice } from '../../components/ErrorNotice';
import { sourcesSentence } from './bestTimesView';
import { Heatmap } from './Heatmap';
import { isAccountCheck, useInsightsChannel } from './useChannel';

/** The "Best time to post" card: the week's heatmap, what it comes from, and what it lacks. */
export function BestTimeToPost({ accountId }: { accountId: string }) {
  const { value, error, loading, reload } = useInsightsChannel('insights.bestTimes', { accountId }, accountId, isAccountCheck);
  return (
    <section className="card" aria-labelledby="best-time-heading">
      <h2 id="best-time-heading">Best time to post</h2>
      {error ? <ErrorNotice error={error} onRetry={reload} /> : !value ? <p className="muted">{loading ? 'Loading best times…' : ''}</p> : <BestTimesBody value={value} />}
    </section>
  );
}

function BestTimesBody({ value }: { value: BestTimes }) {
  return (
    <>
      <p className="muted">
        {value.sources.length > 0 ? `${sourcesSentence(value.sources)} ` : ''}Hours in your time zone, {value.timeZone}.
      </p>
      {value.note ? <p className="insights-note">{value.note}</p> : null}
      {value.sources.length > 0 ? <Heatmap slots={value.slots} timeZone={value.timeZone} /> : null}
    </>
  );
}
