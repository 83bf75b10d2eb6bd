/** The comments inbox contract, and the channel for the usage Settings shows (its shape is in usage.ts). */
import { z } from 'zod';
import { usageSchema } from './usage';

export interface Comment {
  id: string;
  accountId: string;
  igMediaId: string;
  text: string;
  username: string;
  /** ISO time Instagram gives for the comment. */
  timestamp: string;
  hidden: boolean;
  /** Postdeck's own: set when the user opens or marks it, never by showing it. The account's own comments are always read. */
  read: boolean;
  /** Written by the account itself (its replies): never new, and Instagram does not let it be hidden. */
  own: boolean;
  /** Oldest first; a reply has none of its own (Instagram threads one level deep). */
  replies: Comment[];
  /** The post it is on, as the last poll saw it (top-level comments only; absent before the media was polled). */
  post?: CommentPost;
}

export interface CommentPost {
  caption: string | null;
  thumbnailUrl: string | null;
  permalink: string | null;
  commentsEnabled: boolean;
}

const commentFields = {
  id: z.string(),
  accountId: z.string(),
  igMediaId: z.string(),
  text: z.string(),
  username: z.string(),
  timestamp: z.string(),
  hidden: z.boolean(),
  read: z.boolean(),
  own: z.boolean(),
};
const commentPostSchema = z.object({ caption: z.string().nullable(), thumbnailUrl: z.string().nullable(), permalink: z.string().nullable(), commentsEnabled: z.boolean() });
export const commentSchema: z.ZodType<Comment> = z.object({
  ...commentFields,
  replies: z.array(z.object({ ...commentFields, replies: z.array(z.never()) })),
  post: commentPostSchema.optional(),
});

const accountId = z.string().uuid();
const commentId = z.string().regex(/^[0-9]{1,25}$/);
const ok = z.object({ ok: z.literal(true) });
/** A Postdeck post, or any of the account's Instagram media (the inbox covers media published elsewhere too). */
const postOrMediaId = z.union([z.string().uuid(), z.string().regex(/^[0-9]{1,25}$/)]);

/** Merged into the one table in ipc.ts. */
export const commentsChannels = {
  /** The inbox, newest first; `limit` keeps the answer to the threads shown (the screen asks a page at a time). */
  'comments.list': {
    input: z
      .object({ accountId: accountId.optional(), postId: postOrMediaId.optional(), unreadOnly: z.boolean().optional(), limit: z.number().int().min(1).max(10_000).optional() })
      .strict(),
    output: z.array(commentSchema),
  },
  /** Polls now (one account, or every account of the current mode). */
  'comments.refresh': { input: z.object({ accountId: accountId.optional() }).strict(), output: z.object({ refreshed: z.number() }) },
  'comments.reply': { input: z.object({ commentId, message: z.string().trim().min(1).max(2200) }).strict(), output: commentSchema },
  'comments.hide': { input: z.object({ commentId, hidden: z.boolean() }).strict(), output: ok },
  'comments.delete': { input: z.object({ commentId }).strict(), output: ok },
  'comments.setEnabled': { input: z.object({ postId: postOrMediaId, enabled: z.boolean() }).strict(), output: ok },
  /** Mark read or unread (a comment, or a thread with its replies); the account's own comments stay read. */
  'comments.setRead': { input: z.object({ commentIds: z.array(commentId).max(10_000), read: z.boolean() }).strict(), output: z.object({ changed: z.number() }) },
  /** Unread comments and replies (one account, or every account of the current mode): the navigation's count. */
  'comments.unreadCount': { input: z.object({ accountId: accountId.optional() }).strict(), output: z.object({ unread: z.number() }) },
  'settings.getUsage': { input: z.object({}).strict(), output: usageSchema },
} as const;
