import { toast, Toaster } from 'sonner';
import 'sonner/dist/styles.css';
import type { AppError } from '../../src-shared/errors';

/** How long a toast with an Undo stays, unless it says otherwise. */
export const UNDO_TOAST_MS = 8_000;

/** The app's one toast region (mounted once, in App): bottom centre, themed by the .toast rules in styles.css. */
export function AppToaster() {
  return (
    <Toaster
      position="bottom-center"
      theme="light"
      visibleToasts={3}
      closeButton
      containerAriaLabel="Notifications"
      toastOptions={{ unstyled: false, classNames: { toast: 'toast', actionButton: 'toast-action', closeButton: 'toast-close' } }}
    />
  );
}

/** Something was done that can be taken back: the sentence and an Undo button. Returns the toast's id. */
export function undoToast(message: string, onUndo: () => void, options: { id?: string; durationMs?: number } = {}) {
  return toast.success(message, {
    ...(options.id ? { id: options.id } : {}),
    duration: options.durationMs ?? UNDO_TOAST_MS,
    action: { label: 'Undo', onClick: onUndo },
  });
}

/** An action was refused: what happened, then what to do. */
export function errorToast(error: AppError) {
  return toast.error(error.detail ?? error.message, { duration: UNDO_TOAST_MS, ...(error.action ? { description: error.action } : {}) });
}

export function infoToast(message: string, options: { id?: string } = {}) {
  return toast(message, { ...(options.id ? { id: options.id } : {}), duration: UNDO_TOAST_MS });
}

export const dismissToast = (id: string | number) => toast.dismiss(id);
