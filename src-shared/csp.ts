/**
 * The renderer's Content-Security-Policy. Both hosts send it as a header, and src-renderer/index.html
 * carries the same text in its meta tag (a unit test keeps the two identical).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob: https:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
