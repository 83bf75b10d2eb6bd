import { HOUR, SECOND } from '../config/clock';

export interface BackoffPolicy {
  /** The delay after the first failure, before jitter. */
  baseMs: number;
  /** No delay grows past this. */
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 30 * SECOND, maxMs: HOUR };

/**
 * Exponential backoff with "equal jitter": half the doubled delay is fixed, half random, so retries
 * after a shared outage spread out instead of arriving together. `attempts` counts failures so far (≥ 1).
 */
export function backoffDelay(attempts: number, policy: BackoffPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
