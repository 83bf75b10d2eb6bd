/** What every graph.instagram.com answer shares: the token's place in a request, `X-App-Usage`, the error body. */
import { graphErrorBody } from './errors';
import { sendJson, type Ctx } from './http';
import type { GraphErrorSpec } from './types';

/** A Graph route: the work for a request it recognised (sync or async). */
export type GraphHandler = () => void | Promise<void>;
/** One domain's Graph routes: a handler when the method and path are its own, else undefined. */
export type GraphRouter = (ctx: Ctx) => GraphHandler | undefined;

/** `Authorization: Bearer|OAuth …`, else the `access_token` query parameter. */
export function bearer(ctx: Ctx): string | undefined {
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

export function sendGraphJson(ctx: Ctx, value: unknown, token: string | undefined): void {
  sendJson(ctx, 200, value, usageHeader(ctx, token));
}
