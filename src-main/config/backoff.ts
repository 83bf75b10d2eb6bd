/**
 * How a delay grows with each failure (or each poll): `baseMs` after the first, doubling after each
 * next one, never past `maxMs`. Every retry and poll in the app is one of these policies.
 */
export interface BackoffPolicy {
  /** The delay after the first failure, before jitter. */
  baseMs: number;
  /** No delay grows past this. */
  maxMs: number;
  /**
   * `equal` (the default): half the delay is fixed, half random, so thousands of retries after a shared
   * outage spread out instead of arriving together. `none`: the delay exactly, for waits on one thing.
   */
  jitter?: 'equal' | 'none';
}

/** `attempts` counts failures so far (≥ 1); `random` is the jitter source in [0, 1). */
export function backoffDelay(attempts: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  // 2 ** a large count is Infinity, which the cap turns back into maxMs.
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  if (policy.jitter === 'none') return ceiling;
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
