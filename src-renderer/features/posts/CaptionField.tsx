import { useId } from 'react';
import { captionProblems, captionStats, instagramLimits } from '../../../src-shared/publishingRules';

interface Props {
  label: string;
  value: string;
  rows?: number;
  help?: string;
  /** How the limits' sentences name the text: "caption" unless given. */
  subject?: string;
  /** A refusal of this text that its own counts do not already say (the service's, say). */
  error?: string | undefined;
  onChange(value: string): void;
}

const n = (value: number) => value.toLocaleString('en-US');

/**
 * A caption (or first comment) with Instagram's limits counted as the creator types: characters,
 * hashtags and @-mentions, and a sentence for anything over.
 */
export function CaptionField({ label, value, rows = 6, help, subject, error, onChange }: Props) {
  const id = useId();
  const counts = captionStats(value);
  const problems = captionProblems(value, subject);
  const over = (count: number, limit: number) => (count > limit ? ' counter-over' : '');
  const hashtagTone =
    counts.hashtags > instagramLimits.hashtags ? ' counter-over' : counts.hashtags > instagramLimits.hashtagsBeforeWarning ? ' counter-warn' : '';
  const refusal = error && !problems.some((p) => p.message === error) ? error : null;
  const hasError = refusal !== null || problems.some((p) => p.severity === 'error');
  return (
    <div className="field field-wide">
      <label htmlFor={id}>{label}</label>
      {help ? (
        <p id={`${id}-help`} className="field-help">
          {help}
        </p>
      ) : null}
      <textarea
        id={id}
        rows={rows}
        value={value}
        aria-invalid={hasError ? true : undefined}
        aria-describedby={`${help ? `${id}-help ` : ''}${id}-counts${problems.length || refusal ? ` ${id}-problems` : ''}`}
        onChange={(e) => onChange(e.target.value)}
      />
      <p id={`${id}-counts`} className="counters">
        <span className={`counter${over(counts.characters, instagramLimits.captionCharacters)}`}>
          {n(counts.characters)} / {n(instagramLimits.captionCharacters)} characters
        </span>
        <span className={`counter${hashtagTone}`}>
          {counts.hashtags} / {instagramLimits.hashtags} hashtags
        </span>
        <span className={`counter${over(counts.mentions, instagramLimits.mentions)}`}>
          {counts.mentions} / {instagramLimits.mentions} mentions
        </span>
      </p>
      {/* Always present, so screen readers announce a limit as soon as it is crossed. */}
      <div id={`${id}-problems`} aria-live="polite">
        {problems.map((problem) => (
          <p key={problem.code} className={problem.severity === 'error' ? 'field-error' : 'field-warning'}>
            {problem.message}
          </p>
        ))}
        {refusal ? <p className="field-error">{refusal}</p> : null}
      </div>
    </div>
  );
}
