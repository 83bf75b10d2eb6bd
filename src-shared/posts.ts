import { z } from 'zod';
import { isInstagramPermalink, NOT_AN_INSTAGRAM_LINK } from './externalLinks';
import { igMediaSchema } from './insights';
import type { AspectFit } from './publishingRules';

/** Posts as the renderer, the CLI and the hidden checks see them. Plain data, no tokens. */
export const POST_KINDS = ['image', 'reel', 'carousel', 'story'] as const;
export type PostKind = (typeof POST_KINDS)[number];

export const POST_STATUSES = ['draft', 'scheduled', 'pending_manual', 'publishing', 'published', 'failed', 'held'] as const;
export type PostStatus = (typeof POST_STATUSES)[number];

/**
 * `automatic`: published at the slot. `manual`: at the slot it waits for approval. `remind`: Postdeck does not
 * publish it; at the slot it notifies and waits for the user to post it by hand and mark it posted (a Creator
 * account's Story, which Instagram publishes for Business accounts only).
 */
export const PUBLISH_MODES = ['automatic', 'manual', 'remind'] as const;
export type PublishMode = (typeof PUBLISH_MODES)[number];

export const PENDING_REASONS = ['manual_mode', 'missed_slot', 'remind'] as const;
export type PendingReason = (typeof PENDING_REASONS)[number];

/** Trial Reels go to non-followers first; `manual`: the creator graduates it in the app, `performance`: Instagram does if it performs. */
export const TRIAL_REEL_STRATEGIES = ['manual', 'performance'] as const;
export type TrialReel = (typeof TRIAL_REEL_STRATEGIES)[number];

/** A person tagged on a photo, at x and y from 0 (left, top) to 1 (right, bottom). */
export interface PhotoUserTag {
  username: string;
  x: number;
  y: number;
}

/** A person tagged on a Reel (username only) or a Story (position optional). */
export interface UserTag {
  username: string;
  x?: number;
  y?: number;
}

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
 * `userTags`: people tagged on this photo (a carousel's photos each have their own).
 */
export type PostMediaRef = ({ url: string } | { mediaId: string; fit?: AspectFit }) & { altText?: string; userTags?: PhotoUserTag[] };

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
  /** Null for a draft saved as an idea, before an account was chosen. */
  accountId: string | null;
  kind: PostKind;
  caption: string;
  media: PostMediaRef[];
  altText: string | null;
  firstComment: string | null;
  /** Reels only; null: Instagram picks a frame. */
  reelCover: ReelCover | null;
  /** Up to 3 usernames invited as collaborators (feed photos, Reels, carousels). */
  collaborators: string[];
  /** People tagged on a Reel or a Story (a photo's tags are on its media item). */
  userTags: UserTag[];
  /** Reels: also shown in the feed (Instagram's default). */
  shareToFeed: boolean;
  /** Reels: the name of the Reel's original audio. */
  audioName: string | null;
  /** Reels: published as a trial Reel, graduated by hand or by performance. */
  trialReel: TrialReel | null;
  mode: PublishMode;
  status: PostStatus;
  scheduledAt: string | null;
  publishedAt: string | null;
  igMediaId: string | null;
  permalink: string | null;
  /** Why the post is held or failed, and what fixes it. */
  error: PostError | null;
  /**
   * `missed_slot` when the app was closed at the slot and the post waits for approval; `remind` when it is the
   * user's to post by hand (then `posts.markPosted`).
   */
  pendingReason: PendingReason | null;
  /** When a held post will try again by itself (quota frees up), if known. */
  retryAt: string | null;
  /** While publishing: putting the media online, Instagram processing it, or the publish itself. */
  progress: PublishProgress | null;
  firstCommentError: PostError | null;
  attempts: PostAttempt[];
  createdAt: string;
  updatedAt: string;
  /** Grows by one with every change, so an editor can say which version it changed (`expectedVersion`). */
  version: number;
}

const isoTime = z.string().refine((value) => !Number.isNaN(Date.parse(value)) && /T/.test(value), 'An ISO date-time with a time zone, e.g. 2026-12-01T09:00:00Z.');
const altText = z.string().max(1000);
/** Names are checked (and a leading @ dropped) by the publishing rules, which refuse a bad one by name. */
const username = z.string().max(100);
/** Bounds are the publishing rules' too, so that a tag off the photo is refused with a sentence. */
const position = z.number().finite();
const photoUserTag = z.object({ username, x: position, y: position }).strict();
const userTag = z.object({ username, x: position.optional(), y: position.optional() }).strict();
/** Far above Instagram's 20 per item and 3 collaborators: those limits are refused with a sentence. */
const tagList = <T extends z.ZodType>(tag: T) => z.array(tag).max(100);
const mediaExtras = { altText: altText.optional(), userTags: tagList(photoUserTag).optional() };
const mediaRef = z.union([
  z.object({ url: z.string().trim().min(1).max(2000), ...mediaExtras }).strict(),
  z.object({ mediaId: z.string().min(1).max(100), fit: z.enum(['crop', 'pad']).optional(), ...mediaExtras }).strict(),
]);

