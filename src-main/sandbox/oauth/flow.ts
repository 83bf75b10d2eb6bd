/** The authorization-code flow: authorize checks, codes, and the code → short-lived token exchange (§1, §2). */
import { CODE_TTL_MS, SHORT_TOKEN_TTL_MS } from '../constants';
import { BASIC_SCOPE, isKnownScope, parseScopeList } from '../scopes';
import type { SandboxApp } from '../types';
import type { SandboxWorld } from '../world';

export interface AuthorizeParams {
  clientId: string | null;
  redirectUri: string | null;
  responseType: string | null;
  scope: string | null;
}

export type AuthorizeCheck = { ok: true; app: SandboxApp; redirectUri: string; scopes: string[] } | { ok: false; message: string };

/** Checks an authorize request. A failure is shown as an error page, never redirected. */
export function checkAuthorize(world: SandboxWorld, p: AuthorizeParams): AuthorizeCheck {
  const app = p.clientId ? world.app(p.clientId) : undefined;
  if (!app) return { ok: false, message: 'Invalid platform app' };
  if (!p.redirectUri || !app.redirectUris.includes(p.redirectUri)) {
    return { ok: false, message: 'Invalid redirect_uri: it must exactly match a redirect URI registered for this app (including any trailing slash).' };
  }
  if (p.responseType !== 'code') return { ok: false, message: "Invalid response_type: only 'code' is supported." };
  const scopes = parseScopeList(p.scope);
  const unknown = scopes.filter((s) => !isKnownScope(s));
  if (unknown.length > 0) return { ok: false, message: `Invalid scope: ${unknown.join(', ')}` };
  if (!scopes.includes(BASIC_SCOPE)) return { ok: false, message: `Invalid scope: ${BASIC_SCOPE} is required.` };
  return { ok: true, app, redirectUri: p.redirectUri, scopes };
}

/** Allow: a single-use code for 1 hour, bound to app, redirect URI, person and the granted scopes. */
export function issueCode(world: SandboxWorld, appId: string, redirectUri: string, igUserId: string, scopes: string[]): string {
  return world.credentials.issueCode({ appId, redirectUri, igUserId, scopes, expiresAt: world.now() + CODE_TTL_MS, used: false });
}

export interface CodeExchangeForm {
  get(name: string): string | null | undefined;
}

export type CodeExchangeResult =
  | { ok: true; accessToken: string; igUserId: string; scopes: string[] }
  | { ok: false; message: string };

/** `POST /oauth/access_token`. Errors are the old Instagram messages (fact sheet §2, §11). */
export function exchangeCode(world: SandboxWorld, form: CodeExchangeForm): CodeExchangeResult {
  const fail = (message: string): CodeExchangeResult => ({ ok: false, message });
  const clientId = form.get('client_id');
  const clientSecret = form.get('client_secret');
  const grantType = form.get('grant_type');
  const redirectUri = form.get('redirect_uri');
  const codeText = form.get('code');
  if (!clientId) return fail('You must provide a client_id');
  const app = world.app(clientId);
  if (!app) return fail('Invalid client_id');
  if (!clientSecret) return fail('You must provide a client_secret');
  if (clientSecret !== app.appSecret) return fail('Invalid client secret');
  if (grantType !== 'authorization_code') return fail('Invalid grant_type: must be authorization_code');
  if (!redirectUri) return fail('You must provide a redirect_uri');
  if (!codeText) return fail('You must provide a code');
  const code = world.credentials.code(codeText);
  if (!code || code.appId !== app.appId) return fail('Invalid authorization code');
  if (code.used) return fail('This authorization code has been used');
  if (world.now() >= code.expiresAt) return fail('Invalid authorization code');
  if (redirectUri !== code.redirectUri || !app.redirectUris.includes(redirectUri)) {
    return fail('Redirect URI does not match registered redirect URI');
  }
  const person = world.person(code.igUserId);
  if (!person) return fail('Invalid authorization code');
  code.used = true;
  if (app.mode === 'development' && !person.tester) return fail('Insufficient developer role');
  const accessToken = world.issueToken('short', app.appId, person.igUserId, code.scopes, world.now(), SHORT_TOKEN_TTL_MS);
  return { ok: true, accessToken, igUserId: person.igUserId, scopes: [...code.scopes] };
}
