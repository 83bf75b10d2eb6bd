import { describe, expect, it } from 'vitest';
import { MINUTE } from '../../../src-main/config/clock';
import { ManualClock } from '../../../src-main/config/manualClock';
import { MAX_ATTEMPTS, StateStore } from '../../../src-main/auth/stateStore';

const REDIRECT = 'https://postdeck.example/oauth/callback';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function setup() {
  const clock = new ManualClock();
  return { clock, store: new StateStore(clock) };
}

describe('StateStore', () => {
  it('creates a 43-character base64url state and a uuid attempt id', () => {
    const { clock, store } = setup();
    const attempt = store.create({ kind: 'connect' }, REDIRECT);
    expect(attempt.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(attempt.attemptId).toMatch(UUID);
    expect(attempt).toMatchObject({ purpose: { kind: 'connect' }, redirectUri: REDIRECT, createdAt: clock.now() });
    const other = store.create({ kind: 'connect' }, REDIRECT);
    expect(other.state).not.toBe(attempt.state);
    expect(other.attemptId).not.toBe(attempt.attemptId);
  });

  it('consumes a state once; the second time it is used', () => {
    const { store } = setup();
    const attempt = store.create({ kind: 'reconnect', accountId: 'a1' }, REDIRECT);
    expect(store.consume(attempt.state)).toEqual({ ok: true, attempt });
    expect(store.consume(attempt.state)).toEqual({ ok: false, reason: 'used' });
  });

  it('accepts a state at exactly 10 minutes and expires it 1 ms later, returning the attempt', () => {
    const { clock, store } = setup();
    const onTime = store.create({ kind: 'connect' }, REDIRECT);
    const late = store.create({ kind: 'connect' }, REDIRECT);
    clock.advance(10 * MINUTE);
    expect(store.consume(onTime.state)).toEqual({ ok: true, attempt: onTime });
    clock.advance(1);
    expect(store.consume(late.state)).toEqual({ ok: false, reason: 'expired', attempt: late });
    expect(store.consume(late.state)).toEqual({ ok: false, reason: 'used' });
  });

  it('does not know a state it never issued', () => {
    const { store } = setup();
    const attempt = store.create({ kind: 'connect' }, REDIRECT);
    expect(store.consume('x'.repeat(43))).toEqual({ ok: false, reason: 'unknown' });
    expect(store.consume(attempt.state.slice(0, -1))).toEqual({ ok: false, reason: 'unknown' });
  });

  it('refuses a state for another attempt without consuming it', () => {
    const { store } = setup();
    const attempt = store.create({ kind: 'connect' }, REDIRECT);
    const other = store.create({ kind: 'connect' }, REDIRECT);
    expect(store.consume(attempt.state, other.attemptId)).toEqual({ ok: false, reason: 'other_attempt' });
    // Still open: cancel finds it, and before that its owner could have consumed it.
    expect(store.consume(attempt.state, attempt.attemptId)).toEqual({ ok: true, attempt });
  });

  it('cancels an open attempt once, after which its state is used', () => {
    const { store } = setup();
    const attempt = store.create({ kind: 'connect' }, REDIRECT);
    expect(store.cancel(attempt.attemptId)).toEqual(attempt);
    expect(store.cancel(attempt.attemptId)).toBeNull();
    expect(store.cancel('no-such-attempt')).toBeNull();
    expect(store.consume(attempt.state)).toEqual({ ok: false, reason: 'used' });
  });

  it('refuses an open attempt past the limit with too_many_attempts, keeping every open one', () => {
    const { store } = setup();
    const open = Array.from({ length: MAX_ATTEMPTS }, () => store.create({ kind: 'connect' }, REDIRECT));
    expect(() => store.create({ kind: 'connect' }, REDIRECT)).toThrow(expect.objectContaining({ name: 'PostdeckFailure', code: 'too_many_attempts' }));
    for (const attempt of open) expect(store.consume(attempt.state)).toEqual({ ok: true, attempt });
  });

  it('makes room by forgetting expired, used and cancelled attempts first, oldest first', () => {
    const { clock, store } = setup();
    const expired = store.create({ kind: 'connect' }, REDIRECT);
    clock.advance(10 * MINUTE + 1);
    const used = store.create({ kind: 'connect' }, REDIRECT);
    store.consume(used.state);
    const cancelled = store.create({ kind: 'connect' }, REDIRECT);
    store.cancel(cancelled.attemptId);
    const open = Array.from({ length: MAX_ATTEMPTS - 3 }, () => store.create({ kind: 'connect' }, REDIRECT));
    // Full now: each new attempt pushes out one closed attempt, oldest first. Asking about a
    // forgotten state answers `unknown`; a remembered closed one still answers `used`.
    const first = store.create({ kind: 'connect' }, REDIRECT);
    expect(store.consume(expired.state)).toEqual({ ok: false, reason: 'unknown' });
    expect(store.consume(used.state)).toEqual({ ok: false, reason: 'used' });
    const second = store.create({ kind: 'connect' }, REDIRECT);
    expect(store.consume(used.state)).toEqual({ ok: false, reason: 'unknown' });
    expect(store.consume(cancelled.state)).toEqual({ ok: false, reason: 'used' });
    const third = store.create({ kind: 'connect' }, REDIRECT);
    expect(store.consume(cancelled.state)).toEqual({ ok: false, reason: 'unknown' });
    // Only open attempts are left, so the next one is refused; none of them was dropped.
    expect(() => store.create({ kind: 'connect' }, REDIRECT)).toThrow(expect.objectContaining({ code: 'too_many_attempts' }));
    for (const attempt of [...open, first, second, third]) expect(store.consume(attempt.state)).toEqual({ ok: true, attempt });
  });
});
