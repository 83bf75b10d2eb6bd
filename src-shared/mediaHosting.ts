import { z } from 'zod';

/**
 * Settings → Media hosting: where Instagram fetches a post's media from (instagram-platform.md §6:
 * Instagram Login has no upload API, Meta cURLs a public URL). Shared so the renderer validates the
 * same way the main process does.
 */

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Loopback hosts never face the internet, so plain http is allowed there (tests, local checks). */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname.toLowerCase());
}

/** The address as a URL, or null when it is none: a schema's check must answer, never throw. */
function urlOrNull(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/** An address Instagram may fetch from: https, or http on a loopback host. */
export function isAllowedMediaAddress(value: string): boolean {
  const url = urlOrNull(value);
  if (!url) return false;
  if (url.username || url.password) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
}

/** Why Instagram could not fetch a pasted address, as a sentence, or null when it can. */
export function mediaUrlProblem(value: string): string | null {
  const text = value.trim();
  if (!text) return 'Paste the public address of the image or video.';
  if (!URL.canParse(text)) return 'This is not a web address; it should start with https://.';
  return isAllowedMediaAddress(text) ? null : 'Instagram fetches media only from https:// addresses.';
}

const HTTPS_RULE = 'Use an https:// address (plain http:// only for 127.0.0.1 or localhost).';

const mediaAddress = z.string().trim().refine(isAllowedMediaAddress, HTTPS_RULE);

export const s3HostingSchema = z.object({
  kind: z.literal('s3'),
  /** e.g. https://s3.eu-west-1.amazonaws.com, https://<account>.r2.cloudflarestorage.com, https://s3.us-west-004.backblazeb2.com */
  endpoint: mediaAddress,
  region: z.string().trim().min(1).max(64),
  // S3's own bucket-name rules (3–63 characters, lowercase, digits, dots, hyphens).
  bucket: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'Bucket names are 3–63 lowercase letters, digits, dots or hyphens.'),
  accessKeyId: z.string().trim().min(1).max(256),
  secretAccessKey: z.string().min(1).max(256),
  /** Path-style URLs (endpoint/bucket/key) for MinIO and other servers without per-bucket host names. */
  forcePathStyle: z.boolean().optional(),
});

export const tunnelHostingSchema = z.object({
  kind: z.literal('tunnel'),
  /** The local port the user's tunnel (cloudflared, ngrok, Tailscale Funnel) forwards to. */
  localPort: z.number().int().min(1024).max(65535),
  // Zod runs this check even after mediaAddress refused the value (an empty one, say), so it must not assume a URL.
  publicBaseUrl: mediaAddress.refine((value) => {
    const url = urlOrNull(value);
    return url === null || (url.search === '' && url.hash === '');
  }, 'The public address is a base: no ? or # part.'),
});

export const noHostingSchema = z.object({ kind: z.literal('none') });

/** Input of `settings.setMediaHosting`: for a bucket, a missing secret key keeps the stored one (it is never shown to be retyped). */
export const mediaHostingInputSchema = z.discriminatedUnion('kind', [
  s3HostingSchema.extend({ secretAccessKey: s3HostingSchema.shape.secretAccessKey.optional() }),
  tunnelHostingSchema,
  noHostingSchema,
]);
export type MediaHostingInput = z.infer<typeof mediaHostingInputSchema>;
export type S3HostingSettings = z.infer<typeof s3HostingSchema>;
export type TunnelHostingSettings = z.infer<typeof tunnelHostingSchema>;

/** What the renderer is shown: everything but the secret key, which never leaves the vault. */
export type MediaHostingView =
  | (Omit<S3HostingSettings, 'secretAccessKey'> & { secretStored: boolean })
  | TunnelHostingSettings
  | { kind: 'none' };

/** The view as a schema, for the channel table's output check. */
export const mediaHostingViewSchema: z.ZodType<MediaHostingView> = z.union([
  s3HostingSchema.omit({ secretAccessKey: true }).extend({ secretStored: z.boolean() }),
  tunnelHostingSchema,
  noHostingSchema,
]);
