import { errorCatalog, type ErrorCode } from '../../src-shared/errors';
import { isFailure } from '../config/failure';
import { redact } from '../config/logger';

export interface StartupFailure {
  code: ErrorCode;
  message: string;
  action: string;
  /** The error's own detail, shown as is (for `database_damaged`, the file's path). */
  detail: string | null;
  /** Redacted text for "Copy details": no tokens, no home directory. */
  details: string;
}

function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(errorCatalog, value);
}

/**
 * Turns whatever createApp rejected with into what the start-up dialog says. A known code (an AppError,
 * or an Error carrying `code`, e.g. `database_too_new`, `keyring_changed`) shows its own sentence and
 * action; anything else is an internal error. The data is never touched here or by the dialog.
 */
export function describeStartupFailure(
  error: unknown,
  context: { version: string; platform: string; arch: string; homeDir?: string },
): StartupFailure {
  const record = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const code: ErrorCode = isErrorCode(record.code) ? record.code : 'internal_error';
  const catalog: { message: string; action?: string } = errorCatalog[code];
  // An AppError carries the catalog's own sentence; a thrown Error's message is technical, so use the catalog's.
  const isAppErrorShape = typeof record.message === 'string' && typeof record.action === 'string' && !(error instanceof Error);
  const message = isAppErrorShape ? (record.message as string) : catalog.message;
  const action = isAppErrorShape ? (record.action as string) : (catalog.action ?? 'Restart Postdeck.');

  const detail = (isFailure(error) ? error.error.detail : typeof record.detail === 'string' ? record.detail : undefined) ?? null;
  const cause = error instanceof Error && error.cause !== undefined ? String(error.cause) : '';
  const technical =
    error instanceof Error ? `${error.name}: ${error.message}${error.stack ? `\n${error.stack.split('\n').slice(1, 8).join('\n')}` : ''}` : '';
  let details = [
    `Postdeck ${context.version} on ${context.platform}-${context.arch}`,
    `Error code: ${code}`,
    message,
    detail ? `Detail: ${detail}` : '',
    cause ? `Cause: ${cause}` : '',
    technical ? `Trace: ${technical}` : '',
  ]
    .filter(Boolean)
    .join('\n');
  details = redact(details) as string;
  if (context.homeDir && context.homeDir.length > 1) details = details.split(context.homeDir).join('~');
  return { code, message, action, detail, details };
}

export type StartupChoice = 'copy_details' | 'move_aside' | 'quit';

/** The start-up dialog's buttons, in order; the last one (Quit) is also what Escape means. */
export function startupChoices(failure: StartupFailure): Array<{ choice: StartupChoice; label: string }> {
  return [
    { choice: 'copy_details', label: 'Copy error details' },
    ...(failure.code === 'database_damaged' && failure.detail ? [{ choice: 'move_aside' as const, label: 'Move it aside and start fresh' }] : []),
    { choice: 'quit', label: 'Quit' },
  ];
}
