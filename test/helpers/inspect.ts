import BetterSqlite3 from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE_FILE } from '../../src-main/app/createApp';

/** Reads the app's database file directly, as an attacker with the disk would. */
export function countRows(dataDir: string): { accounts: number; secrets: number } {
  const db = new BetterSqlite3(join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  try {
    const count = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { accounts: count('accounts'), secrets: count('secrets') };
  } finally {
    db.close();
  }
}

/** The raw bytes of the database file and its WAL, where they exist. */
export function databaseBytes(dataDir: string): Buffer[] {
  return [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`]
    .map((name) => join(dataDir, name))
    .filter((file) => existsSync(file))
    .map((file) => readFileSync(file));
}
