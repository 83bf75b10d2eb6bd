/** `GET|HEAD /media/<secret>`: a file hosted by `Sandbox.hostMedia`, else a bare 404 that tells nothing. */
import { send, type Ctx } from '../http';

export function serveHostedMedia(ctx: Ctx): void {
  const file = ctx.world.mediaHost.fetch(ctx.rawPath);
  if (!file) return send(ctx, 404, 'text/plain; charset=utf-8', 'Not found');
  send(ctx, 200, file.contentType, file.bytes, { 'x-content-type-options': 'nosniff' });
}
