/**
 * The sandbox's in-memory world: its own clock, faults, request log and usage, and the domains it is made of
 * (oauth/: apps and codes; graph/: people and tokens; publishing/: containers and media). No HTTP here; the
 * server and the control API call these operations, and tests/benchmarks may too.
 */
import { OffsetClock, systemClock, type Clock } from '../config/clock';
import { DEFAULT_APP_CALL_BUDGET, defaultApps } from './constants';
import { FaultStore, type Fault, type FaultInput } from './faults';
import type { Credentials } from './graph/credentials';
import { PeopleDirectory } from './graph/people';
import { TokenStore } from './graph/tokens';
import { AppRegistry, copyApps } from './oauth/apps';
import { MediaHost } from './publishing/hosting';
import { DEFAULT_PUBLISHING_OPTIONS, PublishingStore, type PublishingOptions, type PublishingSnapshot } from './publishing/store';
import { RequestLog, type RequestLogEntry } from './requestLog';
import { seedOutsideMedia } from './publishing/outsideMedia';
import { InsightsKnobs } from './insights/store';
import { MessagingStore, type MessagingSnapshot } from './messaging/store';
import { NO_USAGE_KNOB, type UsageKnob } from './comments/usage';
import {
  SandboxInputError,
  type AccountType,
  type IssuedToken,
  type NewPerson,
  type PersonSnapshot,
  type ResponseOptions,
  type RevokeReason,
  type SandboxApp,
  type SandboxPerson,
  type TokenKind,
  type TokenSnapshot,
} from './types';

/**
 * What survives a restart (see persistence.ts); codes, faults, the request log, usage, hosted media and
 * options do not. `publishing` is absent in files written before containers existed.
 */
export interface WorldSnapshot {
  clockOffsetMs: number;
  apps: SandboxApp[];
  people: PersonSnapshot[];
  tokens: TokenSnapshot[];
  publishing?: PublishingSnapshot;
  /** Absent in files written before the sandbox had direct messages. */
  messaging?: MessagingSnapshot;
}

export interface WorldOptions extends Partial<ResponseOptions> {
  clock?: Clock;
  apps?: SandboxApp[];
  /** Calls per app per hour that read as 100% in `X-App-Usage`. */
  appCallBudget?: number;
  /** Processing times, publish quota and media fetch timeout (publishing/store.ts). */
  publishing?: Partial<PublishingOptions>;
  /** Media each seeded person published outside Postdeck, added at every reset (insights/seed.ts). Default none. */
  outsideMediaPerPerson?: number;
}

export interface SandboxStats {
  now: number;
  clockOffsetMs: number;
  people: number;
  apps: number;
  tokens: number;
  codes: number;
  faults: number;
  faultsApplied: number;
  requests: number;
  byStatus: Record<string, number>;
}

export interface AppUsage {
  call_count: number;
  total_cputime: number;
  total_time: number;
}

const USAGE_WINDOW_MS = 60 * 60 * 1000;

export class SandboxWorld {
  readonly clock: OffsetClock;
  readonly faultStore = new FaultStore();
  readonly log = new RequestLog();
  /** Files served at `/media/<secret>` (not Instagram state: kept across reset). */
  readonly mediaHost = new MediaHost();
  /** Containers, published media, comments (publishing/store.ts). */
  readonly publishing: PublishingStore;
  /** Conversations, messages and private replies (messaging/store.ts). */
  readonly messaging: MessagingStore;
  /** Media with too few viewers (insights/store.ts). */
  readonly insights = new InsightsKnobs();
  responseOptions: ResponseOptions;
  /** Usage Graph answers report above what is counted (comments/usage.ts). */
  usageKnob: UsageKnob = NO_USAGE_KNOB;

  private readonly changeListeners = new Set<() => void>();
  private readonly changed = (): void => {
    for (const listener of this.changeListeners) listener();
  };
  private readonly appRegistry = new AppRegistry(this.changed);
  private readonly directory = new PeopleDirectory(this.changed);
  private readonly tokenStore: TokenStore;
  private readonly initialApps: SandboxApp[];
  private readonly initialResponseOptions: ResponseOptions;
  private readonly appCallBudget: number;
  private usage = new Map<string, { windowStart: number; calls: number }>();
  private readonly outsideMediaPerPerson: number;

