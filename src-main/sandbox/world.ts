/**
 * The sandbox's in-memory world: apps, people, codes, tokens, faults, request log and its own clock.
 * No HTTP here; the server and the control API call these operations, and tests/benchmarks may too.
 */
import { OffsetClock, systemClock, type Clock } from '../config/clock';
import { avatarDataUrl } from './avatar';
import { DEFAULT_APP_CALL_BUDGET, LONG_TOKEN_TTL_MS, defaultApps } from './constants';
import { Credentials } from './credentials';
import { FaultStore, type Fault, type FaultInput } from './faults';
import { newAppScopedId, newIgUserId } from './ids';
import { RequestLog, type RequestLogEntry } from './requestLog';
import { ALL_SCOPES, isKnownScope } from './scopes';
import { SEEDED_PEOPLE } from './seed';
import {
  ACCOUNT_TYPES,
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
  type WorldSnapshot,
} from './types';

export interface WorldOptions extends Partial<ResponseOptions> {
  clock?: Clock;
  apps?: SandboxApp[];
  /** Calls per app per hour that read as 100% in `X-App-Usage`. */
  appCallBudget?: number;
}

const FORGET_EXPIRED_AFTER_MS = 90 * 24 * 60 * 60 * 1000;

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

const USERNAME = /^[a-z0-9._]{1,30}$/;
const NUMERIC_ID = /^[1-9][0-9]{5,24}$/;
const USAGE_WINDOW_MS = 60 * 60 * 1000;

function copyApp(app: SandboxApp): SandboxApp {
  return { ...app, redirectUris: [...app.redirectUris] };
}

export class SandboxWorld {
  readonly clock: OffsetClock;
  readonly credentials = new Credentials();
  readonly faultStore = new FaultStore();
  readonly log = new RequestLog();
  responseOptions: ResponseOptions;

  private readonly initialApps: SandboxApp[];
  private readonly initialResponseOptions: ResponseOptions;
  private readonly appCallBudget: number;
  private appsById = new Map<string, SandboxApp>();
  private peopleById = new Map<string, SandboxPerson>();
  private idsByUsername = new Map<string, string>();
  private appScopedIds = new Set<string>();
  private usage = new Map<string, { windowStart: number; calls: number }>();
  private changeListeners = new Set<() => void>();

  constructor(options: WorldOptions = {}) {
    this.clock = new OffsetClock(options.clock ?? systemClock);
    this.initialApps = (options.apps ?? defaultApps()).map(copyApp);
    this.initialResponseOptions = {
      tokenResponseShape: options.tokenResponseShape ?? 'flat',
      permissionsShape: options.permissionsShape ?? 'string',
      retireOldTokenOnRefresh: options.retireOldTokenOnRefresh ?? false,
    };
    this.responseOptions = { ...this.initialResponseOptions };
    this.appCallBudget = options.appCallBudget ?? DEFAULT_APP_CALL_BUDGET;
    for (const app of this.initialApps) this.registerApp(app);
    this.reset();
  }

  now(): number {
    return this.clock.now();
  }

