import { open } from 'node:fs/promises';
import type { Logger } from '../config/logger';
import type { Database } from './database';

interface QueuedWrite {
  write: () => void;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** Makes everything committed so far durable; resolves once it is on disk. */
export type SyncLog = () => Promise<void>;

/**
 * Coalesces the small SQLite writes of many concurrent health checks into one transaction per
 * event-loop turn, and makes them durable off the event loop. A commit under `synchronous = FULL` syncs
 * the disk on the main thread, and during a sweep those syncs held back every answer in flight; here a
 * batch commits without the sync (still atomic: a crash keeps it whole or drops it whole), then one
 * asynchronous sync of the write-ahead log makes it durable, shared by every batch committed meanwhile.
 * Each caller's promise settles with its own write: it resolves once on disk and rejects if that write
 * could not be stored, so a caller that waits (a refreshed token, before the account's next request)
 * knows its write would survive a power cut. When a batch fails, each write is retried on its own.
 */
export class WriteBatch {
  private queue: QueuedWrite[] = [];
  private scheduled = false;
  private readonly syncs: GroupSync;

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
    syncLog: SyncLog = walSync(db),
  ) {
    this.syncs = new GroupSync(syncLog);
  }

  add(write: () => void): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ write, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    const writes = this.queue;
    this.queue = [];
    this.scheduled = false;
    let committed: QueuedWrite[];
    try {
      this.commitWithoutSync(() => writes.forEach(({ write }) => write()));
      committed = writes;
    } catch (error) {
      // One bad write must not cost the others theirs: retry each in its own transaction.
      this.logger.warn('batched write failed; retrying one by one', { error });
      committed = writes.filter(({ write, reject }) => {
        try {
          this.commitWithoutSync(write);
          return true;
        } catch (single) {
          reject(single);
          return false;
        }
      });
    }
    if (committed.length === 0) return;
    this.syncs.next().then(
      () => committed.forEach(({ resolve }) => resolve()),
      (error: unknown) => {
        this.logger.error('batched writes not synced to disk', { error });
        committed.forEach(({ reject }) => reject(error));
      },
    );
  }

  /** The connection's other writes keep their own sync: only this transaction skips it. */
  private commitWithoutSync(write: () => void): void {
    this.db.pragma('synchronous = NORMAL');
    try {
      this.db.transaction(write)();
    } finally {
      this.db.pragma('synchronous = FULL');
    }
  }
}

/**
 * One sync at a time: a caller arriving while one runs waits for the next, which covers everything
 * committed until it starts, so a burst of batches shares a single sync.
 */
class GroupSync {
  private running: Promise<void> | null = null;
  private following: Promise<void> | null = null;

  constructor(private readonly syncLog: SyncLog) {}

  next(): Promise<void> {
    if (!this.running) return this.start();
    this.following ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.following = null;
        return this.start();
      });
    return this.following;
  }

  private start(): Promise<void> {
    const run = this.syncLog().finally(() => {
      if (this.running === run) this.running = null;
    });
    this.running = run;
    return run;
  }
}

/**
 * Syncs the database's write-ahead log, where WAL mode keeps every commit until a checkpoint (which
 * syncs the main file itself). No log file means nothing is waiting in one: an in-memory database, or
 * the log already folded in and removed.
 */
function walSync(db: Database): SyncLog {
  if (db.memory) return () => Promise.resolve();
  const logFile = `${db.name}-wal`;
  return async () => {
    let handle;
    try {
      handle = await open(logFile, 'r');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    try {
      await handle.datasync();
    } finally {
      await handle.close();
    }
  };
}
