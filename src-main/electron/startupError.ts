import { errorCatalog, type ErrorCode } from '../../src-shared/errors';
import { redact } from '../config/logger';

export interface StartupFailure {
  code: ErrorCode;
  message: string;
  action: string;
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

  const technical =
    error instanceof Error
      ? `${error.name}: ${error.message}${error.stack ? `\n${error.stack.split('\n').slice(1, 8).join('\n')}` : ''}`
      : typeof record.detail === 'string'
        ? record.detail
        : '';
  let details = [
    `Postdeck ${context.version} on ${context.platform}-${context.arch}`,
    `Error code: ${code}`,
    message,
    technical ? `Detail: ${technical}` : '',
  ]
    .filter(Boolean)
    .join('\n');
  details = redact(details) as string;
  if (context.homeDir && context.homeDir.length > 1) details = details.split(context.homeDir).join('~');
  return { code, message, action, details };
}
