import { DAY } from '../config/clock';
import { isFailure } from '../config/failure';
import { throttledRetryDelay } from '../insights/schedule';
import type { JobOutcome } from './runner';

/**
 * What a background job (insights, comment polling) does when its work failed: throttling (codes 4, 17, 32,
 * 613, 80002) waits longer each time and never touches the account's health; an account that needs
 * reconnecting is looked at again tomorrow; a thing that is gone is done. Anything else is the runner's to retry.
 */
export function backgroundFailure(error: unknown, attempts: number, now: number): JobOutcome {
  if (isFailure(error) && error.code === 'rate_limited') return { retryAt: now + throttledRetryDelay(attempts), reason: 'rate_limited' };
  if (isFailure(error) && (error.code === 'account_unhealthy' || error.code === 'keyring_changed')) return { retryAt: now + DAY, reason: error.code };
  if (isFailure(error) && error.code === 'not_found') return { done: true };
  throw error;
}
