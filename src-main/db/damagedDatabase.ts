import { existsSync, renameSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import type { Clock } from '../config/clock';
import { Failure } from '../config/failure';

/** SQLite's files for one database: the main file first, then its write-ahead log and shared memory. */
export function databaseFiles(file: string): [string, string, string] {
  return [file, `${file}-wal`, `${file}-shm`];
}

/** SQLite's answers that mean the bytes are not a database it can trust (extended codes included). */
function isDamageError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_NOTADB') || code.startsWith('SQLITE_CORRUPT'));
}

function damaged(file: string, reason: string): Failure {
  const failure = new Failure('database_damaged', file);
  // The path is the detail the hosts act on; SQLite's own words go to "Copy details".
  failure.cause = reason;
  return failure;
}

/**
 * Throws `database_damaged` (detail: the path) when `file` is not SQLite or fails `PRAGMA quick_check`.
 * Other errors (busy, permissions) are left to the real open to report.
 */
export function assertIntact(file: string, nativeBinding?: string): void {
  const problem = findDamage(file, nativeBinding);
  if (problem !== null) throw damaged(file, problem);
}

/**
 * Reads through a read-only connection, which neither checkpoints nor rolls back on close, so a
 * damaged file is left byte for byte as it was.
 */
function findDamage(file: string, nativeBinding?: string): string | null {
  let probe: BetterSqlite3.Database | null = null;
  try {
    probe = new BetterSqlite3(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    const rows = probe.pragma('quick_check') as Array<{ quick_check: string }>;
    const problems = rows.map((row) => row.quick_check).filter((line) => line !== 'ok');
    return problems.length > 0 ? problems.slice(0, 5).join('\n') : null;
  } catch (error) {
    return isDamageError(error) ? (error as Error).message : null;
  } finally {
    probe?.close();
  }
}

/**
 * "Move it aside and start fresh": renames the database and its -wal/-shm to
 * `<name>.damaged-<UTC time>` (keeping SQLite's suffixes, so the set still opens together). Never
 * deletes. The sidecars go first, so a fresh database never starts beside an old log. Returns the new paths.
 */
export function moveDamagedDatabaseAside(file: string, clock: Clock): string[] {
  const stamp = new Date(clock.now()).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  let aside = `${file}.damaged-${stamp}`;
  for (let n = 2; databaseFiles(aside).some((name) => existsSync(name)); n++) aside = `${file}.damaged-${stamp}-${n}`;
  const moves = databaseFiles(file)
    .map((from, index) => ({ from, to: databaseFiles(aside)[index]! }))
    .filter(({ from }) => existsSync(from))
    .reverse();
  for (const { from, to } of moves) renameSync(from, to);
  return moves.map(({ to }) => to).reverse();
}
