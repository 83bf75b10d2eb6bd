import { useId } from 'react';
import { formatDateTime } from '../../lib/format';
import { isoToLocalInput } from '../../lib/localTime';
import { suggestionLabel } from '../insights/bestTimesView';
import { isAccountCheck, useInsightsChannel } from '../insights/useChannel';
import './bestTimeChips.css';

/**
 * The account's three best upcoming hours as chips under the time field; a click puts one in the field.
 * Nothing at all while they load, when there are none, or when asking failed: the field works without them.
 */
export function BestTimeChips({ accountId, value, onPick }: { accountId: string; value: string; onPick(when: string): void }) {
  const id = useId();
  const { value: best } = useInsightsChannel('insights.bestTimes', { accountId }, accountId, isAccountCheck);
  const upcoming = (best?.suggestions ?? []).filter((iso) => Date.parse(iso) > Date.now());
  if (upcoming.length === 0) return null;
  return (
    <div className="best-time-chips" role="group" aria-labelledby={`${id}-label`}>
      <span id={`${id}-label`} className="field-help">
        Best times:
      </span>
      {upcoming.map((iso, index) => {
        const when = isoToLocalInput(iso);
        return (
          <button key={iso} type="button" className="best-time-chip" aria-pressed={when === value} title={formatDateTime(iso)} onClick={() => onPick(when)}>
            {suggestionLabel(iso, index)}
          </button>
        );
      })}
    </div>
  );
}
