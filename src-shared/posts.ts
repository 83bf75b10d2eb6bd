import { z } from 'zod';
import { igMediaSchema } from './insights';
import type { AspectFit } from './publishingRules';

/** Posts as the renderer, the CLI and the hidden checks see them. Plain data, no tokens. */
export const POST_KINDS = ['image', 'reel', 'carousel'] as const;
export type PostKind = (typeof POST_KINDS)[number];

export const POST_STATUSES = ['draft', 'scheduled', 'pending_manual', 'publishing', 'published', 'failed', 'held'] as const;
export type PostStatus = (typeof POST_STATUSES)[number];

export type PublishMode = 'automatic' | 'manual';

/**
 * A slot in the minute just gone still counts as now (the picker has minutes; pressing Schedule takes
 * a moment). Earlier than that it has passed.
 */
export const SLOT_SLACK_MS = 60_000;

export function isPastSlot(at: number, now: number): boolean {
  return at < now - SLOT_SLACK_MS;
}

/** Two years (a leap day included): a slot further ahead is a typing slip (year 275760), not a plan. */
export const SLOT_HORIZON_MS = 731 * 24 * 60 * 60_000;

export function isBeyondHorizon(at: number, now: number): boolean {
  return at > now + SLOT_HORIZON_MS;
}

/** A media item: a public URL the user pasted, or a file imported into Postdeck's media folder. */
/** A Reel's cover: a moment of the video, or a photo from the media library (made into the video's shape). */
export type ReelCover = { offsetMs: number } | { mediaId: string };

/**
 * `fit`: how an imported photo outside Instagram's 4:5–1.91:1 is brought into range (default crop).
 * `altText`: this photo's description (a carousel's slides each have their own); never sent for videos.
 */
export type PostMediaRef = ({ url: string } | { mediaId: string; fit?: AspectFit }) & { altText?: string };

export type PublishProgress = 'uploading' | 'processing' | 'publishing';

export interface PostError {
  code: string;
  message: string;
  action: string;
}

/** One line of a post's attempt log: what Postdeck did, when, and what Instagram answered. */
export interface PostAttempt {
  at: string;
  step: string;
  outcome: 'ok' | 'retry' | 'failed' | 'info';
  detail: string;
  instagramCode?: number;
  instagramSubcode?: number;
}

export interface Post {
  id: string;
  accountId: string;
  kind: PostKind;
  caption: string;
  media: PostMediaRef[];
  altText: string | null;
  firstComment: string | null;
  /** Reels only; null: Instagram picks a frame. */
  reelCover: ReelCover | null;
  mode: PublishMode;
  status: PostStatus;
  scheduledAt: string | null;
  publishedAt: string | null;
  igMediaId: string | null;
  permalink: string | null;
  /** Why the post is held or failed, and what fixes it. */
  error: PostError | null;
  /** `missed_slot` when the app was closed at the slot and the post waits for approval. */
  pendingReason: 'manual_mode' | 'missed_slot' | null;
  /** When a held post will try again by itself (quota frees up), if known. */
  retryAt: string | null;
  /** While publishing: putting the media online, Instagram processing it, or the publish itself. */
  progress: PublishProgress | null;
  firstCommentError: PostError | null;
  attempts: PostAttempt[];
  createdAt: string;
  updatedAt: string;
}

const isoTime = z.string().refine((value) => !Number.isNaN(Date.parse(value)) && /T/.test(value), 'An ISO date-time with a time zone, e.g. 2026-12-01T09:00:00Z.');
const altText = z.string().max(1000);
const mediaRef = z.union([
  z.object({ url: z.string().trim().min(1).max(2000), altText: altText.optional() }).strict(),
  z.object({ mediaId: z.string().min(1).max(100), fit: z.enum(['crop', 'pad']).optional(), altText: altText.optional() }).strict(),
]);

