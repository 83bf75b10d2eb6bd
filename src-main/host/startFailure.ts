import { isFailure } from '../config/failure';

/** The browser host's confirmed "Move it aside and start fresh". */
export const MOVE_DAMAGED_FLAG = '--move-damaged-database';

/**
 * What a host prints to stderr when it cannot start. An expected failure prints its code first, as the
 * CLI prints a refused call (`database_damaged: Your Postdeck data file is damaged…`), so scripts and logs
 * can match it; then the detail (for a damaged database, the file and SQLite's reason), the action, and
 * with `canMoveDamaged` (the browser host) how to move a damaged file aside. Anything else is
 * `<headline>: <its message>`.
 */
export function startFailureText(error: unknown, headline: string, options: { canMoveDamaged?: boolean } = {}): string {
  if (!isFailure(error)) return `${headline}: ${(error as { message?: unknown } | null)?.message ?? String(error)}\n`;
  const { code, message, action, detail } = error.error;
  const lines = [`${code}: ${message}`];
  const damagedFile = code === 'database_damaged' ? detail : undefined;
  if (damagedFile) {
    lines.push(`File: ${damagedFile}`);
    if (error.cause !== undefined) lines.push(`Cause: ${String(error.cause)}`);
  } else if (detail) lines.push(detail);
  if (action) lines.push(action);
  if (damagedFile && options.canMoveDamaged) {
    lines.push(`To move it aside and start fresh, run the same command again with ${MOVE_DAMAGED_FLAG}: the file is renamed to ${damagedFile}.damaged-<date and time>, never deleted.`);
  }
  return `${lines.join('\n')}\n`;
}
