import type { Account } from '../../src-shared/models';
import { backoffDelay } from '../config/backoff';
import { Failure, isFailure } from '../config/failure';
import { toAccount, type AccountRecord } from '../db/accountsRepo';
import type { LongLivedToken, Profile } from '../instagram/client';
import { isInstagramError, type InstagramError } from '../instagram/errors';
import type { AttentionAlerts } from './alerts';
import { isEligibleAccountType, openToken, TOKEN_PURPOSE, type AccountsContext } from './context';
import { isRefreshDue, REFRESH_BACKOFF, transientVerdict, verdictForError, type HealthVerdict } from './healthPolicy';
import { WriteBatch } from '../db/writeBatch';

export interface HealthKeeperOptions {
  /** Most checks in flight at once across all accounts. */
  concurrency?: number;
  random?: () => number;
}

/** SQLite refuses a secret whose account row is gone: the account was disconnected mid-refresh. */
function isDisconnectedMeanwhile(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}

/**
 * Keeps tokens alive and health honest (DESIGN.md §6): refreshes due tokens, validates each account
 * with /me, backs off on transient failures, and raises one alert when an account becomes unhealthy.
 * At most one check per account is in flight; a second caller shares the first one's promise.
 */
export class HealthKeeper {
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly concurrency: number;
  private sweeping: Promise<void> | null = null;
  /** What changed since the last `accounts.changed`: one event per pass, not one per account. */
  private pendingChange: 'refreshed' | 'health' | 'profile' | null = null;
  private readonly writes: WriteBatch;

  constructor(
    private readonly context: AccountsContext,
    private readonly alerts: AttentionAlerts,
    private readonly options: HealthKeeperOptions = {},
  ) {
    this.concurrency = Math.max(1, options.concurrency ?? 16);
    this.writes = new WriteBatch(context.db, context.logger);
  }

  /**
   * The periodic pass: every account not already unhealthy, respecting each one's backoff. Accounts
   * locked out by a changed keyring are retried once the vault opens again (the keyring came back).
   */
  sweep(): Promise<void> {
    this.sweeping ??= this.runSweep().finally(() => {
      this.sweeping = null;
    });
    return this.sweeping;
  }

  /**
   * "Check now" / "Check all": validate (and refresh where due) at once, ignoring backoff. Rejects when
   * a result could not be stored (`storage_failed`), after every account was tried.
   */
  async check(accountId?: string): Promise<Account[]> {
    const { accounts, environment } = this.context;
    const targets = accountId ? [accounts.get(accountId)] : accounts.list(environment().mode);
    if (accountId && !targets[0]) throw new Failure('not_found');
    const failures = await this.runAll(targets.filter((record): record is AccountRecord => record !== null).map((record) => record.id));
    if (failures.length > 0) throw new Failure('storage_failed');
    return targets.flatMap((record) => {
      const fresh = record ? accounts.get(record.id) : null;
      return fresh ? [toAccount(fresh)] : [];
    });
  }

  /** Resolves once any check of this account in flight (a refresh, say) has finished. */
  async settled(accountId: string): Promise<void> {
    await this.inFlight.get(accountId)?.catch(() => undefined);
  }

  /**
   * An answer Instagram gave while the account was being used (publishing, insights, comments): an
   * authoritative one (190, a removed permission) marks it unhealthy with its one alert, like a check.
   */
  async reportUseFailure(accountId: string, error: InstagramError): Promise<void> {
    const record = this.context.accounts.get(accountId);
    if (!record) return;
    const verdict = verdictForError(error, record, this.context.clock.now());
    if (verdict?.state !== 'unhealthy') return;
    await this.applyVerdict(record, verdict, this.context.clock.now(), true);
    this.flushChange();
  }

  /** A sealed token that will not open: the account needs reconnecting (or the keyring restoring). */
  async reportUnopenableToken(record: AccountRecord, failure: Failure): Promise<void> {
    // Never the bytes: which row, and why it will not open (a changed keyring, or a damaged row).
    this.context.logger.error('sealed token cannot be opened', { accountId: record.id, purpose: TOKEN_PURPOSE, reason: failure.code });
    const reason = failure.code === 'keyring_changed' ? 'keyring_changed' : 'secret_damaged';
    await this.applyVerdict(record, { state: 'unhealthy', reason }, this.context.clock.now());
  }