  /**
   * Called after every change worth saving (tokens issued or revoked, permissions removed, people added,
   * account types changed, the clock moved, apps registered, reset). Must be cheap: it runs once per token.
   */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.changeListeners) listener();
  }

  /**
   * Back to the seeded people; forgets added people, codes, tokens, faults, the log, usage, response options and
   * the clock offset. Registered apps (and redirect URIs added since start) are configuration and are kept,
   * so an app that registered its redirect URI keeps working after a test resets the world.
   */
  reset(): void {
    this.clock.offsetMs = 0;
    this.peopleById.clear();
    this.idsByUsername.clear();
    this.appScopedIds.clear();
    for (const person of SEEDED_PEOPLE) this.addPerson(person);
    this.credentials.clear();
    this.faultStore.clear();
    this.log.clear();
    this.usage.clear();
    this.responseOptions = { ...this.initialResponseOptions };
    this.changed();
  }

  // ── saved state ─────────────────────────────────────────────────────────────────────

  /** Apps, people, tokens and the clock offset as plain data (persistence.ts writes it to disk). */
  snapshot(): WorldSnapshot {
    const tokens: WorldSnapshot['tokens'] = [];
    // Tokens long past expiry are forgotten, so weekly refreshes do not grow the file for ever; recently
    // expired ones are kept so they still answer "expired" (190/463) rather than "unknown".
    const forgetBefore = this.now() - FORGET_EXPIRED_AFTER_MS;
    for (const [token, r] of this.credentials.entries()) {
      if (r.expiresAt < forgetBefore) continue;
      tokens.push({
        token,
        kind: r.kind,
        appId: r.appId,
        igUserId: r.igUserId,
        scopes: [...r.scopes],
        issuedAt: r.issuedAt,
        expiresAt: r.expiresAt,
        ...(r.revoked ? { revoked: r.revoked } : {}),
      });
    }
    const people = [...this.peopleById.values()].map(
      (p): PersonSnapshot => ({
        username: p.username,
        accountType: p.accountType,
        tester: p.tester,
        name: p.name,
        igUserId: p.igUserId,
        id: p.id,
        followersCount: p.followersCount,
        followsCount: p.followsCount,
        mediaCount: p.mediaCount,
      }),
    );
    return { clockOffsetMs: this.clock.offsetMs, apps: this.apps(), people, tokens };
  }

  /**
   * Replaces people, tokens and the clock offset with a snapshot (codes, faults and the log start empty).
   * Apps given at start are configuration and win; a saved app with another id is registered again.
   * Seeded people missing from the snapshot are added. Tokens of unknown people are dropped.
   * Throws SandboxInputError on inconsistent data, leaving the world freshly reset.
   */
  restore(snapshot: WorldSnapshot): void {
    try {
      this.reset();
      this.peopleById.clear();
      this.idsByUsername.clear();
      this.appScopedIds.clear();
      for (const person of snapshot.people) this.addPerson(person);
      for (const seed of SEEDED_PEOPLE) {
        if (!this.peopleById.has(seed.igUserId) && !this.idsByUsername.has(seed.username) && !this.appScopedIds.has(seed.id)) this.addPerson(seed);
      }
      for (const app of snapshot.apps) if (!this.appsById.has(app.appId)) this.registerApp(app);
      for (const t of snapshot.tokens) {
        if (!this.peopleById.has(t.igUserId)) continue;
        this.credentials.restoreToken(t.token, {
          kind: t.kind,
          appId: t.appId,
          igUserId: t.igUserId,
          scopes: new Set(t.scopes),
          issuedAt: t.issuedAt,
          expiresAt: t.expiresAt,
          ...(t.revoked ? { revoked: t.revoked } : {}),
        });
      }
      if (!Number.isFinite(snapshot.clockOffsetMs)) throw new SandboxInputError('clockOffsetMs must be a finite number');
      this.clock.offsetMs = snapshot.clockOffsetMs;
    } catch (error) {
      this.reset();
      throw error;
    }
    this.changed();
  }

  // ── apps ────────────────────────────────────────────────────────────────────────────

  registerApp(app: SandboxApp): SandboxApp {
    if (!/^[0-9]{1,32}$/.test(app.appId)) throw new SandboxInputError('appId must be digits');
    if (!/^[0-9a-f]{32}$/.test(app.appSecret)) throw new SandboxInputError('appSecret must be 32 lowercase hex characters');
    if (app.mode !== 'development' && app.mode !== 'live') throw new SandboxInputError("mode must be 'development' or 'live'");
    for (const uri of app.redirectUris) checkRedirectUri(uri);
    const stored = copyApp(app);
    stored.redirectUris = [...new Set(stored.redirectUris)];
    this.appsById.set(app.appId, stored);
    this.changed();
    return copyApp(stored);
  }

  addRedirectUri(appId: string, uri: string): SandboxApp {
    const app = this.appsById.get(appId);
    if (!app) throw new SandboxInputError(`Unknown app ${appId}`);
    checkRedirectUri(uri);
    if (!app.redirectUris.includes(uri)) {
      app.redirectUris.push(uri);
      this.changed();
    }
    return copyApp(app);
  }

  app(appId: string): SandboxApp | undefined {
    return this.appsById.get(appId);
  }

  apps(): SandboxApp[] {
    return [...this.appsById.values()].map(copyApp);
  }

  // ── people ──────────────────────────────────────────────────────────────────────────

  addPerson(input: NewPerson): SandboxPerson {
    const username = input.username;
    if (typeof username !== 'string' || !USERNAME.test(username)) {
      throw new SandboxInputError('username must be 1–30 of a-z, 0-9, dot, underscore');
    }
    if (this.idsByUsername.has(username)) throw new SandboxInputError(`username ${username} is taken`);
    if (!ACCOUNT_TYPES.includes(input.accountType)) throw new SandboxInputError(`accountType must be one of ${ACCOUNT_TYPES.join(', ')}`);
    let igUserId = input.igUserId;
    if (igUserId !== undefined) {
      if (!NUMERIC_ID.test(igUserId)) throw new SandboxInputError('igUserId must be a numeric string');
      if (this.peopleById.has(igUserId)) throw new SandboxInputError(`igUserId ${igUserId} is taken`);
    } else {
      do igUserId = newIgUserId();
      while (this.peopleById.has(igUserId));
    }
    let id = input.id;
    if (id !== undefined) {
      if (!NUMERIC_ID.test(id)) throw new SandboxInputError('id must be a numeric string');
      if (this.appScopedIds.has(id)) throw new SandboxInputError(`id ${id} is taken`);
    } else {
      do id = newAppScopedId();
      while (this.appScopedIds.has(id));
    }
    const person: SandboxPerson = {
      igUserId,
      id,
      username,
      name: input.name ?? username,
      accountType: input.accountType,
      profilePictureUrl: avatarDataUrl(username),
      followersCount: input.followersCount ?? 0,
      followsCount: input.followsCount ?? 0,
      mediaCount: input.mediaCount ?? 0,
      tester: input.tester ?? true,
    };
    this.peopleById.set(igUserId, person);
    this.idsByUsername.set(username, igUserId);
    this.appScopedIds.add(id);
    this.changed();
    return { ...person };
  }

  person(igUserId: string): SandboxPerson | undefined {
    return this.peopleById.get(igUserId);
  }

  people(): SandboxPerson[] {
    return [...this.peopleById.values()].map((p) => ({ ...p }));
  }

  setAccountType(igUserId: string, type: AccountType): SandboxPerson {
    if (!ACCOUNT_TYPES.includes(type)) throw new SandboxInputError(`accountType must be one of ${ACCOUNT_TYPES.join(', ')}`);
    const person = this.requirePerson(igUserId);
    person.accountType = type;
    this.changed();
    return { ...person };
  }

  /** Every token of this person stops working with 190/458 (app removed) or 190/460 (password changed). */
  revokeTokens(igUserId: string, reason: RevokeReason): number {
    if (reason !== 'app_removed' && reason !== 'password_changed') {
      throw new SandboxInputError("reason must be 'app_removed' or 'password_changed'");
    }
    this.requirePerson(igUserId);
    let n = 0;
    for (const token of this.credentials.tokensOf(igUserId)) {
      if (!token.revoked) {
        token.revoked = reason;
        n++;
      }
    }
    if (n > 0) this.changed();
    return n;
  }

  /** The person unticks one permission in Instagram's settings: removed from all their tokens. */
  removePermission(igUserId: string, scope: string): number {
    if (!isKnownScope(scope)) throw new SandboxInputError(`Unknown scope ${scope}`);
    this.requirePerson(igUserId);
    let n = 0;
    for (const token of this.credentials.tokensOf(igUserId)) if (token.scopes.delete(scope)) n++;
    if (n > 0) this.changed();
    return n;
  }

  // ── tokens ──────────────────────────────────────────────────────────────────────────

  issueToken(kind: TokenKind, appId: string, igUserId: string, scopes: Iterable<string>, issuedAt: number, ttlMs: number): string {
    const token = this.credentials.issueToken({ kind, appId, igUserId, scopes: new Set(scopes), issuedAt, expiresAt: issuedAt + ttlMs });
    this.changed();
    return token;
  }

  /** A refresh with `retireOldTokenOnRefresh`: the old string stops working at once. */
  retireToken(token: string): void {
    this.credentials.retire(token);
    this.changed();
  }

  /**
   * The token issued last to this person and when a request last presented it: a test that killed an app
   * mid-refresh compares it with what the app stored.
   */
  newestToken(igUserId: string): IssuedToken | undefined {
    return this.credentials.newestOf(igUserId);
  }

  /** A ready long-lived token without the browser flow (benchmarks, e2e set-up). */
  issueLongLivedToken(
    igUserId: string,
    options: { issuedAt?: number; scopes?: string[]; appId?: string } = {},
  ): { accessToken: string; expiresIn: number } {
    this.requirePerson(igUserId);
    const appId = options.appId ?? this.initialApps[0]?.appId ?? '';
    if (!this.appsById.has(appId)) throw new SandboxInputError(`Unknown app ${appId}`);
    const scopes = options.scopes ?? [...ALL_SCOPES];
    for (const scope of scopes) if (!isKnownScope(scope)) throw new SandboxInputError(`Unknown scope ${scope}`);
    const now = this.now();
    const issuedAt = options.issuedAt ?? now;
    const accessToken = this.issueToken('long', appId, igUserId, scopes, issuedAt, LONG_TOKEN_TTL_MS);
    return { accessToken, expiresIn: Math.max(0, Math.floor((issuedAt + LONG_TOKEN_TTL_MS - now) / 1000)) };
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
      people: this.peopleById.size,
      apps: this.appsById.size,
      tokens,
      codes,
      faults: this.faultStore.list().length,
      faultsApplied: this.faultStore.appliedTotal,
      requests,
      byStatus,
    };
  }

  private requirePerson(igUserId: string): SandboxPerson {
    const person = this.peopleById.get(igUserId);
    if (!person) throw new SandboxInputError(`Unknown igUserId ${igUserId}`);
    return person;
  }
}

function checkRedirectUri(uri: string): void {
  if (typeof uri !== 'string' || uri.length > 2048 || uri.includes('#')) throw new SandboxInputError(`Invalid redirect URI ${uri}`);
  try {
    new URL(uri);
  } catch {
    throw new SandboxInputError(`Invalid redirect URI ${uri}`);
  }
}
