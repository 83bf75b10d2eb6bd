import type { Account } from '../../src-shared/models';
import { Failure } from '../config/failure';
import { checkpoint } from '../db/database';
import { toAccount } from '../db/accountsRepo';
import type { AccountsContext } from './context';

/** Reading and removing accounts. Connecting lives in connect.ts, keeping them healthy in health.ts. */
export class AccountsService {
  /** The last list (frozen: callers share it), reused until the repository writes again. */
  private cached: { version: number; mode: string; accounts: Account[] } | null = null;

  constructor(private readonly context: AccountsContext) {}

  list(): Account[] {
    const { accounts, environment } = this.context;
    const mode = environment().mode;
    if (this.cached?.version !== accounts.version || this.cached.mode !== mode) {
      this.cached = { version: accounts.version, mode, accounts: Object.freeze(accounts.list(mode).map(toAccount)) as Account[] };
    }
    return this.cached.accounts;
  }

  get(accountId: string): Account {
    const record = this.context.accounts.get(accountId);
    if (!record) throw new Failure('not_found');
    return toAccount(record);
  }

  /**
   * Deletes the sealed token and the row in one transaction, then folds the WAL into the main file
   * so no copy of the sealed token survives (crypto-shredding: the data key existed only in that row).
   * Instagram offers no revoke call for Instagram Login (instagram-platform.md §10); the UI shows
   * how to remove Postdeck at instagram.com/accounts/manage_access.
   */
  disconnect(accountId: string): { removed: true } {
    const { db, accounts, secrets } = this.context;
    const removed = db.transaction(() => {
      secrets.removeOwner(accountId);
      return accounts.remove(accountId);
    })();
    if (!removed) throw new Failure('not_found');
    checkpoint(db);
    this.context.logger.info('account disconnected', { accountId });
    this.context.events.emit('accounts.changed', { reason: 'disconnected' });
    return { removed: true };
  }
}
