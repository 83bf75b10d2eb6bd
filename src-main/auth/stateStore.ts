import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { MINUTE, type Clock } from '../config/clock';

export const STATE_TTL_MS = 10 * MINUTE;
const MAX_OPEN_ATTEMPTS = 32;

export type AttemptPurpose = { kind: 'connect' } | { kind: 'reconnect'; accountId: string };

export interface Attempt {
  attemptId: string;
  state: string;
  purpose: AttemptPurpose;
  redirectUri: string;
  createdAt: number;
}

export type ConsumeResult =
  | { ok: true; attempt: Attempt }
  | { ok: false; reason: 'unknown' | 'used' | 'other_attempt' }
  | { ok: false; reason: 'expired'; attempt: Attempt };

/**
 * Single-use `state` values for sign-in attempts: 32 random bytes, base64url, valid 10 minutes.
 * Lives in memory on purpose: an attempt never outlives the process that started it.
 */
export class StateStore {
  private readonly byState = new Map<string, Attempt & { used: boolean }>();

  constructor(private readonly clock: Clock) {}

  create(purpose: AttemptPurpose, redirectUri: string): Attempt {
    this.prune();
    const attempt: Attempt = {
      attemptId: randomUUID(),
      state: randomBytes(32).toString('base64url'),
      purpose,
      redirectUri,
      createdAt: this.clock.now(),
    };
    this.byState.set(attempt.state, { ...attempt, used: false });
    return attempt;
  }

  /** Marks the state used and returns its attempt, if it is known, unused, fresh and (when given) the expected attempt's. */
  consume(state: string, expectedAttemptId?: string): ConsumeResult {
    const entry = this.findByState(state);
    if (!entry) return { ok: false, reason: 'unknown' };
    if (expectedAttemptId !== undefined && entry.attemptId !== expectedAttemptId) return { ok: false, reason: 'other_attempt' };
    if (entry.used) return { ok: false, reason: 'used' };
    entry.used = true;
    if (this.clock.now() - entry.createdAt > STATE_TTL_MS) return { ok: false, reason: 'expired', attempt: stripUsed(entry) };
    return { ok: true, attempt: stripUsed(entry) };
  }

  /** Ends an attempt without a callback (the user closed the popup). Returns it if it was still open. */
  cancel(attemptId: string): Attempt | null {
    for (const entry of this.byState.values()) {
      if (entry.attemptId === attemptId && !entry.used) {
        entry.used = true;
        return stripUsed(entry);
      }
    }
    return null;
  }

  isOpen(attemptId: string): boolean {
    for (const entry of this.byState.values()) {
      if (entry.attemptId === attemptId) return !entry.used && this.clock.now() - entry.createdAt <= STATE_TTL_MS;
    }
    return false;
  }

  private findByState(state: string): (Attempt & { used: boolean }) | undefined {
    // Constant-time comparison: the state is a bearer secret for the length of an attempt.
    const wanted = Buffer.from(state);
    for (const [key, entry] of this.byState) {
      const candidate = Buffer.from(key);
      if (candidate.length === wanted.length && timingSafeEqual(candidate, wanted)) return entry;
    }
    return undefined;
  }

  /** Forget attempts long past expiry (kept a while so a late replay reads as expired/used, not unknown). */
  private prune(): void {
    const horizon = this.clock.now() - 2 * STATE_TTL_MS;
    for (const [key, entry] of this.byState) if (entry.createdAt < horizon) this.byState.delete(key);
    while (this.byState.size >= MAX_OPEN_ATTEMPTS) {
      const oldest = this.byState.keys().next().value;
      if (oldest === undefined) break;
      this.byState.delete(oldest);
    }
  }
}

function stripUsed({ used: _used, ...attempt }: Attempt & { used: boolean }): Attempt {
  return attempt;
}
