import type { Account } from '../../src-shared/models';
import { Failure } from '../config/failure';
import { toAccount, type AccountRecord } from '../db/accountsRepo';
import type { Profile } from '../instagram/client';
import { isInstagramError, type InstagramError } from '../instagram/errors';
import { isEligibleAccountType, openToken, TOKEN_PURPOSE, type AccountsContext } from './context';
import { backoffDelay, isRefreshDue, transientVerdict, verdictForError, type HealthVerdict } from './healthPolicy';
import { WriteBatch } from './writeBatch';


/** OS notifications (desktop host). */
export interface Notifier {
  notify(title: string, body: string): void;
}

export interface HealthKeeperOptions {
  /** Most checks in flight at once across all accounts. */
  concurrency?: number;
  notifier?: Notifier;
  random?: () => number;
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
  private pendingChange: 'refreshed' | 'health' | null = null;
  private readonly writes: WriteBatch;

  constructor(
    private readonly context: AccountsContext,
    private readonly options: HealthKeeperOptions = {},
  ) {
    this.concurrency = Math.max(1, options.concurrency ?? 16);
    this.writes = new WriteBatch(context.db, context.logger);
  }

  /** The periodic pass: every account not already unhealthy, respecting each one's backoff. */
  sweep(): Promise<void> {
    this.sweeping ??= this.runSweep().finally(() => {
      this.sweeping = null;
    });
    return this.sweeping;
  }

  /** "Check now" / "Check all": validate (and refresh where due) at once, ignoring backoff. */
  async check(accountId?: string): Promise<Account[]> {
    const { accounts, environment } = this.context;
    const targets = accountId ? [accounts.get(accountId)] : accounts.list(environment().mode);
    if (accountId && !targets[0]) throw new Failure('not_found');
    await this.runAll(targets.filter((record): record is AccountRecord => record !== null).map((record) => record.id));
    return targets.flatMap((record) => {
      const fresh = record ? accounts.get(record.id) : null;
      return fresh ? [toAccount(fresh)] : [];
    });
  }

  /** Accounts that need the user (for the tray and the banner). */
  attentionCount(): number {
    return this.context.accounts.countUnhealthy(this.context.environment().mode);
  }

  private async runSweep(): Promise<void> {
    const now = this.context.clock.now();
    const due = this.context.accounts
      .list(this.context.environment().mode)
      .filter((record) => record.healthState !== 'unhealthy' && (record.nextAttemptAt === null || record.nextAttemptAt <= now))
      .map((record) => record.id);
    await this.runAll(due);
  }

  private async runAll(ids: string[]): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < ids.length) {
        const id = ids[next++]!;
        await this.checkOne(id);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, ids.length) }, worker));
    if (this.pendingChange) {
      this.context.events.emit('accounts.changed', { reason: this.pendingChange });
      this.pendingChange = null;
    }
  }

  private checkOne(accountId: string): Promise<void> {
    let running = this.inFlight.get(accountId);
    if (!running) {
      running = this.refreshAndValidate(accountId)
        .catch((error: unknown) => this.context.logger.error('health check failed unexpectedly', { accountId, error }))
        .finally(() => this.inFlight.delete(accountId));
      this.inFlight.set(accountId, running);
    }
    return running;
  }

  private async refreshAndValidate(accountId: string): Promise<void> {
    const { accounts, clock } = this.context;
    const record = accounts.get(accountId);
    if (!record) return;
    let token: string | null;
    try {
      token = openToken(this.context, accountId);
    } catch {
      // A sealed token that will not open (tampered, or moved from another row) cannot be used again.
      return this.applyVerdict(record, { state: 'unhealthy', reason: 'keyring_changed' }, clock.now());
    }
    if (!token) return;
    try {
      if (isRefreshDue(record, clock.now())) token = await this.refresh(record, token);
      const profile = await this.context.client().me(token);
      return this.recordProfile(record, profile);
    } catch (error) {
      if (!isInstagramError(error)) throw error;
      return this.recordFailure(record, error);
    }
  }

  /** Stores the new token and its expiry in one transaction; the old string stays valid until then. */
  private async refresh(record: AccountRecord, token: string): Promise<string> {
    const { accounts, secrets, vault, clock } = this.context;
    const renewed = await this.context.client().refresh(token);
    const now = clock.now();
    const sealed = vault.seal(record.id, TOKEN_PURPOSE, renewed.accessToken);
    await this.writes.add(() => {
      if (!accounts.get(record.id)) return; // disconnected meanwhile: store nothing
      secrets.put(sealed, now);
      accounts.updateRefresh(record.id, { tokenIssuedAt: now, tokenExpiresAt: now + renewed.expiresInSeconds * 1000, lastRefreshAt: now });
    });
    this.context.logger.info('token refreshed', { accountId: record.id });
    this.pendingChange ??= 'refreshed';
    return renewed.accessToken;
  }

  private recordProfile(record: AccountRecord, profile: Profile): Promise<void> {
    const eligible = isEligibleAccountType(profile.accountType);
    if (record.refreshFailures > 0) void this.writes.add(() => this.context.accounts.updateBackoff(record.id, 0, null));
    const verdict: HealthVerdict = eligible ? { state: 'healthy', reason: null } : { state: 'unhealthy', reason: 'account_not_eligible' };
    return this.applyVerdict(record, verdict, this.context.clock.now(), true);
  }

  private recordFailure(record: AccountRecord, error: InstagramError): Promise<void> {
    const now = this.context.clock.now();
    this.context.logger.warn('health check failed', { accountId: record.id, kind: error.kind, status: error.details.status, graphError: error.details.code, graphSubError: error.details.subcode });
    if (error.transient) {
      const failures = record.refreshFailures + 1;
      const nextAttemptAt = now + backoffDelay(failures, this.options.random);
      void this.writes.add(() => this.context.accounts.updateBackoff(record.id, failures, nextAttemptAt));
    }
    const verdict = verdictForError(error, record, now) ?? transientVerdict(record, now);
    return this.applyVerdict(record, verdict, now, !error.transient);
  }

  /** Writes the verdict; the first step into `unhealthy` raises exactly one alert. */
  private applyVerdict(record: AccountRecord, verdict: HealthVerdict, now: number, answered = false): Promise<void> {
    const becameUnhealthy = verdict.state === 'unhealthy' && record.healthState !== 'unhealthy';
    const notify = becameUnhealthy && !record.healthNotified;
    const written = this.writes.add(() =>
      this.context.accounts.updateHealth(record.id, {
        healthState: verdict.state,
        healthReason: verdict.reason,
        healthCheckedAt: answered ? now : record.healthCheckedAt,
        healthNotified: verdict.state === 'unhealthy' ? record.healthNotified || notify : false,
      }),
    );
    if (notify) {
      this.context.events.emit('health.alert', { accountId: record.id, username: record.username, reason: verdict.reason ?? 'unknown' });
      this.options.notifier?.notify(`@${record.username} needs reconnecting`, 'Open Postdeck and click Reconnect on the account.');
      this.context.logger.warn('account became unhealthy', { accountId: record.id, reason: verdict.reason });
    }
    if (verdict.state !== record.healthState || verdict.reason !== record.healthReason) this.pendingChange = 'health';
    return written;
  }
}
