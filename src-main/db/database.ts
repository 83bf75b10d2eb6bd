import BetterSqlite3 from 'better-sqlite3';
import { Failure } from '../config/failure';
import { createPrivateFile, restrictToOwner } from '../config/privateFiles';
import { assertIntact, databaseFiles } from './damagedDatabase';
import { migrations } from './migrations';

export type Database = BetterSqlite3.Database;

export interface OpenDatabaseOptions {
  /** A better-sqlite3 binding built for this runtime (Electron's ABI on desktop). */
  nativeBinding?: string;
}

/**
 * Opens (creating if needed) the app database: WAL, foreign keys, secure delete so removed secrets
 * are overwritten in place, then runs pending migrations, each in its own transaction.
 * On disk the file is created owner-only (0600) before SQLite touches it, because SQLite gives its
 * -wal and -shm the main file's mode. A file that is not SQLite or fails its check is refused as
 * `database_damaged` and left exactly as it was.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Database {
  const onDisk = file !== ':memory:' && file !== '';
  if (onDisk && !createPrivateFile(file)) assertIntact(file, options.nativeBinding);
  const db = new BetterSqlite3(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    // Refuse a newer database before changing anything in it, journal mode included.
    refuseNewer(db, migrations.length);
    if (onDisk) restrictToOwner(databaseFiles(file));
    db.pragma('journal_mode = WAL');
    // FULL: writes are rare (a refresh a day per account), and a committed token must survive a power cut.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('secure_delete = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function refuseNewer(db: Database, known: number): void {
  const current = schemaVersion(db);
  if (current > known) throw new Failure('database_too_new', `Data version ${current}; this Postdeck understands up to ${known}.`);
}

export function migrate(db: Database, all: readonly string[] = migrations): void {
  refuseNewer(db, all.length);
  const current = schemaVersion(db);
  for (let version = current + 1; version <= all.length; version++) {
    const sql = all[version - 1]!;
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version}`);
    })();
  }
}

/** Folds the WAL back into the main file and truncates it, so deleted pages leave no copy behind. */
export function checkpoint(db: Database): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
}