const postFields = {
  caption: z.string().max(10_000),
  media: z.array(mediaRef).min(1).max(10),
  /** The first photo's alt text, for callers that predate per-item `altText`; an item's own wins. */
  altText: altText.optional(),
  firstComment: z.string().max(2200).optional(),
  mode: z.enum(['automatic', 'manual']).optional(),
  scheduledAt: isoTime.optional(),
  reelCover: z.union([z.object({ offsetMs: z.number().int().min(0).max(15 * 60_000) }).strict(), z.object({ mediaId: z.string().min(1).max(100) }).strict()]).optional(),
};

/** `kind: 'story'` passes the schema so that it can be refused by name (`stories_not_supported`). */
export const createPostInput = z
  .object({ accountId: z.string().uuid(), kind: z.enum([...POST_KINDS, 'story']), ...postFields })
  .strict();

export const updatePostInput = z
  .object({
    postId: z.string().uuid(),
    caption: postFields.caption.optional(),
    media: postFields.media.optional(),
    altText: postFields.altText.nullable(),
    firstComment: postFields.firstComment.nullable(),
    reelCover: postFields.reelCover.nullable(),
    mode: postFields.mode,
    scheduledAt: isoTime.nullable().optional(),
  })
  .strict();

export type CreatePostInput = z.infer<typeof createPostInput>;
export type UpdatePostInput = z.infer<typeof updatePostInput>;

const postError = z.object({ code: z.string(), message: z.string(), action: z.string() });

export const postSchema: z.ZodType<Post> = z.object({
  id: z.string(),
  accountId: z.string(),
  kind: z.enum(POST_KINDS),
  caption: z.string(),
  media: z.array(mediaRef),
  altText: z.string().nullable(),
  firstComment: z.string().nullable(),
  reelCover: postFields.reelCover.unwrap().nullable(),
  mode: z.enum(['automatic', 'manual']),
  status: z.enum(POST_STATUSES),
  scheduledAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  igMediaId: z.string().nullable(),
  permalink: z.string().nullable(),
  error: postError.nullable(),
  pendingReason: z.enum(['manual_mode', 'missed_slot']).nullable(),
  retryAt: z.string().nullable(),
  progress: z.enum(['uploading', 'processing', 'publishing']).nullable(),
  firstCommentError: postError.nullable(),
  attempts: z.array(
    z.object({
      at: z.string(),
      step: z.string(),
      outcome: z.enum(['ok', 'retry', 'failed', 'info']),
      detail: z.string(),
      instagramCode: z.number().optional(),
      instagramSubcode: z.number().optional(),
    }),
  ),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const postId = z.object({ postId: z.string().uuid() }).strict();

/** The posts channels, merged into the one table in ipc.ts. */
export const postChannels = {
  'posts.create': { input: createPostInput, output: postSchema },
  'posts.update': { input: updatePostInput, output: postSchema },
  'posts.get': { input: postId, output: postSchema },
  'posts.list': {
    input: z.object({ status: z.enum(POST_STATUSES).optional(), accountId: z.string().uuid().optional() }).strict(),
    output: z.array(postSchema),
  },
  'posts.approve': { input: postId, output: postSchema },
  'posts.publishNow': { input: postId, output: postSchema },
  'posts.cancel': { input: postId, output: postSchema },
  'posts.delete': { input: postId, output: z.object({ deleted: z.literal(true) }) },
  /** A published post whose Instagram media Postdeck could not identify: the account's media that could be it. */
  'posts.mediaChoices': { input: postId, output: z.array(igMediaSchema) },
  /** The user says which Instagram media is the post; its first comment is posted there. */
  'posts.postFirstComment': { input: z.object({ postId: z.string().uuid(), igMediaId: z.string().regex(/^[0-9]{1,25}$/) }).strict(), output: postSchema },
} as const;

/** Published, its Instagram media unidentified, its first comment waiting for the user to say which media it is. */
export function awaitsMediaChoice(post: Pick<Post, 'status' | 'igMediaId' | 'firstComment' | 'firstCommentError'>): boolean {
  return post.status === 'published' && post.igMediaId === null && post.firstComment !== null && post.firstCommentError?.code === 'first_comment_media_unknown';
}
