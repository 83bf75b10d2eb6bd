/** graph.instagram.com token and profile paths: long-lived exchange, refresh, /me (fact sheet §3, §4). */
import { bearer, sendGraphError, sendGraphJson, type GraphRouter } from '../graphHttp';
import type { Ctx } from '../http';
import type { Outcome } from '../types';
import { readProfile } from './profile';
import { authenticate, exchangeForLongLived, refreshLongLived, type LongLivedGrant } from './tokenFlow';

function sendGrant(ctx: Ctx, outcome: Outcome<LongLivedGrant>, token: string | undefined): void {
  if (!outcome.ok) return sendGraphError(ctx, outcome.error, token);
  sendGraphJson(ctx, { access_token: outcome.value.accessToken, token_type: 'bearer', expires_in: outcome.value.expiresIn }, token);
}

/** The token endpoints take no version prefix; /me may have one. */
export const profileAndTokenRoutes: GraphRouter = (ctx) => {
  const { method, path, hasVersion } = ctx;
  const query = ctx.url.searchParams;
  if (!hasVersion && path === '/access_token' && method === 'GET') {
    return () => sendGrant(ctx, exchangeForLongLived(ctx.world, query), query.get('access_token') ?? undefined);
  }
  if (!hasVersion && path === '/refresh_access_token' && method === 'GET') {
    return () => sendGrant(ctx, refreshLongLived(ctx.world, query), query.get('access_token') ?? undefined);
  }
  if ((path === '/me' || path === '/me/') && method === 'GET') {
    return () => {
      const token = bearer(ctx);
      const auth = authenticate(ctx.world, token);
      if (!auth.ok) return sendGraphError(ctx, auth.error, token);
      const profile = readProfile(ctx.world, auth.value, query.get('fields'));
      if (!profile.ok) return sendGraphError(ctx, profile.error, token);
      sendGraphJson(ctx, profile.value, token);
    };
  }
  return undefined;
};
