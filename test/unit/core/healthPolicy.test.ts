import { describe, expect, it } from 'vitest';
import { DAY } from '../../../src-main/config/clock';
import type { AccountRecord } from '../../../src-main/db/accountsRepo';
import { isRefreshDue, verdictForError } from '../../../src-main/accounts/healthPolicy';
import { InstagramError } from '../../../src-main/instagram/errors';
import { accountRecord } from '../../helpers/accountRecord';

const NOW = Date.UTC(2026, 0, 1);

function account(overrides: Partial<AccountRecord> = {}): AccountRecord {
  return accountRecord(NOW - 10 * DAY, {
    id: '00000000-0000-4000-8000-000000000001',
    igUserId: '1789',
    username: 'studio',
    accountType: 'BUSINESS',
    tokenExpiresAt: NOW + 50 * DAY,
    healthCheckedAt: null,
    ...overrides,
  });
}

describe('isRefreshDue', () => {
  it('waits until the token is 7 days old', () => {
    expect(isRefreshDue(account({ tokenIssuedAt: NOW }), NOW)).toBe(false);
    expect(isRefreshDue(account({ tokenIssuedAt: NOW - 2 * DAY }), NOW)).toBe(false);
    expect(isRefreshDue(account({ tokenIssuedAt: NOW - 7 * DAY + 1 }), NOW)).toBe(false);
    expect(isRefreshDue(account({ tokenIssuedAt: NOW - 7 * DAY }), NOW)).toBe(true);
    expect(isRefreshDue(account({ tokenIssuedAt: NOW - 30 * DAY }), NOW)).toBe(true);
  });
});

describe('verdictForError', () => {
  const graph = (kind: ConstructorParameters<typeof InstagramError>[0], details: { code?: number; subcode?: number } = {}) =>
    new InstagramError(kind, 'message', details);

  it('reads 190/463 as an expired token', () => {
    expect(verdictForError(graph('auth', { code: 190, subcode: 463 }), account(), NOW)).toEqual({ state: 'unhealthy', reason: 'token_expired' });
  });

  it.each([460, 458])('reads 190/%i as a revoked token', (subcode) => {
    expect(verdictForError(graph('auth', { code: 190, subcode }), account(), NOW)).toEqual({ state: 'unhealthy', reason: 'token_revoked' });
  });

  it('reads a permission error (code 10) as a removed permission', () => {
    expect(verdictForError(graph('permission', { code: 10 }), account(), NOW)).toEqual({ state: 'unhealthy', reason: 'permission_removed' });
  });

  it.each(['network', 'server', 'rate_limited'] as const)('never makes an account unhealthy for %s trouble', (kind) => {
    expect(verdictForError(graph(kind), account({ tokenExpiresAt: NOW + 30 * DAY }), NOW)).toEqual({ state: 'healthy', reason: null });
    expect(verdictForError(graph(kind), account({ tokenExpiresAt: NOW + 7 * DAY }), NOW)).toEqual({
      state: 'expiring_soon',
      reason: 'refresh_failing',
    });
    expect(verdictForError(graph(kind), account({ tokenExpiresAt: NOW + 7 * DAY + 1 }), NOW)).toEqual({ state: 'healthy', reason: null });
    expect(verdictForError(graph(kind), account({ tokenExpiresAt: NOW - DAY }), NOW)?.state).not.toBe('unhealthy');
  });

  it('has no verdict for errors that say nothing about the account', () => {
    expect(verdictForError(graph('bad_request', { code: 100 }), account(), NOW)).toBeNull();
  });
});
