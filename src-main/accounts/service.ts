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

  setDefaultMode(accountId: string, mode: 'automatic' | 'manual'): Account {
    if (!this.context.accounts.setDefaultMode(accountId, mode)) throw new Failure('not_found');
    this.context.events.emit('accounts.changed', { reason: 'settings' });
    const record = this.context.accounts.get(accountId);
    if (!record) throw new Failure('not_found');
    return toAccount(record);
  }

  /**
   * Deletes the row, and with it (ON DELETE CASCADE) its sealed token, then folds the WAL into the main
   * file so no copy of the sealed token survives (secure deletion: the data key existed only in that row).
   * Instagram offers no revoke call for Instagram Login (instagram-platform.md §10); the UI shows
   * how to remove Postdeck at instagram.com/accounts/manage_access.
   */
  disconnect(accountId: string): { removed: true } {
    const removed = this.context.accounts.remove(accountId);
    if (!removed) throw new Failure('not_found');
    checkpoint(this.context.db);
    this.context.logger.info('account disconnected', { accountId });
    this.context.events.emit('accounts.changed', { reason: 'disconnected' });
    return { removed: true };
  }
}
