import type { AppError } from '../../src-shared/errors';

interface Props {
  error: AppError;
  onRetry?: () => void;
  retryLabel?: string;
  onDismiss?: () => void;
}

/** An error right where the user acted: the sentence, any detail, and what to do about it. */
export function ErrorNotice({ error, onRetry, retryLabel = 'Try again', onDismiss }: Props) {
  return (
    <div className="notice notice-error" role="alert">
      <div className="notice-body">
        <p className="notice-title">{error.message}</p>
        {error.detail ? <p className="notice-detail">{error.detail}</p> : null}
        {error.action ? <p className="notice-action">{error.action}</p> : null}
      </div>
      {onRetry || onDismiss ? (
        <div className="notice-buttons">
          {onRetry ? (
            <button type="button" className="button button-secondary" onClick={onRetry}>
              {retryLabel}
            </button>
          ) : null}
          {onDismiss ? (
            <button type="button" className="button button-quiet" onClick={onDismiss}>
              Dismiss
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