  /** Accounts that need the user (for the tray and the banner). */
  attentionCount(): number {
    return this.context.accounts.countUnhealthy(this.context.environment().mode);
  }

  /** The vault is locked (keyring changed): every account, in either mode, needs the user. */
  async markKeyringChanged(): Promise<void> {
    const now = this.context.clock.now();
    const records = [...this.context.accounts.list('sandbox'), ...this.context.accounts.list('live')];
    await Promise.all(records.map((record) => this.applyVerdict(record, { state: 'unhealthy', reason: 'keyring_changed' }, now)));
    this.flushChange();
  }

  private async runSweep(): Promise<void> {
    const now = this.context.clock.now();
    const vaultOpen = this.context.vault.state === 'ok';
    const due = this.context.accounts
      .list(this.context.environment().mode)
      .filter((record) => record.healthState !== 'unhealthy' || (vaultOpen && record.healthReason === 'keyring_changed'))
      .filter((record) => record.nextAttemptAt === null || record.nextAttemptAt <= now)
      .map((record) => record.id);
    const failures = await this.runAll(due);
    if (failures.length > 0) this.context.logger.error('health results not stored', { accounts: failures.length });
  }

  /**
   * Checks every id with at most `concurrency` accounts talking to Instagram at once; answers the errors
   * of the checks that failed, once every result is stored.
   */
  private async runAll(ids: string[]): Promise<unknown[]> {
    const failures: unknown[] = [];
    const storing: Promise<unknown>[] = [];
    let next = 0;
    const worker = async () => {
      while (next < ids.length) {
        const check = this.checkOne(ids[next++]!);
        storing.push(check.done.catch((error: unknown) => failures.push(error)));
        // The next account's requests need not wait for this one's health to reach the disk.
        await check.answered.catch(() => undefined);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, ids.length) }, worker));
    await Promise.all(storing);
    this.flushChange();
    return failures;
  }

  private flushChange(): void {
    if (!this.pendingChange) return;
    this.context.events.emit('accounts.changed', { reason: this.pendingChange });
    this.pendingChange = null;
  }

  /** `answered` once Instagram has answered (a refreshed token already stored); `done` once the results are stored too. */
  private checkOne(accountId: string): { answered: Promise<unknown>; done: Promise<void> } {
    const running = this.inFlight.get(accountId);
    if (running) return { answered: running, done: running };
    const answered = this.refreshAndValidate(accountId);
    const done = answered.then((results) => results?.stored).finally(() => this.inFlight.delete(accountId));
    this.inFlight.set(accountId, done);
    return { answered, done };
  }

  /** Resolves once Instagram has answered, to the writing of what it said (wrapped, so it is not awaited here). */
  private async refreshAndValidate(accountId: string): Promise<{ stored: Promise<void> } | void> {
    const { accounts, clock, logger } = this.context;
    const record = accounts.get(accountId);
    if (!record) return;
    let token: string | null;
    try {
      token = openToken(this.context, accountId);
    } catch (error) {
      if (!isFailure(error)) throw error;
      return this.reportUnopenableToken(record, error);
    }
    if (!token) return;
    try {
      if (isRefreshDue(record, clock.now())) token = await this.refresh(record, token);
      const profile = await this.context.client().me(token);
      return { stored: this.recordProfile(record, profile) };
    } catch (error) {
      if (isDisconnectedMeanwhile(error)) {
        logger.info('account disconnected during its check; nothing stored', { accountId });
        return;
      }
      if (!isInstagramError(error)) throw error;
      return { stored: this.recordFailure(record, error) };
    }
  }

  /**
   * Commits the new token and its expiry (together, all or nothing) the moment Instagram answers, and
   * before any other request for this account: Instagram may already have retired the old string. The
   * commit is shared with the other answers of the same event-loop turn, so a sweep pays one disk sync
   * per burst of answers rather than one per account. A write that fails is reported, never logged as
   * success; the account keeps (or warns about) its state.
   */
  private async refresh(record: AccountRecord, token: string): Promise<string> {
    const renewed = await this.context.client().refresh(token);
    const now = this.context.clock.now();
    try {
      await this.storeRefreshed(record.id, renewed, now);
    } catch (error) {
      if (isDisconnectedMeanwhile(error)) throw error;
      this.context.logger.error('token refresh not stored', { accountId: record.id, error });
      await this.applyVerdict(record, transientVerdict(record, now), now);
      throw new Failure('storage_failed');
    }
    this.context.logger.info('token refreshed', { accountId: record.id });
    this.pendingChange ??= 'refreshed';
    return renewed.accessToken;
  }

  /** The secret's foreign key refuses a row for an account that was disconnected meanwhile. */
  private async storeRefreshed(accountId: string, renewed: LongLivedToken, now: number): Promise<void> {
    const { accounts, secrets, vault } = this.context;
    const sealed = vault.seal(accountId, TOKEN_PURPOSE, renewed.accessToken);
    await this.writes.add(() => {
      secrets.put(sealed, now);
      accounts.updateRefresh(accountId, { tokenIssuedAt: now, tokenExpiresAt: now + renewed.expiresInSeconds * 1000, lastRefreshAt: now });
    });
  }

  private async recordProfile(record: AccountRecord, profile: Profile): Promise<void> {
    const eligible = isEligibleAccountType(profile.accountType);
    const backoffCleared = record.refreshFailures > 0 ? this.writes.add(() => this.context.accounts.updateBackoff(record.id, 0, null)) : null;
    const verdict: HealthVerdict = eligible ? { state: 'healthy', reason: null } : { state: 'unhealthy', reason: 'account_not_eligible' };
    await Promise.all([backoffCleared, this.recordCounts(record, profile), this.applyVerdict(record, verdict, this.context.clock.now(), true)]);
  }

  /** Followers and media counts move between checks; the row shows the last ones Instagram gave. */
  private async recordCounts(record: AccountRecord, profile: Profile): Promise<void> {
    if (profile.followersCount === record.followersCount && profile.mediaCount === record.mediaCount) return;
    this.pendingChange ??= 'profile';
    const counts = { followersCount: profile.followersCount, mediaCount: profile.mediaCount };
    await this.writes.add(() => this.context.accounts.updateCounts(record.id, counts));
  }

  private async recordFailure(record: AccountRecord, error: InstagramError): Promise<void> {
    const now = this.context.clock.now();
    this.context.logger.warn('health check failed', { accountId: record.id, kind: error.kind, status: error.details.status, graphError: error.details.code, graphSubError: error.details.subcode });
    let backoff: Promise<void> | null = null;
    if (error.transient) {
      const failures = record.refreshFailures + 1;
      const nextAttemptAt = now + backoffDelay(failures, REFRESH_BACKOFF, this.options.random);
      backoff = this.writes.add(() => this.context.accounts.updateBackoff(record.id, failures, nextAttemptAt));
    }
    const verdict = verdictForError(error, record, now) ?? transientVerdict(record, now);
    await Promise.all([backoff, this.applyVerdict(record, verdict, now, !error.transient)]);
  }

  /** Writes the verdict; the first step into `unhealthy` raises exactly one alert, once it is stored. */
  private async applyVerdict(record: AccountRecord, verdict: HealthVerdict, now: number, answered = false): Promise<void> {
    const becameUnhealthy = verdict.state === 'unhealthy' && record.healthState !== 'unhealthy';
    const notify = becameUnhealthy && !record.healthNotified;
    if (verdict.state !== record.healthState || verdict.reason !== record.healthReason) this.pendingChange = 'health';
    await this.writes.add(() =>
      this.context.accounts.updateHealth(record.id, {
        healthState: verdict.state,
        healthReason: verdict.reason,
        healthCheckedAt: answered ? now : record.healthCheckedAt,
        healthNotified: verdict.state === 'unhealthy' ? record.healthNotified || notify : false,
      }),
    );
    if (notify && verdict.reason) this.alerts.raise(record, verdict.reason);
  }
}
