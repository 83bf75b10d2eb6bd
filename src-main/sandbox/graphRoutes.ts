/** graph.instagram.com paths: long-lived exchange, refresh, /me; everything else is an unsupported request. */
import { graphErrorBody, unsupportedRequest } from './errors';
import { sendJson, type Ctx } from './http';
import { readProfile } from './profile';
import { authenticate, exchangeForLongLived, refreshLongLived, type LongLivedGrant } from './tokenFlow';
import type { GraphErrorSpec, Outcome } from './types';

function bearer(ctx: Ctx): string | undefined {
  const header = ctx.req.headers.authorization;
  if (header) {
    const m = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(header);
    if (m) return m[1];
  }
  return ctx.url.searchParams.get('access_token') ?? undefined;
}

/** Graph answers carry `X-App-Usage` for the token's app. */
function usageHeader(ctx: Ctx, token: string | undefined): Record<string, string> {
  const appId = token ? ctx.world.credentials.token(token)?.appId : undefined;
  return { 'x-app-usage': JSON.stringify(ctx.world.countGraphCall(appId)) };
}

export function sendGraphError(ctx: Ctx, spec: GraphErrorSpec, token?: string): void {
  sendJson(ctx, spec.status ?? 400, graphErrorBody(spec), usageHeader(ctx, token));
}

function sendGrant(ctx: Ctx, outcome: Outcome<LongLivedGrant>, token: string | undefined): void {
  if (!outcome.ok) return sendGraphError(ctx, outcome.error, token);
  sendJson(ctx, 200, { access_token: outcome.value.accessToken, token_type: 'bearer', expires_in: outcome.value.expiresIn }, usageHeader(ctx, token));
}

/** Routes a Graph-host request. The token endpoints take no version prefix; /me may have one. */
export function handleGraph(ctx: Ctx): void {
  const { method, path, hasVersion } = ctx;
  const query = ctx.url.searchParams;
  if (!hasVersion && path === '/access_token' && method === 'GET') {
    return sendGrant(ctx, exchangeForLongLived(ctx.world, query), query.get('access_token') ?? undefined);
  }
  if (!hasVersion && path === '/refresh_access_token' && method === 'GET') {
    return sendGrant(ctx, refreshLongLived(ctx.world, query), query.get('access_token') ?? undefined);
  }
  if ((path === '/me' || path === '/me/') && method === 'GET') {
    const token = bearer(ctx);
    const auth = authenticate(ctx.world, token);
    if (!auth.ok) return sendGraphError(ctx, auth.error, token);
    const profile = readProfile(ctx.world, auth.value, query.get('fields'));
    if (!profile.ok) return sendGraphError(ctx, profile.error, token);
    return sendJson(ctx, 200, profile.value, usageHeader(ctx, token));
  }
  sendGraphError(ctx, unsupportedRequest(method, path));
}