const postFields = {
  caption: z.string().max(10_000),
  /** Empty only in a draft (an idea); scheduling or publishing needs the media. */
  media: z.array(mediaRef).max(10),
  /** The first photo's alt text, for callers that predate per-item `altText`; an item's own wins. */
  altText: altText.optional(),
  firstComment: z.string().max(2200).optional(),
  collaborators: tagList(username).optional(),
  userTags: tagList(userTag).optional(),
  shareToFeed: z.boolean().optional(),
  audioName: z.string().max(200).optional(),
  trialReel: z.enum(TRIAL_REEL_STRATEGIES).optional(),
  mode: z.enum(PUBLISH_MODES).optional(),
  scheduledAt: isoTime.optional(),
  reelCover: z.union([z.object({ offsetMs: z.number().int().min(0).max(15 * 60_000) }).strict(), z.object({ mediaId: z.string().min(1).max(100) }).strict()]).optional(),
};

/** Without `accountId` (or media) it can only be a draft: scheduling needs both. */
export const createPostInput = z.object({ accountId: z.string().uuid().optional(), kind: z.enum(POST_KINDS), ...postFields }).strict();

export const updatePostInput = z
  .object({
    postId: z.string().uuid(),
    /** The post's `version` when the editor opened it: a post changed since is refused (`post_changed`), not overwritten. */
    expectedVersion: z.number().int().positive().optional(),
    /** Only while the post has no account yet (an idea); a post keeps the account it has. */
    accountId: z.string().uuid().optional(),
    /** Only while the post is a draft. */
    kind: z.enum(POST_KINDS).optional(),
    caption: postFields.caption.optional(),
    media: postFields.media.optional(),
    altText: postFields.altText.nullable(),
    firstComment: postFields.firstComment.nullable(),
    reelCover: postFields.reelCover.nullable(),
    collaborators: postFields.collaborators,
    userTags: postFields.userTags,
    shareToFeed: postFields.shareToFeed,
    audioName: postFields.audioName.nullable(),
    trialReel: postFields.trialReel.nullable(),
    mode: postFields.mode,
    scheduledAt: isoTime.nullable().optional(),
  })
  .strict();

export type CreatePostInput = z.infer<typeof createPostInput>;
export type UpdatePostInput = z.infer<typeof updatePostInput>;

const postError = z.object({ code: z.string(), message: z.string(), action: z.string() });

export const postSchema: z.ZodType<Post> = z.object({
  id: z.string(),
  accountId: z.string().nullable(),
  kind: z.enum(POST_KINDS),
  caption: z.string(),
  media: z.array(mediaRef),
  altText: z.string().nullable(),
  firstComment: z.string().nullable(),
  reelCover: postFields.reelCover.unwrap().nullable(),
  collaborators: z.array(username),
  userTags: z.array(userTag),
  shareToFeed: z.boolean(),
  audioName: z.string().nullable(),
  trialReel: z.enum(TRIAL_REEL_STRATEGIES).nullable(),
  mode: z.enum(PUBLISH_MODES),
  status: z.enum(POST_STATUSES),
  scheduledAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  igMediaId: z.string().nullable(),
  permalink: z.string().nullable(),
  error: postError.nullable(),
  pendingReason: z.enum(PENDING_REASONS).nullable(),
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
  version: z.number(),
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
  /** A post in `remind` mode was posted by hand: it counts as published (with its Instagram link, if given). */
  'posts.markPosted': { input: z.object({ postId: z.string().uuid(), permalink: z.string().max(500).refine(isInstagramPermalink, NOT_AN_INSTAGRAM_LINK).optional() }).strict(), output: postSchema },
  'posts.publishNow': { input: postId, output: postSchema },
  'posts.cancel': { input: postId, output: postSchema },
  'posts.delete': { input: postId, output: z.object({ deleted: z.literal(true) }) },
  /** A published post whose Instagram media Postdeck could not identify: the account's media that could be it. */
  'posts.mediaChoices': { input: postId, output: z.array(igMediaSchema) },
  /** The user says which Instagram media is the post; its first comment is posted there. */
  'posts.postFirstComment': { input: z.object({ postId: z.string().uuid(), igMediaId: z.string().regex(/^[0-9]{1,25}$/) }).strict(), output: postSchema },
} as const;

/** An item's alt text as the app shows it: its own, else the post-wide one on the first item (where it applies). */
export function altTextOf(post: Pick<Post, 'media' | 'altText'>, index: number): string | null {
  return post.media[index]?.altText ?? (index === 0 ? post.altText : null);
}

/** Published, its Instagram media unidentified, its first comment waiting for the user to say which media it is. */
export function awaitsMediaChoice(post: Pick<Post, 'status' | 'igMediaId' | 'firstComment' | 'firstCommentError'>): boolean {
  return post.status === 'published' && post.igMediaId === null && post.firstComment !== null && post.firstCommentError?.code === 'first_comment_media_unknown';
}
