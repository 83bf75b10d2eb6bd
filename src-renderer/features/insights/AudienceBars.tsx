import type { Audience } from '../../../src-shared/insights';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatDateTime } from '../../lib/format';
import { ageLabel, ageRows, countryName, formatShare, GENDER_LABEL, GENDERS } from './audienceView';
import { formatCount } from './format';
import { isAccountCheck, useInsightsChannel } from './useChannel';

/** How many cities and countries are listed: Instagram gives up to 45, the top ones say most of it. */
const TOP_PLACES = 8;

/** The "Audience" card: followers by age and gender, top cities and countries, as Instagram gives them now. */
export function AudienceCard({ accountId }: { accountId: string }) {
  const { value, error, loading, reload } = useInsightsChannel('insights.audience', { accountId }, accountId, isAccountCheck);
  return (
    <section className="card" aria-labelledby="audience-heading">
      <div className="card-head">
        <h2 id="audience-heading">Audience</h2>
        {value ? <p className="as-of">As of {formatDateTime(value.fetchedAt)}</p> : null}
      </div>
      {error ? <ErrorNotice error={error} onRetry={reload} /> : !value ? <p className="muted">{loading ? 'Loading audience…' : ''}</p> : <AudienceBody value={value} />}
    </section>
  );
}

function AudienceBody({ value }: { value: Audience }) {
  const withheld = value.ageGender.length + value.cities.length + value.countries.length === 0;
  return (
    <>
      {value.note ? <p className="insights-note">{value.note}</p> : null}
      {withheld ? null : (
        <div className="audience">
          <AgeGender ageGender={value.ageGender} />
          <Places title="Top cities" places={value.cities.map((city) => ({ key: city.name, name: city.name, value: city.value }))} />
          <Places title="Top countries" places={value.countries.map((country) => ({ key: country.code, name: countryName(country.code), value: country.value }))} />
        </div>
      )}
    </>
  );
}

function AgeGender({ ageGender }: { ageGender: Audience['ageGender'] }) {
  const ages = ageRows(ageGender);
  if (ages.length === 0) return null;
  const total = ages.reduce((sum, row) => sum + row.total, 0);
  return (
    <div className="audience-part">
      <h3>Age and gender</h3>
      <p className="audience-key" aria-hidden="true">
        {GENDERS.map((gender) => (
          <span key={gender}>
            <i className={`gender-${gender}`} /> {GENDER_LABEL[gender]}
          </span>
        ))}
      </p>
      <Bars
        label="Followers by age and gender"
        max={Math.max(...ages.map((row) => row.total))}
        rows={ages.map((row) => ({
          key: row.age,
          name: ageLabel(row.age),
          value: row.total,
          share: formatShare(row.total, total),
          parts: GENDERS.map((gender) => ({ key: gender, value: row.byGender[gender], title: `${GENDER_LABEL[gender]} ${formatShare(row.byGender[gender], total)}` })),
        }))}
      />
    </div>
  );
}

function Places({ title, places }: { title: string; places: Array<{ key: string; name: string; value: number }> }) {
  if (places.length === 0) return null;
  const total = places.reduce((sum, place) => sum + place.value, 0);
  const top = places.slice(0, TOP_PLACES);
  return (
    <div className="audience-part">
      <h3>{title}</h3>
      <Bars label={title} max={Math.max(...top.map((place) => place.value))} rows={top.map((place) => ({ ...place, share: formatShare(place.value, total) }))} />
    </div>
  );
}

interface BarRow {
  key: string;
  name: string;
  value: number;
  /** Of all followers counted, "32%". */
  share: string;
  /** Stacked parts (genders), each with what it says to a screen reader. */
  parts?: Array<{ key: string; value: number; title: string }>;
}

/** Horizontal bars, longest for `max`, as a list whose items read "25–34: 32%, 1,234 followers (Women 18%, …)". */
function Bars({ label, max, rows }: { label: string; max: number; rows: BarRow[] }) {
  return (
    <ul className="audience-bars" aria-label={label}>
      {rows.map((row) => (
        <li key={row.key}>
          <span className="audience-name" title={row.name}>
            {row.name}
          </span>
          <span className="audience-track" aria-hidden="true">
            <span className="audience-bar" style={{ width: `${max > 0 ? (row.value / max) * 100 : 0}%` }}>
              {row.parts?.map((part) => (
                <span key={part.key} className={`gender-${part.key}`} style={{ flexGrow: part.value }} title={part.title} />
              ))}
            </span>
          </span>
          <span className="audience-share">{row.share}</span>
          <span className="visually-hidden">
            , {formatCount(row.value)} followers{row.parts ? ` (${row.parts.map((part) => part.title).join(', ')})` : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}
