import type { Account, AccountType, AppMode, HealthReason, HealthState } from '../../src-shared/models';
import type { Database } from './database';

/** An account as stored, times in epoch milliseconds. */
export interface AccountRecord {
  id: string;
  environment: AppMode;
  igUserId: string;
  appScopedId: string | null;
  username: string;
  name: string | null;
  accountType: AccountType;
  pictureUrl: string | null;
  /** As Instagram last reported them; null until it has. */
  followersCount: number | null;
  mediaCount: number | null;
  scopes: string[];
  consentAt: number;
  connectedAt: number;
  updatedAt: number;
  tokenIssuedAt: number;
  tokenExpiresAt: number;
  lastRefreshAt: number | null;
  healthState: HealthState;
  healthReason: HealthReason | null;
  healthCheckedAt: number | null;
  healthNotified: boolean;
  refreshFailures: number;
  nextAttemptAt: number | null;
  /** Posts for this account publish at their slot (automatic) or wait for approval (manual) unless they say otherwise. */
  defaultMode: Account['defaultMode'];
  /** The user turned direct messages on (and Instagram granted the permission at the time). */
  messagesEnabled: boolean;
}

interface AccountRow {
  id: string;
  environment: string;
  ig_user_id: string;
  app_scoped_id: string | null;
  username: string;
  name: string | null;
  account_type: string;
  picture_url: string | null;
  followers_count: number | null;
  media_count: number | null;
  scopes: string;
  consent_at: number;
  connected_at: number;
  updated_at: number;
  token_issued_at: number;
  token_expires_at: number;
  last_refresh_at: number | null;
  health_state: string;
  health_reason: string | null;
  health_checked_at: number | null;
  health_notified: number;
  refresh_failures: number;
  next_attempt_at: number | null;
  default_mode: string;
  messages_enabled: number;
}

function parseScopes(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}

function fromRow(row: AccountRow): AccountRecord {
  return {
    id: row.id,
    environment: row.environment as AppMode,
    igUserId: row.ig_user_id,
    appScopedId: row.app_scoped_id,
    username: row.username,
    name: row.name,
    accountType: row.account_type as AccountType,
    pictureUrl: row.picture_url,
    followersCount: row.followers_count,
    mediaCount: row.media_count,
    scopes: parseScopes(row.scopes),
    consentAt: row.consent_at,
    connectedAt: row.connected_at,
    updatedAt: row.updated_at,
    tokenIssuedAt: row.token_issued_at,
    tokenExpiresAt: row.token_expires_at,
    lastRefreshAt: row.last_refresh_at,
    healthState: row.health_state as HealthState,
    healthReason: row.health_reason as HealthReason | null,
    healthCheckedAt: row.health_checked_at,
    healthNotified: row.health_notified === 1,
    refreshFailures: row.refresh_failures,
    nextAttemptAt: row.next_attempt_at,
    defaultMode: row.default_mode as Account['defaultMode'],
    messagesEnabled: row.messages_enabled === 1,
  };
}

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

/** The renderer's view of an account: plain data, ISO times, no token. */
export function toAccount(record: AccountRecord): Account {
  return {
    id: record.id,
    igUserId: record.igUserId,
    username: record.username,
    name: record.name,
    accountType: record.accountType,
    pictureUrl: record.pictureUrl,
    followersCount: record.followersCount,
    mediaCount: record.mediaCount,
    scopes: record.scopes,
    consentAt: iso(record.consentAt),
    connectedAt: iso(record.connectedAt),
    tokenExpiresAt: iso(record.tokenExpiresAt),
    lastRefreshAt: isoOrNull(record.lastRefreshAt),
    defaultMode: record.defaultMode,
    health: {
      state: record.healthState,
      ...(record.healthReason ? { reason: record.healthReason } : {}),
      checkedAt: isoOrNull(record.healthCheckedAt),
    },
    messagesEnabled: record.messagesEnabled,
  };
}

export type HealthUpdate = Pick<AccountRecord, 'healthState' | 'healthReason' | 'healthCheckedAt' | 'healthNotified'>;
export type ProfileCounts = Pick<AccountRecord, 'followersCount' | 'mediaCount'>;
export type RefreshUpdate = Pick<AccountRecord, 'tokenIssuedAt' | 'tokenExpiresAt' | 'lastRefreshAt'>;

export class AccountsRepo {
  private readonly statements;
  private writes = 0;

