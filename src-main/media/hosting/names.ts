import { randomBytes } from 'node:crypto';

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'video/mp4': '.mp4',
  'video/quicktime': '.mov',
};

/**
 * An unguessable, US-ASCII file name: 256 random bits, base64url. The extension is a courtesy to
 * fetchers that look at it; the random part is the only secret protecting the file.
 */
export function unguessableName(contentType: string): string {
  return randomBytes(32).toString('base64url') + (EXTENSIONS[contentType] ?? '');
}
