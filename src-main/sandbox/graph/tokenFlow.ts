/** Graph-host token operations: validation, long-lived exchange, refresh (fact sheet §3, §8). */
import { LONG_TOKEN_TTL_MS, REFRESH_MIN_AGE_MS } from '../constants';
import { NO_PERMISSION, MISSING_TOKEN, paramError } from '../errors';
import { BASIC_SCOPE } from '../scopes';
import type { GraphErrorSpec, Outcome, TokenRecord } from '../types';
import type { SandboxWorld } from '../world';

const INVALID: GraphErrorSpec = { code: 190, subcode: 467, message: 'Invalid OAuth access token - Cannot parse access token' };

function fbDate(ms: number): string {
  const d = new Date(ms);
  const days = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${two(d.getUTCDate())}-${months[d.getUTCMonth()]}-${two(d.getUTCFullYear() % 100)} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC`;
}

/** Any Graph call's token check: unknown 190/467, expired 190/463, app removed 190/458, password changed 190/460. */
export function authenticate(world: SandboxWorld, token: string | undefined): Outcome<TokenRecord> {
  if (!token) return { ok: false, error: MISSING_TOKEN };
  const record = world.credentials.token(token);
  if (!record) return { ok: false, error: INVALID };
  record.lastPresentedAt = world.now();
  if (record.revoked === 'app_removed') {
    return { ok: false, error: { code: 190, subcode: 458, message: `Error validating access token: The user has not authorized application ${record.appId}.` } };
  }
  if (record.revoked === 'password_changed') {
    return {
      ok: false,
      error: {
        code: 190,
        subcode: 460,
        message:
          'Error validating access token: The session has been invalidated because the user changed their password or Instagram has changed the session for security reasons.',
      },
    };
  }
  const now = world.now();
  if (now >= record.expiresAt) {
    return {
      ok: false,
      error: { code: 190, subcode: 463, message: `Error validating access token: Session has expired on ${fbDate(record.expiresAt)}. The current time is ${fbDate(now)}.` },
    };
  }
  return { ok: true, value: record };
}

export interface LongLivedGrant {
  accessToken: string;
  expiresIn: number;
}

/** `GET /access_token?grant_type=ig_exchange_token&client_secret&access_token=<short>`. */
export function exchangeForLongLived(world: SandboxWorld, q: URLSearchParams): Outcome<LongLivedGrant> {
  const grantType = q.get('grant_type');
  if (grantType !== 'ig_exchange_token') return { ok: false, error: paramError('Invalid grant_type: expected ig_exchange_token') };
  const secret = q.get('client_secret');
  if (!secret) return { ok: false, error: paramError('Missing client_secret parameter') };
  const auth = authenticate(world, q.get('access_token') ?? undefined);
  if (!auth.ok) return auth;
  const record = auth.value;
  const app = world.app(record.appId);
  if (!app || app.appSecret !== secret) return { ok: false, error: { code: 101, message: 'Error validating client secret.' } };
  const clientId = q.get('client_id');
  if (clientId && clientId !== record.appId) return { ok: false, error: paramError('client_id does not match the access token') };
  if (record.kind !== 'short') {
    return { ok: false, error: paramError('The access token is already long-lived; ig_exchange_token needs a short-lived token') };
  }
  return { ok: true, value: grantLongLived(world, record) };
}

/**
 * `GET /refresh_access_token?grant_type=ig_refresh_token&access_token=<long>`: a new string, 60 days from now.
 * With `retireOldTokenOnRefresh` the old string stops working as the new one is issued.
 */
export function refreshLongLived(world: SandboxWorld, q: URLSearchParams): Outcome<LongLivedGrant> {
  if (q.get('grant_type') !== 'ig_refresh_token') return { ok: false, error: paramError('Invalid grant_type: expected ig_refresh_token') };
  const presented = q.get('access_token') ?? undefined;
  const auth = authenticate(world, presented);
  if (!auth.ok) return auth;
  const record = auth.value;
  if (record.kind !== 'long') {
    return { ok: false, error: paramError('Only long-lived access tokens can be refreshed; exchange the short-lived token first') };
  }
  if (!record.scopes.has(BASIC_SCOPE)) return { ok: false, error: NO_PERMISSION };
  const age = world.now() - record.issuedAt;
  if (age < REFRESH_MIN_AGE_MS) {
    return { ok: false, error: paramError('The access token must be at least 24 hours old before it can be refreshed') };
  }
  const grant = grantLongLived(world, record);
  if (world.responseOptions.retireOldTokenOnRefresh && presented) world.retireToken(presented);
  return { ok: true, value: grant };
}

function grantLongLived(world: SandboxWorld, from: TokenRecord): LongLivedGrant {
  const now = world.now();
  const accessToken = world.issueToken('long', from.appId, from.igUserId, from.scopes, now, LONG_TOKEN_TTL_MS);
  return { accessToken, expiresIn: Math.floor(LONG_TOKEN_TTL_MS / 1000) };
}
