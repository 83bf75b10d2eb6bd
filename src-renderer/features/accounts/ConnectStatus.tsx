import { placeKey } from './connectStore';
import type { ConnectPlace } from './connectStore';
import { useConnect } from '../../stores/context';
import { ErrorNotice } from '../../components/ErrorNotice';
import { KeyringConsentDialog } from './KeyringConsentDialog';
import './accounts.css';

/** The state of a connection attempt, shown where it was started (toolbar or an account's row). */
const STEP_TEXT = {
  exchanging_code: 'Instagram answered. Finishing sign-in…',
  fetching_profile: 'Reading the account’s profile…',
  saving: 'Saving…',
} as const;

export function ConnectStatus({ place }: { place: ConnectPlace }) {
  const key = placeKey(place);
  const phase = useConnect((s) => s.phase);
  const currentPlace = useConnect((s) => s.place);
  const blockedUrl = useConnect((s) => s.blockedAuthorizeUrl);
  const outcome = useConnect((s) => s.outcome);
  const start = useConnect((s) => s.start);
  const cancel = useConnect((s) => s.cancel);
  const dismiss = useConnect((s) => s.dismissOutcome);
  const step = useConnect((s) => s.step);

  const here = currentPlace !== null && placeKey(currentPlace) === key;

  if (here && (phase === 'starting' || phase === 'waiting')) {
    return (
      <div className="connect-waiting">
        <span className="spinner" aria-hidden="true" />
        <div className="connect-waiting-text" role="status">
          <p>{phase === 'starting' ? 'Opening Instagram…' : 'Waiting for Instagram…'}</p>
          <p className="muted">
            {step ? (
              STEP_TEXT[step]
            ) : blockedUrl ? (
              <>
                Your browser blocked the sign-in window.{' '}
                <a href={blockedUrl} target="postdeck-connect" rel="noopener">
                  Open Instagram sign-in
                </a>
              </>
            ) : (
              'Finish signing in in the Instagram window. It closes by itself when you are done.'
            )}
          </p>
        </div>
        {phase === 'waiting' ? (
          <button type="button" className="button button-secondary" onClick={() => void cancel()}>
            Cancel
          </button>
        ) : null}
      </div>
    );
  }

  if (outcome && placeKey(outcome.place) === key) {
    if (outcome.kind === 'cancelled') {
      return (
        <div className="connect-cancelled">
          <p role="status">Connecting was cancelled. Nothing was saved.</p>
          <button type="button" className="button button-quiet" onClick={dismiss}>
            Dismiss
          </button>
        </div>
      );
    }
    // The Messages… dialog says how turning messages on ended.
    if (outcome.kind === 'messages') return null;
    // Linux without a keyring: ask once, then go on connecting if the user agrees.
    if (outcome.error.code === 'keyring_consent_needed') {
      const place = outcome.place;
      return (
        <KeyringConsentDialog
          error={outcome.error}
          onAnswered={(allowed) => {
            dismiss();
            if (allowed) start(place);
          }}
          onCancel={dismiss}
        />
      );
    }
    // Signed in as someone else while reconnecting: offer to add that account instead.
    if (outcome.error.code === 'account_mismatch') {
      return <ErrorNotice error={outcome.error} onRetry={() => start('new')} retryLabel="Add as a new account" onDismiss={dismiss} />;
    }
    return <ErrorNotice error={outcome.error} onRetry={() => start(outcome.place)} onDismiss={dismiss} />;
  }
  return null;
}
