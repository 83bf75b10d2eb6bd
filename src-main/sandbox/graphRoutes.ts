/** The graph.instagram.com route chain: each domain's routes in turn; anything else is an unsupported request. */
import { paramError, unsupportedRequest } from './errors';
import { profileAndTokenRoutes } from './graph/routes';
import { bearer, sendGraphError, type GraphRouter } from './graphHttp';
import { HttpError, type Ctx } from './http';
import { publishingRoutes } from './publishing/routes';
import { insightsRoutes } from './insights/routes';
import { commentsRoutes } from './comments/routes';
import { messagingRoutes } from './messaging/routes';

const ROUTERS: readonly GraphRouter[] = [profileAndTokenRoutes, publishingRoutes, insightsRoutes, commentsRoutes, messagingRoutes];

export async function handleGraph(ctx: Ctx): Promise<void> {
  for (const router of ROUTERS) {
    const handler = router(ctx);
    if (!handler) continue;
    try {
      return await handler();
    } catch (error) {
      // A malformed form body: Instagram answers a parameter error.
      if (error instanceof HttpError) return sendGraphError(ctx, paramError(error.message), bearer(ctx));
      throw error;
    }
  }
  sendGraphError(ctx, unsupportedRequest(ctx.method, ctx.path));
}
