import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { MINUTE, type Clock } from '../config/clock';
import { Failure } from '../config/failure';

export const STATE_TTL_MS = 10 * MINUTE;
/** Most attempts remembered at once; also the most that may be open (unused and unexpired). */
export const MAX_ATTEMPTS = 32;

/** `enableMessages` signs in again as an account to add the messages permission; declining leaves it as it was. */
export type AttemptPurpose = { kind: 'connect' } | { kind: 'reconnect'; accountId: string } | { kind: 'enableMessages'; accountId: string };

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

  /** Throws `too_many_attempts` rather than forget an attempt the user may still finish. */
  create(purpose: AttemptPurpose, redirectUri: string): Attempt {
    this.prune();
    if (this.byState.size >= MAX_ATTEMPTS) throw new Failure('too_many_attempts', `${MAX_ATTEMPTS} sign-in attempts are open.`);
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

  private findByState(state: string): (Attempt & { used: boolean }) | undefined {
    // Constant-time comparison: the state is a bearer secret for the length of an attempt.
    const wanted = Buffer.from(state);
    for (const [key, entry] of this.byState) {
      const candidate = Buffer.from(key);
      if (candidate.length === wanted.length && timingSafeEqual(candidate, wanted)) return entry;
    }
    return undefined;
  }

  /**
   * Forgets attempts long past expiry (kept a while so a late replay reads as expired/used, not unknown),
   * then, while full, the oldest used or expired ones. Open attempts are never dropped to make room.
   */
  private prune(): void {
    const now = this.clock.now();
    const horizon = now - 2 * STATE_TTL_MS;
    for (const [key, entry] of this.byState) if (entry.createdAt < horizon) this.byState.delete(key);
    for (const [key, entry] of this.byState) {
      if (this.byState.size < MAX_ATTEMPTS) break;
      if (entry.used || now - entry.createdAt > STATE_TTL_MS) this.byState.delete(key);
    }
  }
}

function stripUsed({ used: _used, ...attempt }: Attempt & { used: boolean }): Attempt {
  return attempt;
}
