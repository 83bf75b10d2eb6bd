import { describe, expect, it } from 'vitest';
import { REFRESH_BACKOFF } from '../../../src-main/accounts/healthPolicy';
import { backoffDelay, type BackoffPolicy } from '../../../src-main/config/backoff';
import { HOUR, MINUTE, SECOND } from '../../../src-main/config/clock';
import { throttledRetryDelay } from '../../../src-main/ratelimit/background';

const top = () => 1;
const bottom = () => 0;

describe('backoffDelay', () => {
  const policy: BackoffPolicy = { baseMs: 30 * SECOND, maxMs: 5 * MINUTE };

  it('starts at the base and doubles with each failure', () => {
    expect([1, 2, 3, 4].map((attempts) => backoffDelay(attempts, policy, top))).toEqual([30 * SECOND, MINUTE, 2 * MINUTE, 4 * MINUTE]);
  });

  it('never grows past the cap, however many failures', () => {
    expect(backoffDelay(5, policy, top)).toBe(5 * MINUTE); // 8 minutes, capped
    expect(backoffDelay(50, policy, top)).toBe(5 * MINUTE);
    expect(backoffDelay(10_000, policy, top)).toBe(5 * MINUTE);
  });

  it('treats a count below one as the first failure', () => {
    expect(backoffDelay(0, policy, top)).toBe(30 * SECOND);
  });

  it('jitters between half and all of the exponential value', () => {
    expect(backoffDelay(3, policy, bottom)).toBe(MINUTE);
    expect(backoffDelay(3, policy, () => 0.5)).toBe(1.5 * MINUTE);
    expect(backoffDelay(50, policy, bottom)).toBe(2.5 * MINUTE);
    for (let attempts = 1; attempts <= 12; attempts++) {
      const full = backoffDelay(attempts, policy, top);
      const delay = backoffDelay(attempts, policy);
      expect(delay).toBeGreaterThanOrEqual(full / 2);
      expect(delay).toBeLessThanOrEqual(full);
    }
  });

  it('without jitter gives the delay exactly and never asks for a random number', () => {
    const exact: BackoffPolicy = { ...policy, jitter: 'none' };
    const random = () => {
      throw new Error('no jitter wanted');
    };
    expect([1, 2, 5].map((attempts) => backoffDelay(attempts, exact, random))).toEqual([30 * SECOND, MINUTE, 5 * MINUTE]);
  });
});

describe('the app’s backoff policies', () => {
  it('token refresh: a minute, doubling, capped at 6 hours, jittered', () => {
    expect([1, 2, 3, 4].map((failures) => backoffDelay(failures, REFRESH_BACKOFF, top))).toEqual([MINUTE, 2 * MINUTE, 4 * MINUTE, 8 * MINUTE]);
    expect(backoffDelay(9, REFRESH_BACKOFF, top)).toBe(256 * MINUTE);
    expect(backoffDelay(10, REFRESH_BACKOFF, top)).toBe(6 * HOUR);
    expect(backoffDelay(3, REFRESH_BACKOFF, bottom)).toBe(2 * MINUTE);
  });

  it('throttling: 15 minutes on a job’s first run, doubling up to 6 hours, no jitter', () => {
    expect([0, 1, 2, 3, 4, 5].map(throttledRetryDelay)).toEqual([15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 4 * HOUR, 6 * HOUR]);
    expect(throttledRetryDelay(1_000)).toBe(6 * HOUR);
  });
});
