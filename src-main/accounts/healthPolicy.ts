import type { BackoffPolicy } from '../config/backoff';
import { DAY, HOUR, MINUTE } from '../config/clock';
import type { AccountRecord } from '../db/accountsRepo';
import type { HealthReason, HealthState } from '../../src-shared/models';
import { authFailureReason, type InstagramError } from '../instagram/errors';

/**
 * Refresh weekly: each refresh restarts the 60 days, so a token never gets near its end. (Instagram
 * refuses tokens younger than a day, instagram-platform.md §3; a week is well past that.)
 */
export const REFRESH_AFTER_AGE_MS = 7 * DAY;
/** Transient failures turn into a visible warning once expiry is this close. */
export const EXPIRING_SOON_MS = 7 * DAY;
export const SWEEP_INTERVAL_MS = HOUR;
/** Transient failures wait exponentially longer (with jitter, so thousands of accounts do not retry in step). */
export const REFRESH_BACKOFF: BackoffPolicy = { baseMs: MINUTE, maxMs: 6 * HOUR };

export function isRefreshDue(account: AccountRecord, now: number): boolean {
  return now - account.tokenIssuedAt >= REFRESH_AFTER_AGE_MS;
}

export interface HealthVerdict {
  state: HealthState;
  reason: HealthReason | null;
}

/**
 * Only authoritative answers make an account unhealthy: error 190 (token), permission errors, or a
 * profile that is no longer professional. Network trouble, 5xx and rate limits never do; they only
 * warn (`expiring_soon`) when the token's end is near.
 */
export function verdictForError(error: InstagramError, account: AccountRecord, now: number): HealthVerdict | null {
  if (error.kind === 'auth') return { state: 'unhealthy', reason: authFailureReason(error) };
  if (error.kind === 'permission') return { state: 'unhealthy', reason: 'permission_removed' };
  if (error.transient) return transientVerdict(account, now);
  return null;
}

export function transientVerdict(account: AccountRecord, now: number): HealthVerdict {
  return account.tokenExpiresAt - now <= EXPIRING_SOON_MS
    ? { state: 'expiring_soon', reason: 'refresh_failing' }
    : { state: 'healthy', reason: null };
}
