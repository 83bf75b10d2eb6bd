import { isFailure } from '../config/failure';

/** The browser host's confirmed "Move it aside and start fresh". */
export const MOVE_DAMAGED_FLAG = '--move-damaged-database';

/**
 * What the browser host prints to stderr when it cannot start: the sentence and the action, and for a
 * damaged database also the file, SQLite's reason and how to move it aside.
 */
export function startupFailureText(error: unknown): string {
  if (!isFailure(error)) return `Postdeck web host could not start: ${(error as { message?: unknown } | null)?.message ?? String(error)}\n`;
  const { code, message, action, detail } = error.error;
  const lines = [`Postdeck web host could not start: ${message}`];
  if (code === 'database_damaged' && detail) {
    lines.push(`File: ${detail}`);
    if (error.cause !== undefined) lines.push(`Cause: ${String(error.cause)}`);
    if (action) lines.push(action);
    lines.push(`To move it aside and start fresh, run the same command again with ${MOVE_DAMAGED_FLAG}: the file is renamed to ${detail}.damaged-<date and time>, never deleted.`);
  } else {
    if (detail) lines.push(detail);
    if (action) lines.push(action);
  }
  return `${lines.join('\n')}\n`;
}
