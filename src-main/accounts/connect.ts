import { randomUUID } from 'node:crypto';
import { appError, type AppError, type Result } from '../../src-shared/errors';
import type { MessagesOutcome } from '../../src-shared/messages';
import { MESSAGES_SCOPE, REQUIRED_SCOPES, SCOPE_LABELS, type Account, type AccountType } from '../../src-shared/models';
import { buildAuthorizeUrl } from '../auth/authorizeUrl';
import { parseCallback } from '../auth/callback';
import { StateStore, type Attempt, type AttemptPurpose } from '../auth/stateStore';
import { Failure, isFailure } from '../config/failure';
import { toAccount, type AccountRecord } from '../db/accountsRepo';
import { checkpoint } from '../db/database';
import type { LongLivedToken, Profile, ShortLivedToken } from '../instagram/client';
import { isInstagramError, type InstagramError } from '../instagram/errors';
import { isEligibleAccountType, TOKEN_PURPOSE, type AccountsContext } from './context';

/** The permissions an account may hold: the four always asked, then messages (asked only when turned on). */
const KNOWN_SCOPES: readonly string[] = [...REQUIRED_SCOPES, MESSAGES_SCOPE];

/** What a finished sign-in gives: the account, and for `enableMessages` whether messages came on. */
interface Completed {
  account: Account;
  messages?: MessagesOutcome;
}

/**
 * The sign-in flow (DESIGN.md §5): start an attempt, then finish it from the redirect. Every refusal
 * stores nothing; success upserts the account by Instagram user id and replaces its sealed token in
 * one transaction. Turning messages on is the same sign-in for the same account with the messages
 * permission added; declining it stores nothing either and ends as "messages stay off", not as a failure.
 */
export class ConnectFlow {
  private readonly states: StateStore;

  constructor(private readonly context: AccountsContext) {
    this.states = new StateStore(context.clock);
  }

  start(purpose: AttemptPurpose): { attemptId: string; authorizeUrl: string } {
    const target = purpose.kind === 'connect' ? null : this.context.accounts.get(purpose.accountId);
    if (purpose.kind !== 'connect' && !target) throw new Failure('not_found');
    this.context.requireSealing();
    const environment = this.context.environment();
    if (!environment.clientSecret || !environment.redirectUri) throw new Failure('config_invalid', 'The Instagram App secret or redirect URI is missing.');
    const attempt = this.states.create(purpose, environment.redirectUri);
    const authorizeUrl = buildAuthorizeUrl({
      authBase: environment.endpoints.authBase,
      clientId: environment.clientId,
      redirectUri: environment.redirectUri,
      state: attempt.state,
      // A reconnect keeps messages on by asking for their permission again.
      withMessages: purpose.kind === 'enableMessages' || target?.messagesEnabled === true,
    });
    this.context.logger.info('sign-in started', { attemptId: attempt.attemptId, purpose: purpose.kind });
    const popup = this.context.authWindow;
    if (popup) {
      popup
        .open({ attemptId: attempt.attemptId, authorizeUrl, redirectUri: environment.redirectUri, allowedOrigins: environment.allowedOrigins })
        .then(async (outcome) => {
          if (outcome.kind === 'closed') this.cancel(attempt.attemptId);
          else await this.finish(outcome.url, attempt.attemptId);
        })
        .catch((error: unknown) => this.context.logger.error('sign-in window failed', { error }));
    }
    return { attemptId: attempt.attemptId, authorizeUrl };
  }

  /** The user closed the popup or pressed Cancel in the app. */
  cancel(attemptId: string): void {
    const attempt = this.states.cancel(attemptId);
    if (!attempt) return;
    this.context.authWindow?.close(attemptId);
    this.report(attempt, { ok: false, error: appError('cancelled') });
  }