  constructor(options: WorldOptions = {}) {
    this.clock = new OffsetClock(options.clock ?? systemClock);
    this.tokenStore = new TokenStore(this.directory, this.appRegistry, () => this.now(), this.changed);
    this.messaging = new MessagingStore(this.changed);
    this.publishing = new PublishingStore({ ...DEFAULT_PUBLISHING_OPTIONS, ...options.publishing }, () => this.now(), this.changed);
    this.initialApps = copyApps(options.apps ?? defaultApps());
    this.initialResponseOptions = {
      tokenResponseShape: options.tokenResponseShape ?? 'flat',
      permissionsShape: options.permissionsShape ?? 'string',
      retireOldTokenOnRefresh: options.retireOldTokenOnRefresh ?? false,
    };
    this.responseOptions = { ...this.initialResponseOptions };
    this.appCallBudget = options.appCallBudget ?? DEFAULT_APP_CALL_BUDGET;
    this.outsideMediaPerPerson = options.outsideMediaPerPerson ?? 0;
    for (const app of this.initialApps) this.registerApp(app);
    this.reset();
  }

  now(): number {
    return this.clock.now();
  }

  /** Codes and tokens by string (graph/credentials.ts). */
  get credentials(): Credentials {
    return this.tokenStore.credentials;
  }

  /**
   * Called after every change worth saving (tokens issued or revoked, permissions removed, people added,
   * account types changed, the clock moved, apps registered, reset). Must be cheap: it runs once per token.
   */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /**
   * Back to the seeded people; forgets added people, codes, tokens, containers, media, comments, faults, the log,
   * usage, response and publishing options and the clock offset. Registered apps (and redirect URIs added since start) are configuration and are kept,
   * so an app that registered its redirect URI keeps working after a test resets the world.
   */
  reset(): void {
    this.clock.offsetMs = 0;
    this.directory.reset();
    this.credentials.clear();
    this.publishing.reset();
    this.messaging.reset();
    this.faultStore.clear();
    this.log.clear();
    this.usage.clear();
    this.responseOptions = { ...this.initialResponseOptions };
    this.insights.reset();
    this.usageKnob = NO_USAGE_KNOB;
    seedOutsideMedia(this.publishing, this.directory.list(), this.now(), this.outsideMediaPerPerson);
    this.changed();
  }

  // ── saved state ─────────────────────────────────────────────────────────────────────

  /** Apps, people, tokens, publishing and the clock offset as plain data (persistence.ts writes it to disk). */
  snapshot(): WorldSnapshot {
    return {
      clockOffsetMs: this.clock.offsetMs,
      apps: this.apps(),
      people: this.directory.snapshot(),
      tokens: this.tokenStore.snapshot(),
      publishing: this.publishing.snapshot(),
      messaging: this.messaging.snapshot(),
    };
  }

  /**
   * Replaces people, tokens, publishing and the clock offset with a snapshot (codes, faults and the log start
   * empty). Apps given at start are configuration and win; a saved app with another id is registered again.
   * Seeded people missing from the snapshot are added. Tokens, containers and media of unknown people are dropped.
   * Throws SandboxInputError on inconsistent data, leaving the world freshly reset.
   */
  restore(snapshot: WorldSnapshot): void {
    try {
      this.reset();
      this.directory.restore(snapshot.people);
      for (const app of snapshot.apps) if (!this.appRegistry.has(app.appId)) this.registerApp(app);
      this.tokenStore.restore(snapshot.tokens);
      if (snapshot.publishing) this.publishing.restore(snapshot.publishing, (igUserId) => this.directory.get(igUserId) !== undefined);
      if (snapshot.messaging) this.messaging.restore(snapshot.messaging, (igUserId) => this.directory.get(igUserId) !== undefined);
      if (!Number.isFinite(snapshot.clockOffsetMs)) throw new SandboxInputError('clockOffsetMs must be a finite number');
      this.clock.offsetMs = snapshot.clockOffsetMs;
    } catch (error) {
      this.reset();
      throw error;
    }
    this.changed();
  }

  // ── apps (oauth/apps.ts) ────────────────────────────────────────────────────────────

  registerApp(app: SandboxApp): SandboxApp {
    return this.appRegistry.register(app);
  }

  addRedirectUri(appId: string, uri: string): SandboxApp {
    return this.appRegistry.addRedirectUri(appId, uri);
  }

  app(appId: string): SandboxApp | undefined {
    return this.appRegistry.get(appId);
  }

  apps(): SandboxApp[] {
    return this.appRegistry.list();
  }

  // ── people (graph/people.ts) ────────────────────────────────────────────────────────

  addPerson(input: NewPerson): SandboxPerson {
    return this.directory.add(input);
  }

  person(igUserId: string): SandboxPerson | undefined {
    return this.directory.get(igUserId);
  }

  people(): SandboxPerson[] {
    return this.directory.list();
  }

