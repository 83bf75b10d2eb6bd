/** The graph.instagram.com route chain: each domain's routes in turn; anything else is an unsupported request. */
import { unsupportedRequest } from './errors';
import { profileAndTokenRoutes } from './graph/routes';
import { sendGraphError, type GraphRouter } from './graphHttp';
import type { Ctx } from './http';

const ROUTERS: readonly GraphRouter[] = [profileAndTokenRoutes];

export async function handleGraph(ctx: Ctx): Promise<void> {
  for (const router of ROUTERS) {
    const handler = router(ctx);
    if (handler) return handler();
  }
  sendGraphError(ctx, unsupportedRequest(ctx.method, ctx.path));
}
