import { backoffDelay, type BackoffPolicy } from '../config/backoff';
import { DAY, HOUR, MINUTE } from '../config/clock';
import { isFailure } from '../config/failure';

/** Throttling (codes 4, 17, 32, 613, 80002): wait longer each time, from 15 minutes up to 6 hours. */
const THROTTLED_BACKOFF: BackoffPolicy = { baseMs: 15 * MINUTE, maxMs: 6 * HOUR, jitter: 'none' };

/** `attempts` counts the job's earlier failed runs, so the first throttled run waits the base delay. */
export function throttledRetryDelay(attempts: number): number {
  return backoffDelay(attempts + 1, THROTTLED_BACKOFF);
}

/** What becomes of a failed background job; the job runner's outcome, spelled here so this room stays below jobs/. */
export type BackgroundFailureOutcome = { done: true } | { retryAt: number; reason: string };

/**
 * What a background job (insights, comment polling) does when its work failed: throttling (codes 4, 17, 32,
 * 613, 80002) waits longer each time and never touches the account's health; an account that needs
 * reconnecting is looked at again tomorrow; a thing that is gone is done. Anything else is the runner's to retry.
 */
export function backgroundFailure(error: unknown, attempts: number, now: number): BackgroundFailureOutcome {
  if (isFailure(error) && error.code === 'rate_limited') return { retryAt: now + throttledRetryDelay(attempts), reason: 'rate_limited' };
  if (isFailure(error) && (error.code === 'account_unhealthy' || error.code === 'keyring_changed')) return { retryAt: now + DAY, reason: error.code };
  if (isFailure(error) && error.code === 'not_found') return { done: true };
  throw error;
}
