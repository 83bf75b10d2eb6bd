import type { Logger } from '../config/logger';
import type { Database } from '../db/database';

interface QueuedWrite {
  write: () => void;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Coalesces the small SQLite writes of many concurrent health checks into one transaction per
 * event-loop turn. Responses arrive in bursts; one commit (one disk sync) per burst keeps the
 * (synchronous) database from delaying the requests still in flight. Each caller's promise settles with
 * its own write: it resolves once committed and rejects if that write could not be stored, so a caller
 * that waits for it (a refreshed token, before the account's next request) knows its write is on disk.
 * A write is all or nothing: when the batch fails, each write is retried in its own transaction.
 */
export class WriteBatch {
  private queue: QueuedWrite[] = [];
  private scheduled = false;

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
  ) {}

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
    try {
      this.db.transaction(() => writes.forEach(({ write }) => write()))();
      writes.forEach(({ resolve }) => resolve());
    } catch (error) {
      // One bad write must not cost the others theirs: retry each in its own transaction.
      this.logger.warn('batched write failed; retrying one by one', { error });
      for (const { write, resolve, reject } of writes) {
        try {
          this.db.transaction(write)();
          resolve();
        } catch (single) {
          reject(single);
        }
      }
    }
  }
}
