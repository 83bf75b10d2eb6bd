import { useState } from 'react';
import type { AppError } from '../../../src-shared/errors';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useUi, useStores } from '../../stores/context';
import './neverLoseWork.css';

/** Says that the composer shows text typed earlier and not saved, with a way to drop it. */
export function RestoredLine({ onDiscard }: { onDiscard(): void }) {
  return (
    <p className="restored-line" role="status">
      Restored your unsaved changes ·{' '}
      <button type="button" className="link-button" onClick={onDiscard}>
        Discard
      </button>
    </p>
  );
}

/** Asks before leaving a composer with unsaved changes (a link, the header, Back). */
export function LeaveDialog() {
  const pending = useUi((s) => s.pendingLeave);
  const { ui } = useStores();
  if (!pending) return null;
  return (
    <ConfirmDialog
      title="Leave without saving?"
      confirmLabel="Leave"
      cancelLabel="Stay"
      onConfirm={() => ui.getState().confirmLeave()}
      onCancel={() => ui.getState().stay()}
    >
      <p>This post has changes you have not saved. Postdeck keeps them on this computer and offers them again when you come back to it.</p>
    </ConfirmDialog>
  );
}

/** The post changed since the composer opened it (published, approved, edited elsewhere): reload it, or keep this text. */
export function ConflictNotice({ error, onResolve }: { error: AppError; onResolve(choice: 'reload' | 'keep'): Promise<void> }) {
  const [busy, setBusy] = useState(false);
  const resolve = (choice: 'reload' | 'keep') => {
    setBusy(true);
    void onResolve(choice).finally(() => setBusy(false));
  };
  return (
    <div className="notice notice-error" role="alert">
      <div className="notice-body">
        <p className="notice-title">{error.message}</p>
        {error.action ? <p className="notice-action">{error.action}</p> : null}
      </div>
      <div className="notice-buttons">
        <button type="button" className="button button-secondary" disabled={busy} onClick={() => resolve('reload')}>
          Reload
        </button>
        <button type="button" className="button button-quiet" disabled={busy} onClick={() => resolve('keep')}>
          Keep my text
        </button>
      </div>
    </div>
  );
}
