/**
 * The door background work (insights, comment polling) passes before each request, per account. The
 * rate-limit governor plugs in here to slow or pause background fetches at high usage; a user's own
 * request (a channel call) never waits on it.
 */
export interface BackgroundGate {
  /** Resolves when background work for this account may send its next request. */
  admit(accountId: string): Promise<void>;
  /**
   * When this account's background work may next go, or null for now: a job checks it first and is put off
   * without holding a runner slot through a long pause (a publish may be waiting for one).
   */
  notBefore?(accountId: string): number | null;
  /** True while this account's background work must stop (a long poll asks between requests). */
  paused?(accountId: string): boolean;
}

/** Until a governor is plugged in: everyone goes at once. */
export const OPEN_GATE: BackgroundGate = { admit: () => Promise.resolve() };

/**
 * What a background job does first: put off (the time to come back, without holding a runner slot through a
 * long pause), or admitted (null) once the gate lets this account's next request go.
 */
export async function passGate(gate: BackgroundGate, accountId: string): Promise<{ rescheduleAt: number } | null> {
  const putOffUntil = gate.notBefore?.(accountId);
  if (putOffUntil) return { rescheduleAt: putOffUntil };
  await gate.admit(accountId);
  return null;
}
