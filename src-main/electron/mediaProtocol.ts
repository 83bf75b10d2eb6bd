import { pathToFileURL } from 'node:url';
import type { Protocol, Session } from 'electron';
import { MEDIA_SCHEME, MEDIA_SCHEME_HOST, parseMediaPreview } from '../../src-shared/mediaPreview';
import type { PostdeckApp } from '../app/types';

/**
 * Before `ready`: the media scheme is standard (real origins and paths) and secure (as https: for the
 * page's mixed-content rules), so the renderer's <img> can load it under the page's CSP.
 */
export function registerMediaScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([{ scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/**
 * The answer to one `postdeck-media://media/<mediaId>/<variant>` request: the library's picture read from
 * disk by `readFile`, 404 for any other address or an unknown id, 500 when the picture cannot be made.
 */
export async function mediaSchemeResponse(
  url: string,
  app: Pick<PostdeckApp, 'mediaPreview'>,
  readFile: (fileUrl: string) => Promise<Response>,
): Promise<Response> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return new Response(null, { status: 404 });
  }
  const preview = parsed.protocol === `${MEDIA_SCHEME}:` && parsed.host === MEDIA_SCHEME_HOST ? parseMediaPreview(parsed.pathname.slice(1), parsed.searchParams) : null;
  if (!preview) return new Response(null, { status: 404 });
  const result = await app.mediaPreview(preview);
  if (!result.ok) return new Response(null, { status: result.error.code === 'media_not_found' ? 404 : 500 });
  const file = await readFile(pathToFileURL(result.value.path).href);
  const headers = new Headers({ 'content-type': result.value.contentType, 'x-content-type-options': 'nosniff', 'cache-control': 'private, max-age=86400, immutable' });
  return new Response(file.body, { status: file.status, headers });
}

/**
 * Serves the media scheme in the app's own session only: the sign-in popup's sessions are separate
 * partitions, so an Instagram page there cannot reach the library. Returns the undo.
 */
export function serveMediaScheme(session: Pick<Session, 'protocol'>, app: Pick<PostdeckApp, 'mediaPreview'>, readFile: (fileUrl: string) => Promise<Response>): () => void {
  session.protocol.handle(MEDIA_SCHEME, (request) => mediaSchemeResponse(request.url, app, readFile));
  return () => session.protocol.unhandle(MEDIA_SCHEME);
}
