import type { Database } from '../../src-main/db/database';

/** Frames SQLite appended to the write-ahead log since it was last emptied: each commit adds its own. */
export const walFrames = (db: Database): number => (db.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number }>)[0]!.log;