  setAccountType(igUserId: string, type: AccountType): SandboxPerson {
    return this.directory.setAccountType(igUserId, type);
  }

  // ── tokens (graph/tokens.ts) ────────────────────────────────────────────────────────

  /** Every token of this person stops working with 190/458 (app removed) or 190/460 (password changed). */
  revokeTokens(igUserId: string, reason: RevokeReason): number {
    return this.tokenStore.revokeAll(igUserId, reason);
  }

  /** The person unticks one permission in Instagram's settings: removed from all their tokens. */
  removePermission(igUserId: string, scope: string): number {
    return this.tokenStore.removePermission(igUserId, scope);
  }

  issueToken(kind: TokenKind, appId: string, igUserId: string, scopes: Iterable<string>, issuedAt: number, ttlMs: number): string {
    return this.tokenStore.issue(kind, appId, igUserId, scopes, issuedAt, ttlMs);
  }

  /** A refresh with `retireOldTokenOnRefresh`: the old string stops working at once. */
  retireToken(token: string): void {
    this.tokenStore.retire(token);
  }

  /**
   * The token issued last to this person and when a request last presented it: a test that killed an app
   * mid-refresh compares it with what the app stored.
   */
  newestToken(igUserId: string): IssuedToken | undefined {
    return this.tokenStore.newest(igUserId);
  }

  /** A ready long-lived token without the browser flow (benchmarks, e2e set-up). */
  issueLongLivedToken(
    igUserId: string,
    options: { issuedAt?: number; scopes?: string[]; appId?: string } = {},
  ): { accessToken: string; expiresIn: number } {
    return this.tokenStore.issueLongLived(igUserId, options, this.initialApps[0]?.appId ?? '');
  }

  // ── faults, clock, log ──────────────────────────────────────────────────────────────

  addFault(fault: FaultInput): Fault {
    return this.faultStore.add(fault);
  }

  clearFaults(): number {
    return this.faultStore.clear();
  }

  faults(): Fault[] {
    return this.faultStore.list();
  }

  advanceClock(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new SandboxInputError('advanceMs must be a non-negative number');
    this.clock.offsetMs += ms;
    if (ms > 0) this.changed();
    return this.now();
  }

  setResponseOptions(options: Partial<ResponseOptions>): ResponseOptions {
    if (options.tokenResponseShape !== undefined) {
      if (options.tokenResponseShape !== 'flat' && options.tokenResponseShape !== 'data') throw new SandboxInputError("tokenResponseShape must be 'flat' or 'data'");
      this.responseOptions.tokenResponseShape = options.tokenResponseShape;
    }
    if (options.permissionsShape !== undefined) {
      if (options.permissionsShape !== 'string' && options.permissionsShape !== 'array') throw new SandboxInputError("permissionsShape must be 'string' or 'array'");
      this.responseOptions.permissionsShape = options.permissionsShape;
    }
    if (options.retireOldTokenOnRefresh !== undefined) {
      if (typeof options.retireOldTokenOnRefresh !== 'boolean') throw new SandboxInputError('retireOldTokenOnRefresh must be true or false');
      this.responseOptions.retireOldTokenOnRefresh = options.retireOldTokenOnRefresh;
    }
    return { ...this.responseOptions };
  }

  recordRequest(entry: RequestLogEntry): void {
    this.log.add(entry);
  }

  requestLog(): RequestLogEntry[] {
    return this.log.list();
  }

  clearRequestLog(): void {
    this.log.clear();
  }

  /** Counts one Graph call against the app and returns its `X-App-Usage` (percent of the hourly budget). */
  countGraphCall(appId: string | undefined): AppUsage {
    const key = appId ?? '';
    const now = this.now();
    let window = this.usage.get(key);
    if (!window || now - window.windowStart >= USAGE_WINDOW_MS) this.usage.set(key, (window = { windowStart: now, calls: 0 }));
    window.calls++;
    const callCount = Math.min(100, Math.floor((window.calls * 100) / this.appCallBudget));
    return { call_count: callCount, total_cputime: Math.floor(callCount / 4), total_time: Math.floor(callCount / 3) };
  }

  stats(): SandboxStats {
    const { tokens, codes } = this.credentials.counts();
    const { requests, byStatus } = this.log.counts();
    return {
      now: this.now(),
      clockOffsetMs: this.clock.offsetMs,
      people: this.directory.size,
      apps: this.appRegistry.size,
      tokens,
      codes,
      faults: this.faultStore.list().length,
      faultsApplied: this.faultStore.appliedTotal,
      requests,
      byStatus,
    };
  }
}
