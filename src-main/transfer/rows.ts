import { z } from 'zod';
import { mediaItemSchema } from '../../src-shared/media';
import { HEALTH_REASONS } from '../../src-shared/models';
import { createPostInput, POST_KINDS, POST_STATUSES } from '../../src-shared/posts';
import { messageImageUrl } from '../../src-shared/messages';
import { PUBLISH_STEPS } from '../db/postsRepo';

/**
 * What an export's rows may hold, column by column, from the same enums and schemas the app reads them with.
 * The seal proves a file came from a Postdeck passphrase, not that its rows are sane: a row this app could
 * not read back (a post with status `pwned`) is refused before anything is written. Columns added by a later
 * migration are optional, so an older export still imports and they take their defaults.
 */
const id = z.string().regex(/^[\w-]{1,100}$/);
const epochMs = z.number().int().nonnegative().max(8.64e15);
const count = z.number().int().nonnegative();
const environment = z.enum(['sandbox', 'live']);
const publishMode = z.enum(['automatic', 'manual']);

/** A JSON column: text that parses to what `schema` takes. */
function jsonText<T extends z.ZodType>(schema: T) {
  return z.string().refine((text) => {
    try {
      return schema.safeParse(JSON.parse(text)).success;
    } catch {
      return false;
    }
  }, 'holds JSON this Postdeck cannot read');
}

const postError = z.object({ code: z.string(), message: z.string(), action: z.string() }).strict();

const mediaConversion = z.object({
  state: z.enum(['pending', 'done', 'failed']),
  reasons: z.array(z.object({ code: z.string(), change: z.string(), message: z.string() })),
  target: z.object({ frameRate: z.number().positive().nullable(), maxVideoBitrate: z.number().positive() }),
});

/**
 * A video's conversion travels without its converted file, which is made again from the original on this
 * computer: a finished one arrives pending. A failed one stays failed, with its reason.
 */
const conversionColumn = jsonText(mediaConversion)
  .transform((text) => {
    const conversion = JSON.parse(text) as z.infer<typeof mediaConversion> & { file?: string; bytes?: number };
    if (conversion.state !== 'done') return text;
    const { file: _file, bytes: _bytes, ...rest } = conversion;
    return JSON.stringify({ ...rest, state: 'pending' });
  })
  .nullable()
  .optional();

export const accountRow = z.object({
  id,
  environment,
  ig_user_id: z.string().min(1).max(100),
  app_scoped_id: z.string().max(100).nullable(),
  username: z.string().min(1).max(100),
  name: z.string().max(1000).nullable(),
  account_type: z.enum(['BUSINESS', 'MEDIA_CREATOR']),
  picture_url: z.string().max(4000).nullable(),
  followers_count: count.nullable().optional(),
  media_count: count.nullable().optional(),
  scopes: jsonText(z.array(z.string())),
  consent_at: epochMs,
  connected_at: epochMs,
  updated_at: epochMs,
  token_issued_at: epochMs,
  token_expires_at: epochMs,
  last_refresh_at: epochMs.nullable(),
  health_state: z.enum(['healthy', 'expiring_soon', 'unhealthy']),
  health_reason: z.enum(HEALTH_REASONS).nullable(),
  health_checked_at: epochMs.nullable(),
  health_notified: z.union([z.literal(0), z.literal(1)]),
  refresh_failures: count,
  next_attempt_at: epochMs.nullable(),
  default_mode: publishMode.optional(),
  messages_enabled: z.union([z.literal(0), z.literal(1)]).optional(),
});

export const mediaRow = z.object({
  id,
  kind: mediaItemSchema.shape.kind,
  original_name: z.string().max(1000),
  stored_file: z.string().max(200),
  mime: z.enum(['image/jpeg', 'image/png', 'image/webp', 'video/mp4', 'video/quicktime', 'video/webm', 'video/x-matroska', 'video/x-msvideo']),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  bytes: count,
  duration_ms: count.nullable(),
  codec: z.string().max(100).nullable(),
  warnings: jsonText(mediaItemSchema.shape.warnings),
  conversion: conversionColumn,
  created_at: epochMs,
});

const hostedItem = z.object({ itemIndex: count, url: z.string(), ref: z.string().optional() }).strict();

export const postRow = z.object({
  id,
  /** Null for a draft saved as an idea. */
  account_id: z.string().nullable(),
  environment,
  kind: z.enum(POST_KINDS),
  caption: createPostInput.shape.caption,
  media: jsonText(createPostInput.shape.media),
  alt_text: z.string().max(1000).nullable(),
  first_comment: z.string().max(2200).nullable(),
  reel_cover: jsonText(createPostInput.shape.reelCover.unwrap()).nullable().optional(),
  mode: publishMode,
  status: z.enum(POST_STATUSES),
  pending_reason: z.enum(['manual_mode', 'missed_slot']).nullable(),
  scheduled_at: epochMs.nullable(),
  step: z.enum(PUBLISH_STEPS).nullable(),
  container_id: z.string().max(100).nullable(),
  children: jsonText(z.array(z.string())).nullable(),
  hosted: jsonText(z.array(hostedItem)).nullable(),
  publish_requested_at: epochMs.nullable(),
  published_at: epochMs.nullable(),
  ig_media_id: z.string().max(100).nullable(),
  permalink: z.string().max(4000).nullable(),
  error: jsonText(postError).nullable(),
  retry_at: epochMs.nullable(),
  first_comment_error: jsonText(postError).nullable(),
  created_at: epochMs,
  updated_at: epochMs,
});

/** Instagram's conversation and message ids: opaque, URL-safe text. */
const opaqueId = z.string().regex(/^[\w=-]{1,300}$/);
const isoTime = z.string().datetime();

export const conversationRow = z.object({
  id: opaqueId,
  account_id: id,
  other_id: z.string().min(1).max(100),
  username: z.string().max(100),
  picture_url: z.string().max(4000).nullable(),
  last_message_at: isoTime,
  last_incoming_at: isoTime.nullable(),
  read_through: isoTime.nullable(),
  /** When Instagram refused a reply as outside its 24 hours (absent from exports made before it was kept). */
  reply_closed_at: isoTime.nullable().optional(),
  fetched_at: epochMs,
});

export const directMessageRow = z.object({
  id: opaqueId,
  conversation_id: opaqueId,
  account_id: id,
  from_me: z.union([z.literal(0), z.literal(1)]),
  text: z.string().max(10_000),
  /** A picture sent by link (absent from exports made before pictures could be sent). */
  image_url: messageImageUrl.nullable().optional(),
  at: isoTime,
});

export const attemptRow = z.object({
  at: epochMs,
  step: z.string().max(100),
  outcome: z.enum(['ok', 'retry', 'failed', 'info']),
  detail: z.string().max(10_000),
  ig_code: z.number().int().nullable(),
  ig_subcode: z.number().int().nullable(),
});
