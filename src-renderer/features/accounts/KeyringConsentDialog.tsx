import { useState } from 'react';
import type { AppError } from '../../../src-shared/errors';
import { useStores } from '../../stores/context';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNotice } from '../../components/ErrorNotice';

interface Props {
  /** The refusal that asked: its sentence explains the risk, its action the fix. */
  error: AppError;
  /** Called once the answer is stored: `true` to go on connecting. */
  onAnswered(allowed: boolean): void;
  onCancel(): void;
}

/**
 * Asked once, before the first token is sealed under Linux's `basic_text` fallback: the user either
 * fixes the keyring, or knowingly accepts the weak protection. The answer is remembered (Settings can
 * change it).
 */
export function KeyringConsentDialog({ error, onAnswered, onCancel }: Props) {
  const { app } = useStores();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<AppError | null>(null);

  async function answer(allow: boolean) {
    setBusy(true);
    const result = await app.getState().setWeakKeyringConsent(allow);
    setBusy(false);
    if (!result.ok) setFailed(result.error);
    else onAnswered(allow);
  }

  return (
    <ConfirmDialog
      title="Store Instagram access without the system keyring?"
      confirmLabel="Use basic protection"
      busyLabel="Saving…"
      cancelLabel="Not now"
      busy={busy}
      error={failed ? <ErrorNotice error={failed} /> : null}
      onConfirm={() => void answer(true)}
      onCancel={onCancel}
    >
      <p>{error.message}</p>
      <p>{error.action}</p>
      <p>
        <button type="button" className="button button-quiet" disabled={busy} onClick={() => void answer(false)}>
          Don’t store tokens until the keyring works
        </button>
      </p>
    </ConfirmDialog>
  );
}