  constructor(private readonly db: Database) {
    this.statements = {
      list: db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE environment = ? ORDER BY connected_at, rowid'),
      get: db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE id = ?'),
      countUnhealthy: db.prepare<[string], { n: number }>(
        "SELECT COUNT(*) AS n FROM accounts WHERE environment = ? AND health_state = 'unhealthy'",
      ),
      byIgUser: db.prepare<[string, string], AccountRow>('SELECT * FROM accounts WHERE environment = ? AND ig_user_id = ?'),
      insert: db.prepare(`INSERT INTO accounts (id, environment, ig_user_id, app_scoped_id, username, name, account_type,
          picture_url, followers_count, media_count, scopes, consent_at, connected_at, updated_at, token_issued_at, token_expires_at, last_refresh_at,
          health_state, health_reason, health_checked_at, health_notified, refresh_failures, next_attempt_at, default_mode, messages_enabled)
        VALUES (@id, @environment, @igUserId, @appScopedId, @username, @name, @accountType, @pictureUrl, @followersCount, @mediaCount,
          @scopes, @consentAt, @connectedAt, @updatedAt, @tokenIssuedAt, @tokenExpiresAt, @lastRefreshAt, @healthState,
          @healthReason, @healthCheckedAt, @healthNotified, @refreshFailures, @nextAttemptAt, @defaultMode, @messagesEnabled)`),
      updateConnection: db.prepare(`UPDATE accounts SET app_scoped_id = @appScopedId, username = @username, name = @name,
          account_type = @accountType, picture_url = @pictureUrl, followers_count = @followersCount, media_count = @mediaCount, scopes = @scopes, consent_at = @consentAt,
          updated_at = @updatedAt, token_issued_at = @tokenIssuedAt, token_expires_at = @tokenExpiresAt,
          health_state = @healthState, health_reason = @healthReason, health_checked_at = @healthCheckedAt,
          health_notified = @healthNotified, refresh_failures = @refreshFailures, next_attempt_at = @nextAttemptAt,
          messages_enabled = @messagesEnabled
        WHERE id = @id`),
      updateHealth: db.prepare(`UPDATE accounts SET health_state = @healthState, health_reason = @healthReason,
          health_checked_at = @healthCheckedAt, health_notified = @healthNotified WHERE id = @id`),
      updateRefresh: db.prepare(`UPDATE accounts SET token_issued_at = @tokenIssuedAt, token_expires_at = @tokenExpiresAt,
          last_refresh_at = @lastRefreshAt, refresh_failures = 0, next_attempt_at = NULL, updated_at = @lastRefreshAt
        WHERE id = @id`),
      updateBackoff: db.prepare('UPDATE accounts SET refresh_failures = @refreshFailures, next_attempt_at = @nextAttemptAt WHERE id = @id'),
      updateCounts: db.prepare('UPDATE accounts SET followers_count = @followersCount, media_count = @mediaCount WHERE id = @id'),
      remove: db.prepare('DELETE FROM accounts WHERE id = ?'),
      setDefaultMode: db.prepare('UPDATE accounts SET default_mode = ? WHERE id = ?'),
      setMessagesEnabled: db.prepare('UPDATE accounts SET messages_enabled = ? WHERE id = ?'),
    };
  }

  /** Changes whenever this repository writes, so readers can cache what they derive from it. */
  get version(): number {
    return this.writes;
  }

  /** Someone wrote the accounts table directly (an import, in one transaction with its other rows). */
  wroteElsewhere(): void {
    this.writes++;
  }

  list(environment: AppMode): AccountRecord[] {
    return this.statements.list.all(environment).map(fromRow);
  }

  countUnhealthy(environment: AppMode): number {
    return this.statements.countUnhealthy.get(environment)?.n ?? 0;
  }

  get(id: string): AccountRecord | null {
    const row = this.statements.get.get(id);
    return row ? fromRow(row) : null;
  }

  findByIgUser(environment: AppMode, igUserId: string): AccountRecord | null {
    const row = this.statements.byIgUser.get(environment, igUserId);
    return row ? fromRow(row) : null;
  }

  insert(record: AccountRecord): void {
    this.writes++;
    this.statements.insert.run(toParams(record));
  }

  /** A fresh connection of an existing account: new token, profile and consent; keeps id and history. */
  updateConnection(record: AccountRecord): void {
    this.writes++;
    this.statements.updateConnection.run(toParams(record));
  }

  updateHealth(id: string, health: HealthUpdate): void {
    this.writes++;
    this.statements.updateHealth.run({ id, ...health, healthNotified: health.healthNotified ? 1 : 0 });
  }

  updateRefresh(id: string, refresh: RefreshUpdate): void {
    this.writes++;
    this.statements.updateRefresh.run({ id, ...refresh });
  }

  updateBackoff(id: string, refreshFailures: number, nextAttemptAt: number | null): void {
    this.writes++;
    this.statements.updateBackoff.run({ id, refreshFailures, nextAttemptAt });
  }

  updateCounts(id: string, counts: ProfileCounts): void {
    this.writes++;
    this.statements.updateCounts.run({ id, ...counts });
  }

  setDefaultMode(id: string, mode: Account['defaultMode']): boolean {
    this.writes++;
    return this.statements.setDefaultMode.run(mode, id).changes > 0;
  }

  /** Turning messages off forgets the account's stored conversations (a trigger, migration 0016). */
  setMessagesEnabled(id: string, enabled: boolean): boolean {
    this.writes++;
    return this.statements.setMessagesEnabled.run(enabled ? 1 : 0, id).changes > 0;
  }

  remove(id: string): boolean {
    this.writes++;
    return this.statements.remove.run(id).changes > 0;
  }
}

function toParams(record: AccountRecord) {
  return { ...record, scopes: JSON.stringify(record.scopes), healthNotified: record.healthNotified ? 1 : 0, messagesEnabled: record.messagesEnabled ? 1 : 0 };
}
