import { randomUUID } from 'node:crypto';
import { DAY } from '../../src-main/config/clock';
import type { AccountRecord } from '../../src-main/db/accountsRepo';

/**
 * An account row as a connect stores it, healthy, its token issued at `issuedAt` for 60 days: for tests
 * and benchmarks that seed the database without a consent screen. `overrides` set what the case is about.
 */
export function accountRecord(issuedAt: number, overrides: Partial<AccountRecord> = {}): AccountRecord {
  return {
    id: randomUUID(),
    environment: 'sandbox',
    igUserId: '17841400000000001',
    appScopedId: null,
    username: 'maya.makes',
    name: null,
    accountType: 'MEDIA_CREATOR',
    pictureUrl: null,
    followersCount: null,
    mediaCount: null,
    scopes: [],
    consentAt: issuedAt,
    connectedAt: issuedAt,
    updatedAt: issuedAt,
    tokenIssuedAt: issuedAt,
    tokenExpiresAt: issuedAt + 60 * DAY,
    lastRefreshAt: null,
    healthState: 'healthy',
    healthReason: null,
    healthCheckedAt: issuedAt,
    healthNotified: false,
    refreshFailures: 0,
    nextAttemptAt: null,
    defaultMode: 'automatic',
    messagesEnabled: false,
    ...overrides,
  };
}
