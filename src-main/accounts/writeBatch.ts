import type { Logger } from '../config/logger';
import type { Database } from '../db/database';

/**
 * Coalesces the small SQLite writes of many concurrent health checks into one transaction per
 * event-loop turn. Responses arrive in bursts; one commit per burst keeps the (synchronous) database
 * from delaying the requests still in flight. Each caller's promise resolves once its write is committed.
 */
export class WriteBatch {
  private queue: Array<() => void> = [];
  private pending: Promise<void> | null = null;

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
  ) {}

  add(write: () => void): Promise<void> {
    this.queue.push(write);
    this.pending ??= new Promise((resolve) =>
      setImmediate(() => {
        const writes = this.queue;
        this.queue = [];
        this.pending = null;
        this.commit(writes);
        resolve();
      }),
    );
    return this.pending;
  }

  private commit(writes: Array<() => void>): void {
    try {
      this.db.transaction(() => writes.forEach((write) => write()))();
    } catch (error) {
      // One bad write must not cost the others theirs: retry each in its own transaction.
      this.logger.error('batched write failed; retrying one by one', { error });
      for (const write of writes) {
        try {
          this.db.transaction(write)();
        } catch (single) {
          this.logger.error('write failed', { error: single });
        }
      }
    }
  }
}
