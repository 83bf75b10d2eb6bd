import type { Comment, CommentPost } from '../../../src-shared/comments';

/** Threads shown at first and added by "Show older comments": a busy account has thousands. */
export const COMMENTS_PAGE = 100;

/** New to the user: unread, and not the account's own (its own are never new). */
export const isUnread = (comment: Comment): boolean => !comment.read && !comment.own;

/** A thread's comment and replies that "Mark thread read" (or unread) changes: never the account's own. */
export function threadMarkable(thread: Comment, read: boolean): string[] {
  return [thread, ...thread.replies].filter((c) => !c.own && c.read !== read).map((c) => c.id);
}

/** The threads on one post, headed by its thumbnail and caption. */
export interface PostGroup {
  igMediaId: string;
  accountId: string;
  post: CommentPost | undefined;
  threads: Comment[];
}

/** Threads (newest first) grouped by post; a post comes where its newest thread does. */
export function groupByPost(threads: readonly Comment[]): PostGroup[] {
  const groups = new Map<string, PostGroup>();
  for (const thread of threads) {
    const group = groups.get(thread.igMediaId);
    if (group) group.threads.push(thread);
    else groups.set(thread.igMediaId, { igMediaId: thread.igMediaId, accountId: thread.accountId, post: thread.post, threads: [thread] });
  }
  return [...groups.values()];
}

/**
 * Why a comment cannot be replied to, in Instagram's rule, or null when it can: replies go to top-level
 * comments only, never to a hidden one, and not while the post's comments are off.
 */
export function replyBlocked(comment: Comment, isReply: boolean): string | null {
  if (isReply) return 'Instagram only takes replies to a top-level comment.';
  if (comment.hidden) return 'Instagram does not take replies to a hidden comment. Unhide it to reply.';
  if (comment.post?.commentsEnabled === false) return 'Comments are off for this post. Turn them on to reply.';
  return null;
}

/** A caption's first line, cut to fit beside the thumbnail. */
export function captionLine(caption: string | null | undefined, max = 80): string {
  const first = (caption ?? '').split('\n')[0]!.trim();
  if (!first) return 'Post without a caption';
  return first.length > max ? `${first.slice(0, max - 1)}…` : first;
}
