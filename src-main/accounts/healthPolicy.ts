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
const BACKOFF_BASE_MS = MINUTE;
const BACKOFF_MAX_MS = 6 * HOUR;

export function isRefreshDue(account: AccountRecord, now: number): boolean {
  return now - account.tokenIssuedAt >= REFRESH_AFTER_AGE_MS;
}

/** Transient failures wait exponentially longer (with jitter, so thousands of accounts do not retry in step). */
export function backoffDelay(failures: number, random: () => number = Math.random): number {
  const exponential = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(failures - 1, 20));
  return Math.round(exponential * (0.5 + random() * 0.5));
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
