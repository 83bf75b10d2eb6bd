import type { MediaInsights } from '../../../src-shared/insights';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatDateTime } from '../../lib/format';
import { formatFigure, METRIC_LABEL } from './labels';
import { useInsightsChannel } from './useChannel';
import './insights.css';

/** A published post's figures, each "as of" when Instagram gave them; too few viewers and no data say so. */
export function PostInsightsPanel({ postId, accountId, carousel }: { postId: string; accountId: string; carousel: boolean }) {
  const { value, error, loading, reload } = useInsightsChannel('insights.post', { postId }, accountId);
  return (
    <div className="card insights-panel" aria-labelledby="post-insights-heading">
      <h2 id="post-insights-heading">Insights</h2>
      {error ? (
        <ErrorNotice error={error} onRetry={reload} />
      ) : !value ? (
        <p className="muted">{loading ? 'Loading insights…' : ''}</p>
      ) : (
        <MediaFigures insights={value} />
      )}
      {carousel ? <p className="muted">Instagram keeps no insights for carousel items: these figures are for the whole carousel.</p> : null}
    </div>
  );
}

function MediaFigures({ insights }: { insights: MediaInsights }) {
  const asOf = <p className="as-of">As of {formatDateTime(insights.fetchedAt)}</p>;
  if (insights.noInsights === 'not_enough_viewers') {
    return (
      <>
        <p className="insights-none">Not enough viewers yet: Instagram shows insights once a post has reached more accounts.</p>
        {asOf}
      </>
    );
  }
  if (insights.noInsights === 'carousel_item') return <p className="insights-none">No insights for carousel items.</p>;
  return (
    <>
      <dl className="facts insights-figures">
        {Object.entries(insights.metrics).map(([metric, figure]) => (
          <div key={metric} className={figure === null ? 'no-data' : undefined}>
            <dt>{METRIC_LABEL[metric] ?? metric}</dt>
            <dd>{formatFigure(metric, figure)}</dd>
          </div>
        ))}
      </dl>
      {asOf}
    </>
  );
}
