/** Issued tokens and what people do to them (revoke, untick a permission), with their saved form. */
import { LONG_TOKEN_TTL_MS } from '../constants';
import type { AppRegistry } from '../oauth/apps';
import { ALL_SCOPES, isKnownScope } from '../scopes';
import { SandboxInputError, type IssuedToken, type RevokeReason, type TokenKind, type TokenSnapshot } from '../types';
import { Credentials } from './credentials';
import type { PeopleDirectory } from './people';

const FORGET_EXPIRED_AFTER_MS = 90 * 24 * 60 * 60 * 1000;

export class TokenStore {
  readonly credentials = new Credentials();

  constructor(
    private readonly people: PeopleDirectory,
    private readonly apps: AppRegistry,
    private readonly now: () => number,
    private readonly changed: () => void,
  ) {}

  issue(kind: TokenKind, appId: string, igUserId: string, scopes: Iterable<string>, issuedAt: number, ttlMs: number): string {
    const token = this.credentials.issueToken({ kind, appId, igUserId, scopes: new Set(scopes), issuedAt, expiresAt: issuedAt + ttlMs });
    this.changed();
    return token;
  }

  retire(token: string): void {
    this.credentials.retire(token);
    this.changed();
  }

  newest(igUserId: string): IssuedToken | undefined {
    return this.credentials.newestOf(igUserId);
  }

  issueLongLived(igUserId: string, options: { issuedAt?: number; scopes?: string[]; appId?: string }, defaultAppId: string): { accessToken: string; expiresIn: number } {
    this.people.require(igUserId);
    const appId = options.appId ?? defaultAppId;
    if (!this.apps.has(appId)) throw new SandboxInputError(`Unknown app ${appId}`);
    const scopes = options.scopes ?? [...ALL_SCOPES];
    for (const scope of scopes) if (!isKnownScope(scope)) throw new SandboxInputError(`Unknown scope ${scope}`);
    const now = this.now();
    const issuedAt = options.issuedAt ?? now;
    const accessToken = this.issue('long', appId, igUserId, scopes, issuedAt, LONG_TOKEN_TTL_MS);
    return { accessToken, expiresIn: Math.max(0, Math.floor((issuedAt + LONG_TOKEN_TTL_MS - now) / 1000)) };
  }

  revokeAll(igUserId: string, reason: RevokeReason): number {
    if (reason !== 'app_removed' && reason !== 'password_changed') {
      throw new SandboxInputError("reason must be 'app_removed' or 'password_changed'");
    }
    this.people.require(igUserId);
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

  removePermission(igUserId: string, scope: string): number {
    if (!isKnownScope(scope)) throw new SandboxInputError(`Unknown scope ${scope}`);
    this.people.require(igUserId);
    let n = 0;
    for (const token of this.credentials.tokensOf(igUserId)) if (token.scopes.delete(scope)) n++;
    if (n > 0) this.changed();
    return n;
  }

  /**
   * Tokens long past expiry are forgotten, so weekly refreshes do not grow the file for ever; recently
   * expired ones are kept so they still answer "expired" (190/463) rather than "unknown".
   */
  snapshot(): TokenSnapshot[] {
    const tokens: TokenSnapshot[] = [];
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
    return tokens;
  }

  /** Tokens of unknown people are dropped. */
  restore(tokens: TokenSnapshot[]): void {
    for (const t of tokens) {
      if (!this.people.get(t.igUserId)) continue;
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
  }
}
