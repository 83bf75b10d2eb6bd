import { useId } from 'react';
import type { TrialReel } from '../../../src-shared/posts';
import './composerExtras.css';

interface Props {
  shareToFeed: boolean;
  audioName: string;
  trialReel: TrialReel | null;
  onChange(patch: { shareToFeed?: boolean; audioName?: string; trialReel?: TrialReel | null }): void;
}

const TRIAL_CHOICES: ReadonlyArray<{ value: TrialReel | null; label: string; meaning: string }> = [
  { value: null, label: 'Off', meaning: 'A normal Reel: your followers see it like any other.' },
  {
    value: 'manual',
    label: 'Trial, I decide',
    meaning: 'Shown to people who do not follow you first; you share it with your followers from the Instagram app when you like how it does.',
  },
  {
    value: 'performance',
    label: 'Trial, Instagram decides',
    meaning: 'Shown to people who do not follow you first; Instagram shares it with your followers by itself if it performs well.',
  },
];

/** What Instagram lets a Reel choose when it is published: where it shows, its audio's name, and whether it is a trial. */
export function ReelOptions({ shareToFeed, audioName, trialReel, onChange }: Props) {
  const id = useId();
  return (
    <fieldset className="field field-wide reel-options">
      <legend className="field-label">Reel options</legend>
      <label className="checkbox">
        <input type="checkbox" checked={shareToFeed} aria-describedby={`${id}-feed`} onChange={(e) => onChange({ shareToFeed: e.target.checked })} />
        Also share to feed
      </label>
      <p id={`${id}-feed`} className="field-help">
        {shareToFeed ? 'The Reel shows in your profile grid and your followers’ feeds, as well as in the Reels tab.' : 'The Reel shows in the Reels tab only, not in your profile grid or feed.'}
      </p>
      <div className="field">
        <label htmlFor={`${id}-audio`}>Audio name (optional)</label>
        <input id={`${id}-audio`} value={audioName} maxLength={200} placeholder="Original audio" aria-describedby={`${id}-audio-help`} onChange={(e) => onChange({ audioName: e.target.value })} />
        <p id={`${id}-audio-help`} className="field-help">
          The name of the Reel’s own sound, shown instead of “Original audio”. Instagram lets you rename it once afterwards.
        </p>
      </div>
      <div role="radiogroup" aria-labelledby={`${id}-trial`} className="trial-choices">
        <span id={`${id}-trial`} className="field-label">
          Trial Reel
        </span>
        {TRIAL_CHOICES.map((choice) => (
          <label key={choice.label} className="trial-choice">
            <input type="radio" name={`${id}-trial`} checked={trialReel === choice.value} onChange={() => onChange({ trialReel: choice.value })} />
            <span>
              <span className="trial-label">{choice.label}</span>
              <span className="field-help">{choice.meaning}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
