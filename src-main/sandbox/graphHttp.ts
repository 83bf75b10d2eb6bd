/** What every graph.instagram.com answer shares: the token's place in a request, `X-App-Usage`, the error body. */
import { graphErrorBody } from './errors';
import { sendJson, type Ctx } from './http';
import { businessUsageHeader } from './comments/usage';
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

/** Graph answers carry `X-App-Usage` for the token's app and `X-Business-Use-Case-Usage` for its account. */
function usageHeader(ctx: Ctx, token: string | undefined): Record<string, string> {
  const record = token ? ctx.world.credentials.token(token) : undefined;
  const counted = ctx.world.countGraphCall(record?.appId);
  const knob = ctx.world.usageKnob;
  const app = knob.appPercent === null ? counted : { call_count: Math.max(counted.call_count, knob.appPercent), total_cputime: counted.total_cputime, total_time: counted.total_time };
  const business = businessUsageHeader(knob, record?.igUserId);
  return { 'x-app-usage': JSON.stringify(app), ...(business ? { 'x-business-use-case-usage': business } : {}) };
}

export function sendGraphError(ctx: Ctx, spec: GraphErrorSpec, token?: string): void {
  sendJson(ctx, spec.status ?? 400, graphErrorBody(spec), usageHeader(ctx, token));
}

export function sendGraphJson(ctx: Ctx, value: unknown, token: string | undefined): void {
  sendJson(ctx, 200, value, usageHeader(ctx, token));
}
