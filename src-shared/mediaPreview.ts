/**
 * Pictures of the media library for the renderer: a small thumbnail for lists, a larger picture for the
 * composer and a post's page, single frames of a video (a Reel's cover), and a video itself to play in a
 * preview. The desktop app serves them on its own scheme, the browser host on an API route; both read the
 * same `<mediaId>/<variant>[?at=ms]`.
 */

/** The desktop app's privileged scheme: postdeck-media://media/<mediaId>/<variant>. */
export const MEDIA_SCHEME = 'postdeck-media';
export const MEDIA_SCHEME_HOST = 'media';
/** The browser host's route: /api/media/<mediaId>/<variant>. */
export const MEDIA_ROUTE = '/api/media/';

export const PREVIEW_VARIANTS = ['thumb', 'large', 'frame'] as const;
export type PreviewVariant = (typeof PREVIEW_VARIANTS)[number];

/** The longest side, in pixels, of each variant (a frame is a cover candidate, shown small). */
export const PREVIEW_MAX_SIDE: Record<PreviewVariant, number> = { thumb: 480, large: 1080, frame: 480 };

/** Frames are asked for on this grid, so a scrubber dragged across a video makes a bounded number of pictures. */
export const FRAME_STEP_MS = 100;
/** A Reel is at most 15 minutes. */
const MAX_FRAME_MS = 15 * 60_000;

/** `link`: the picture of a pasted address, made by `media.linkPreview` and named by its id. */
export type MediaPreview =
  | { mediaId: string; variant: 'thumb' | 'large' }
  | { mediaId: string; variant: 'frame'; atMs: number }
  | { mediaId: string; variant: 'video' }
  | { mediaId: string; variant: 'link' };

/**
 * A media id as the library makes them (a UUID) or tests name them: letters, digits and dashes only, so
 * it can never climb out of the media folder or name a hidden file.
 */
const MEDIA_ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,99}$/;

export function isMediaId(value: string): boolean {
  return MEDIA_ID.test(value);
}

/** `<mediaId>/<variant>` with `?at=` for a frame; the tail of either host's address. */
export function mediaPreviewPath(preview: MediaPreview): string {
  const base = `${encodeURIComponent(preview.mediaId)}/${preview.variant}`;
  return preview.variant === 'frame' ? `${base}?at=${snapFrameMs(preview.atMs)}` : base;
}

export function snapFrameMs(atMs: number): number {
  return Math.min(MAX_FRAME_MS, Math.max(0, Math.round(atMs / FRAME_STEP_MS) * FRAME_STEP_MS));
}

/**
 * What a request asks for, from the path after the host's prefix and the query; null for anything that is
 * not exactly one media id and one known variant (a frame also needs a whole number of milliseconds).
 */
export function parseMediaPreview(tail: string, query: URLSearchParams): MediaPreview | null {
  const parts = tail.split('/');
  if (parts.length !== 2) return null;
  const [rawId, variant] = parts as [string, string];
  let mediaId: string;
  try {
    mediaId = decodeURIComponent(rawId);
  } catch {
    return null;
  }
  if (!isMediaId(mediaId)) return null;
  if (variant === 'thumb' || variant === 'large' || variant === 'video' || variant === 'link') return { mediaId, variant };
  if (variant !== 'frame') return null;
  const at = query.get('at') ?? '';
  if (!/^\d{1,7}$/.test(at) || Number(at) > MAX_FRAME_MS) return null;
  return { mediaId, variant, atMs: snapFrameMs(Number(at)) };
}
