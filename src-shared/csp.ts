import { MEDIA_SCHEME } from './mediaPreview';

/**
 * Where the page may load pictures from, and nothing else: its own origin (the browser host's media route),
 * data: and blob: (avatars, a file's preview before it is imported), the desktop's media scheme, Instagram's
 * CDNs (media and profile pictures), and the Sandbox, which always listens on loopback at a port of its choosing.
 */
export const IMAGE_SOURCES = ["'self'", 'data:', 'blob:', `${MEDIA_SCHEME}:`, 'https://*.cdninstagram.com', 'https://*.fbcdn.net', 'http://127.0.0.1:*'] as const;

/**
 * Where the page may play video from: the library's videos only, on the browser host's own media route or the
 * desktop's media scheme. A linked video (the user's own host, any https address) is not played: unlike
 * Instagram's CDNs for pictures, no fixed list of hosts can name them, so it is shown as a placeholder.
 */
export const MEDIA_SOURCES = ["'self'", `${MEDIA_SCHEME}:`] as const;

/**
 * The renderer's Content-Security-Policy. Both hosts send it as a header, and src-renderer/index.html
 * carries the same text in its meta tag (a unit test keeps the two identical).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  `img-src ${IMAGE_SOURCES.join(' ')}`,
  `media-src ${MEDIA_SOURCES.join(' ')}`,
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Whether the page may show a picture from this absolute address (an Instagram or Sandbox media URL);
 * the page's own routes and local previews are the renderer's to build, so they are not asked about here.
 */
export function isAllowedImageUrl(address: string): boolean {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (url.protocol === 'http:') return url.hostname === '127.0.0.1';
  if (url.protocol !== 'https:' || url.port !== '') return false;
  return ['cdninstagram.com', 'fbcdn.net'].some((domain) => url.hostname.endsWith(`.${domain}`));
}