  /**
   * Finishes an attempt from the full redirect URL. `expectedAttemptId` is known on desktop (the
   * popup belongs to one attempt); the browser host's callback route has only the URL.
   */
  async finish(callbackUrl: string, expectedAttemptId?: string): Promise<Result<Account>> {
    const environment = this.context.environment();
    const parsed = parseCallback(callbackUrl, environment.redirectUri);
    if (parsed.kind === 'invalid') {
      this.context.logger.warn('sign-in callback rejected', { why: parsed.why });
      // On desktop the popup tells us whose callback this was: end that attempt visibly.
      const attempt = expectedAttemptId ? this.states.cancel(expectedAttemptId) : null;
      return this.report(attempt, { ok: false, error: appError('invalid_callback') });
    }
    const consumed = this.states.consume(parsed.state, expectedAttemptId);
    if (!consumed.ok) {
      this.context.logger.warn('sign-in state refused', { reason: consumed.reason });
      if (consumed.reason === 'expired') return this.report(consumed.attempt, { ok: false, error: appError('state_expired') });
      const attempt = expectedAttemptId ? this.states.cancel(expectedAttemptId) : null;
      return this.report(attempt, { ok: false, error: appError('invalid_callback') });
    }
    const attempt = consumed.attempt;
    // Declining the messages permission is not a failed connect: messages simply stay off.
    if (parsed.kind === 'denied' && attempt.purpose.kind !== 'enableMessages') return this.report(attempt, { ok: false, error: appError('cancelled') });
    try {
      const completed = parsed.kind === 'denied' ? this.messagesStayOff(attempt) : await this.complete(attempt, parsed.code);
      return this.report(attempt, { ok: true, value: completed.account }, completed.messages);
    } catch (error) {
      return this.report(attempt, { ok: false, error: this.toAppError(error) });
    }
  }

  /** The user declined or unticked messages: nothing is stored, the account is exactly as it was. */
  private messagesStayOff(attempt: Attempt): Completed {
    const record = attempt.purpose.kind === 'connect' ? null : this.context.accounts.get(attempt.purpose.accountId);
    if (!record) throw new Failure('not_found');
    this.context.logger.info('messages stay off', { accountId: record.id });
    return { account: toAccount(record), messages: 'stayed_off' };
  }

  private async complete(attempt: Attempt, code: string): Promise<Completed> {
    const { events } = this.context;
    const environment = this.context.environment();
    const client = this.context.client();
    events.emit('connect.progress', { attemptId: attempt.attemptId, step: 'exchanging_code' });
    const short: ShortLivedToken = await client.exchangeCode({
      clientId: environment.clientId,
      clientSecret: environment.clientSecret,
      redirectUri: attempt.redirectUri,
      code,
    });
    const missing = REQUIRED_SCOPES.filter((scope) => !short.permissions.includes(scope));
    if (attempt.purpose.kind === 'enableMessages' && (missing.length > 0 || !short.permissions.includes(MESSAGES_SCOPE))) return this.messagesStayOff(attempt);
    if (missing.length > 0) {
      throw new Failure('scope_rejected', `Not granted: ${missing.map((scope) => SCOPE_LABELS[scope]).join(', ')}.`);
    }
    const long: LongLivedToken = await client.exchangeLongLived({ clientSecret: environment.clientSecret, accessToken: short.accessToken });
    events.emit('connect.progress', { attemptId: attempt.attemptId, step: 'fetching_profile' });
    const profile = await client.me(long.accessToken);
    // The exchange and /me must name one person (which id the exchange gives is unconfirmed: instagram-platform.md §2).
    if (short.userId && short.userId !== profile.igUserId && short.userId !== profile.appScopedId) {
      throw new Failure('instagram_error', 'Instagram named another account than the one that signed in.');
    }
    if (!isEligibleAccountType(profile.accountType)) throw new Failure('instagram_no_business_account');
    events.emit('connect.progress', { attemptId: attempt.attemptId, step: 'saving' });
    const account = this.save(attempt, profile, short.permissions, long);
    return attempt.purpose.kind === 'enableMessages' ? { account, messages: 'enabled' } : { account };
  }

