import { Readable } from 'node:stream';
import type { Protocol, Session } from 'electron';
import { MEDIA_SCHEME, MEDIA_SCHEME_HOST, parseMediaPreview } from '../../src-shared/mediaPreview';
import type { PostdeckApp } from '../app/types';
import { byteRange, byteRangeHeaders, byteRangeStream } from '../config/byteRange';

/**
 * Before `ready`: the media scheme is standard (real origins and paths) and secure (as https: for the
 * page's mixed-content rules), so the renderer's <img> can load it under the page's CSP; `stream` lets a
 * <video> play from it (Chromium only sends media requests with ranges to a streaming scheme).
 */
export function registerMediaScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([{ scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }]);
}

/**
 * The answer to one `postdeck-media://media/<mediaId>/<variant>` request: the library's picture or video,
 * streamed from disk by byte range (a <video> seeks with `Range`), 404 for any other address or an unknown
 * id, 500 when the picture cannot be made.
 */
export async function mediaSchemeResponse(request: Pick<Request, 'url' | 'headers'>, app: Pick<PostdeckApp, 'mediaPreview'>): Promise<Response> {
  let parsed: URL;
  try {
    parsed = new URL(request.url);
  } catch {
    return new Response(null, { status: 404 });
  }
  const preview = parsed.protocol === `${MEDIA_SCHEME}:` && parsed.host === MEDIA_SCHEME_HOST ? parseMediaPreview(parsed.pathname.slice(1), parsed.searchParams) : null;
  if (!preview) return new Response(null, { status: 404 });
  const result = await app.mediaPreview(preview);
  if (!result.ok) return new Response(null, { status: result.error.code === 'media_not_found' ? 404 : 500 });
  const { path, contentType, bytes } = result.value;
  const range = byteRange(request.headers.get('range'), bytes);
  const headers = new Headers({ ...byteRangeHeaders(range, bytes), 'content-type': contentType, 'x-content-type-options': 'nosniff', 'cache-control': 'private, max-age=86400, immutable' });
  if (range.status === 416) return new Response(null, { status: 416, headers });
  const body = Readable.toWeb(byteRangeStream(path, range)) as ReadableStream<Uint8Array>;
  return new Response(body, { status: range.status, headers });
}

/**
 * Serves the media scheme in the app's own session only: the sign-in popup's sessions are separate
 * partitions, so an Instagram page there cannot reach the library. Returns the undo.
 */
export function serveMediaScheme(session: Pick<Session, 'protocol'>, app: Pick<PostdeckApp, 'mediaPreview'>): () => void {
  session.protocol.handle(MEDIA_SCHEME, (request) => mediaSchemeResponse(request, app));
  return () => session.protocol.unhandle(MEDIA_SCHEME);
}
