import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { createLogger } from '../../../src-main/config/logger';
import { AccountsRepo } from '../../../src-main/db/accountsRepo';
import { openDatabase } from '../../../src-main/db/database';
import { WriteBatch } from '../../../src-main/db/writeBatch';
import { accountRecord } from '../../helpers/accountRecord';

/** Every file the batch opens to sync, and whether it was synced before being closed. */
const synced = vi.hoisted(() => [] as Array<{ path: string; datasynced: boolean }>);

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const open: typeof actual.open = async (...args) => {
    const handle = await actual.open(...args);
    const entry = { path: String(args[0]), datasynced: false };
    synced.push(entry);
    const datasync = handle.datasync.bind(handle);
    handle.datasync = async () => {
      await datasync();
      entry.datasynced = true;
    };
    return handle;
  };
  return { ...actual, open, default: { ...actual, open } };
});

let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

it('a batched write is stored once the database’s write-ahead log has been synced to disk', async () => {
  dir = mkdtempSync(join(tmpdir(), 'postdeck-batch-'));
  const file = join(dir, 'postdeck.db');
  const db = openDatabase(file);
  try {
    const accounts = new AccountsRepo(db);
    const record = accountRecord(0);
    accounts.insert(record);
    await new WriteBatch(db, createLogger(() => undefined)).add(() => accounts.updateBackoff(record.id, 4, 444));
    expect(synced).toEqual([{ path: `${file}-wal`, datasynced: true }]);
    expect(accounts.get(record.id)).toMatchObject({ refreshFailures: 4, nextAttemptAt: 444 });
  } finally {
    db.close();
  }
});