  private save(attempt: Attempt, profile: Profile, scopes: string[], token: LongLivedToken): Account {
    const { db, accounts, secrets, vault, clock } = this.context;
    const mode = this.context.environment().mode;
    const now = clock.now();
    let messagesTurnedOff = false;
    const record = db.transaction((): AccountRecord => {
      const { purpose } = attempt;
      const existing = purpose.kind === 'connect' ? accounts.findByIgUser(mode, profile.igUserId) : accounts.get(purpose.accountId);
      if (purpose.kind !== 'connect') {
        if (!existing) throw new Failure('not_found');
        if (existing.igUserId !== profile.igUserId) throw new Failure('account_mismatch', `Signed in as @${profile.username}.`);
      }
      const next: AccountRecord = {
        id: existing?.id ?? randomUUID(),
        environment: mode,
        igUserId: profile.igUserId,
        appScopedId: profile.appScopedId,
        username: profile.username,
        name: profile.name,
        accountType: profile.accountType as AccountType,
        pictureUrl: profile.pictureUrl,
        followersCount: profile.followersCount,
        mediaCount: profile.mediaCount,
        scopes: KNOWN_SCOPES.filter((scope) => scopes.includes(scope)),
        consentAt: now,
        connectedAt: existing?.connectedAt ?? now,
        updatedAt: now,
        tokenIssuedAt: now,
        tokenExpiresAt: now + token.expiresInSeconds * 1000,
        lastRefreshAt: existing?.lastRefreshAt ?? null,
        healthState: 'healthy',
        healthReason: null,
        healthCheckedAt: now,
        healthNotified: false,
        refreshFailures: 0,
        nextAttemptAt: null,
        defaultMode: existing?.defaultMode ?? 'automatic',
        // On only when asked for and granted; a sign-in without the permission turns messages off (and forgets them).
        messagesEnabled: scopes.includes(MESSAGES_SCOPE) && (purpose.kind === 'enableMessages' || existing?.messagesEnabled === true),
      };
      messagesTurnedOff = existing?.messagesEnabled === true && !next.messagesEnabled;
      if (existing) accounts.updateConnection(next);
      else accounts.insert(next);
      secrets.put(vault.seal(next.id, TOKEN_PURPOSE, token.accessToken), now);
      return next;
    })();
    // Messages went off (the permission was unticked): their rows are gone; fold the WAL so no copy stays behind.
    if (messagesTurnedOff) checkpoint(db);
    this.context.logger.info('account connected', { accountId: record.id, username: record.username });
    if (attempt.purpose.kind === 'enableMessages') {
      this.context.domain.emit('account.messagesEnabled', { accountId: record.id });
      this.context.events.emit('accounts.changed', { reason: 'messages' });
      return toAccount(record);
    }
    const reconnected = attempt.purpose.kind === 'reconnect';
    this.context.domain.emit(reconnected ? 'account.reconnected' : 'account.connected', { accountId: record.id });
    this.context.events.emit('accounts.changed', { reason: reconnected ? 'reconnected' : 'connected' });
    return toAccount(record);
  }

  private toAppError(error: unknown): AppError {
    if (isFailure(error)) return error.error;
    if (isInstagramError(error)) return instagramToAppError(error);
    this.context.logger.error('sign-in failed unexpectedly', { error });
    return appError('internal_error');
  }

  private report<T>(attempt: Attempt | null, result: Result<T>, messages?: MessagesOutcome): Result<T> {
    if (attempt) {
      const payload = result.ok
        ? { attemptId: attempt.attemptId, ok: true, account: result.value as Account, ...(messages ? { messages } : {}) }
        : { attemptId: attempt.attemptId, ok: false, error: result.error };
      this.context.events.emit('connect.finished', payload);
    }
    return result;
  }
}

function instagramToAppError(error: InstagramError): AppError {
  switch (error.kind) {
    case 'network':
    case 'server':
      return appError('network_error');
    case 'rate_limited':
      return appError('rate_limited');
    case 'insufficient_role':
      return appError('not_a_tester');
    case 'invalid_code':
      return appError('invalid_callback');
    case 'redirect_mismatch':
    case 'bad_client':
      return appError('config_invalid', error.message);
    case 'permission':
      return appError('scope_rejected');
    default:
      return appError('instagram_error', error.message);
  }
}
