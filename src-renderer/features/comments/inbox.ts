import type { Comment } from '../../../src-shared/comments';

/** Threads shown at first and added by "Show older comments": a busy account has thousands. */
export const COMMENTS_PAGE = 100;

/** Every unread comment or reply in these threads: what showing them marks read. */
export function unreadIds(threads: readonly Comment[]): string[] {
  return threads.flatMap((thread) => [thread, ...thread.replies]).filter((c) => !c.read).map((c) => c.id);
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
