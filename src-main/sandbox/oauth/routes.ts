/** www/api.instagram.com paths: the consent page, the decision, and the code exchange (fact sheet §1, §2). */
import { renderConsentPage, renderErrorPage, type RenderedPage } from './authorizePage';
import { oauthErrorBody } from '../errors';
import { HttpError, parseForm, redirect, send, sendJson, sendJsonText, type Ctx } from '../http';
import { checkAuthorize, exchangeCode, issueCode } from './flow';
import { BASIC_SCOPE } from '../scopes';

function sendPage(ctx: Ctx, status: number, page: RenderedPage): void {
  send(ctx, status, 'text/html; charset=utf-8', page.html, {
    'content-security-policy': page.csp,
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
}

function errorPage(ctx: Ctx, message: string): void {
  sendPage(ctx, 400, renderErrorPage(message));
}

/** `GET /oauth/authorize`: the page a person uses. Bad requests get an error page, never a redirect. */
export function handleAuthorize(ctx: Ctx): void {
  const q = ctx.url.searchParams;
  const check = checkAuthorize(ctx.world, {
    clientId: q.get('client_id'),
    redirectUri: q.get('redirect_uri'),
    responseType: q.get('response_type'),
    scope: q.get('scope'),
  });
  if (!check.ok) return errorPage(ctx, check.message);
  const forceReauth = q.get('force_reauth') === 'true' || q.get('force_authentication') === '1';
  sendPage(
    ctx,
    200,
    renderConsentPage({
      app: check.app,
      redirectUri: check.redirectUri,
      state: q.get('state'),
      scopes: check.scopes,
      scopeParam: q.get('scope') ?? '',
      people: ctx.world.people(),
      forceReauth,
    }),
  );
}

function withParams(redirectUri: string, params: [string, string][]): string {
  const url = new URL(redirectUri);
  for (const [k, v] of params) url.searchParams.append(k, v);
  return url.toString();
}

/** `POST /oauth/authorize/decision`: everything re-validated; Allow → `?code&state#_`, Cancel → access_denied. */
export function handleDecision(ctx: Ctx): void {
  let form: URLSearchParams;
  try {
    form = parseForm(ctx);
  } catch (error) {
    if (error instanceof HttpError) return errorPage(ctx, error.message);
    throw error;
  }
  const check = checkAuthorize(ctx.world, {
    clientId: form.get('client_id'),
    redirectUri: form.get('redirect_uri'),
    responseType: 'code',
    scope: form.get('requested_scope'),
  });
  if (!check.ok) return errorPage(ctx, check.message);
  const state = form.get('state');
  const stateParam: [string, string][] = state !== null ? [['state', state]] : [];
  const decision = form.get('decision');
  if (decision === 'cancel') {
    return redirect(
      ctx,
      withParams(check.redirectUri, [
        ['error', 'access_denied'],
        ['error_reason', 'user_denied'],
        ['error_description', 'The user denied your request'],
        ...stateParam,
      ]),
    );
  }
  if (decision !== 'allow') return errorPage(ctx, 'Choose Allow or Cancel.');
  const igUserId = form.get('person') ?? '';
  if (!ctx.world.person(igUserId)) return errorPage(ctx, 'Choose an account to continue as.');
  const ticked = new Set(form.getAll('scope'));
  const notRequested = [...ticked].filter((s) => !check.scopes.includes(s));
  if (notRequested.length > 0) return errorPage(ctx, `Invalid scope: ${notRequested.join(', ')} was not requested.`);
  // The required scope's checkbox is disabled (not submitted) and always granted.
  const granted = check.scopes.filter((s) => s === BASIC_SCOPE || ticked.has(s));
  const code = issueCode(ctx.world, check.app.appId, check.redirectUri, igUserId, granted);
  redirect(ctx, `${withParams(check.redirectUri, [['code', code], ...stateParam])}#_`);
}

/** `POST /oauth/access_token`: code → short-lived token; `user_id` written as a raw JSON number. */
export function handleCodeExchange(ctx: Ctx): void {
  if (ctx.method !== 'POST') return sendJson(ctx, 400, oauthErrorBody('Unsupported method: use POST'));
  let form: URLSearchParams;
  try {
    form = parseForm(ctx);
  } catch (error) {
    if (error instanceof HttpError) return sendJson(ctx, 400, oauthErrorBody(error.message));
    throw error;
  }
  const result = exchangeCode(ctx.world, form);
  if (!result.ok) return sendJson(ctx, 400, oauthErrorBody(result.message));
  const { tokenResponseShape, permissionsShape } = ctx.world.responseOptions;
  const permissions = permissionsShape === 'array' ? JSON.stringify(result.scopes) : JSON.stringify(result.scopes.join(','));
  // igUserId is validated digits-only; written verbatim so values above 2^53 survive as text.
  const entry = `{"access_token":${JSON.stringify(result.accessToken)},"user_id":${result.igUserId},"permissions":${permissions}}`;
  sendJsonText(ctx, 200, tokenResponseShape === 'data' ? `{"data":[${entry}]}` : entry);
}
