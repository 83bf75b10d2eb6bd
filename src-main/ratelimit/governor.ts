import type { Usage } from '../../src-shared/usage';
import { MINUTE, type Clock } from '../config/clock';
import type { Timers } from '../config/timers';
import type { BackgroundGate } from './gate';
import type { UsageReading } from './usage';

/** Above this (percent) background work is spread out; above PAUSE_PERCENT it stops. */
export const SLOW_PERCENT = 75;
export const PAUSE_PERCENT = 90;
/** Between two background jobs of one account while usage is above SLOW_PERCENT: a 5-minute poll runs every 15. */
export const SLOW_SPACING_MS = 15 * MINUTE;
/** Paused with no `estimated_time_to_regain_access`: one background request may go after this, to read the usage again. */
export const PAUSE_PROBE_MS = 10 * MINUTE;
/** Instagram counts usage over a rolling hour; an older reading says nothing about now. */
const READING_LIFETIME_MS = 60 * MINUTE;

interface Observed {
  percent: number;
  at: number;
  regainAt: number | null;
}

/**
 * The rate-limit governor: fed the usage headers of every Graph answer (the transport's `onUsage`), it tells
 * background work (insights, comment polling) when it may send its next request. User actions (reply, hide,
 * delete, publish) never ask it. Readings are per app (`X-App-Usage`) and per account (`X-Business-Use-Case-Usage`,
 * keyed by the account's Instagram user id).
 */
export class UsageGovernor implements BackgroundGate {
  private app: Observed | null = null;
  private readonly business = new Map<string, Observed>();
  private readonly lastAdmitted = new Map<string, number>();

  constructor(
    private readonly deps: {
      clock: Clock;
      timers: Timers;
      /** The account's Instagram user id and username, as the usage header names it; null once gone. */
      account: (accountId: string) => { igUserId: string; username: string } | null;
      /** Accounts whose usage Settings lists (the current mode's). */
      accountIds: () => string[];
    },
  ) {}

  /** The transport's `onUsage`: every answer's headers. */
  readonly record = (reading: UsageReading): void => {
    const at = this.deps.clock.now();
    if (reading.appPercent !== null) this.app = { percent: reading.appPercent, at, regainAt: null };
    for (const entry of reading.business) {
      const regainAt = entry.regainAccessMinutes ? at + entry.regainAccessMinutes * MINUTE : null;
      this.business.set(entry.id, { percent: entry.percent, at, regainAt });
    }
  };

  /**
   * When background work for this account may next send a request, or null for now. Jobs check it before they
   * start so a paused account does not hold a runner slot (a publish may be waiting for one).
   */
  notBefore(accountId: string): number | null {
    const now = this.deps.clock.now();
    const readings = this.readings(accountId, now);
    const paused = readings.filter((r) => r.percent > PAUSE_PERCENT).map((r) => r.regainAt ?? r.at + PAUSE_PROBE_MS);
    if (paused.length > 0 && Math.max(...paused) > now) return Math.max(...paused);
    if (readings.some((r) => r.percent > SLOW_PERCENT)) {
      const next = (this.lastAdmitted.get(accountId) ?? -Infinity) + SLOW_SPACING_MS;
      if (next > now) return next;
    }
    return null;
  }

  paused(accountId: string): boolean {
    const now = this.deps.clock.now();
    return this.readings(accountId, now).some((r) => r.percent > PAUSE_PERCENT && (r.regainAt ?? r.at + PAUSE_PROBE_MS) > now);
  }

  /** Resolves when the account's next background request may go (at once below SLOW_PERCENT). */
  async admit(accountId: string): Promise<void> {
    for (let wait = this.notBefore(accountId); wait !== null; wait = this.notBefore(accountId)) {
      await new Promise<void>((resolve) => this.deps.timers.at(wait!, resolve));
    }
    this.lastAdmitted.set(accountId, this.deps.clock.now());
  }

  /** `settings.getUsage`: the latest readings and what background work does because of them. */
  view(): Usage {
    const now = this.deps.clock.now();
    const accounts: Usage['accounts'] = [];
    for (const accountId of this.deps.accountIds()) {
      const account = this.deps.account(accountId);
      const reading = account ? this.fresh(this.business.get(account.igUserId), now) : null;
      if (account && reading) accounts.push({ accountId, username: account.username, percent: reading.percent, regainAt: reading.regainAt === null ? null : new Date(reading.regainAt).toISOString() });
    }
    const app = this.fresh(this.app, now);
    const highest = Math.max(app?.percent ?? 0, ...accounts.map((a) => a.percent));
    return { appPercent: app?.percent ?? null, accounts, background: highest > PAUSE_PERCENT ? 'paused' : highest > SLOW_PERCENT ? 'slowed' : 'running' };
  }

  private readings(accountId: string, now: number): Observed[] {
    const igUserId = this.deps.account(accountId)?.igUserId;
    return [this.fresh(this.app, now), igUserId ? this.fresh(this.business.get(igUserId), now) : null].filter((r): r is Observed => r !== null);
  }

  private fresh(reading: Observed | null | undefined, now: number): Observed | null {
    if (!reading) return null;
    return now - reading.at < READING_LIFETIME_MS || (reading.regainAt !== null && reading.regainAt > now) ? reading : null;
  }
}
