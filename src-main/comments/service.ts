import type { Comment } from '../../src-shared/comments';
import type { AppMode, Preferences } from '../../src-shared/models';
import type { Notifier } from '../accounts/alerts';
import type { AccountSessions, AccountUse } from '../accounts/session';
import { useAccount } from '../accounts/useAccount';
import { DAY, type Clock } from '../config/clock';
import type { EventBus } from '../config/events';
import { Failure } from '../config/failure';
import type { AccountsRepo } from '../db/accountsRepo';
import type { CommentMediaRow, CommentRow, CommentsRepo, FetchedComment } from '../db/commentsRepo';
import type { PostsRepo } from '../db/postsRepo';
import { deleteComment, hideComment, mediaComments, replyToComment, setCommentsEnabled, type IgComment, type IgReply } from '../instagram/comments';
import { INBOX_MEDIA_FIELDS, listMedia, type MediaItem } from '../instagram/media';

/** Recent media (polled every few minutes) and older media (hourly), by age. */
export const RECENT_MEDIA_MS = 7 * DAY;
export const OLDEST_POLLED_MS = 30 * DAY;
export type PollScope = 'recent' | 'older';

export interface CommentsDeps {
  repo: CommentsRepo;
  accounts: Pick<AccountsRepo, 'get' | 'list'>;
  posts: Pick<PostsRepo, 'get'>;
  sessions: Pick<AccountSessions, 'withAccount'>;
  clock: Clock;
  events: EventBus;
  mode: () => AppMode;
  preferences: () => Pick<Preferences, 'notifyNewComments'>;
  notifier?: Notifier | undefined;
}

const isoTime = (graphTime: string | undefined, fallback: number) => new Date(graphTime ? Date.parse(graphTime.replace(/\+0000$/, 'Z')) : fallback).toISOString();

/**
 * The comments inbox: polls an account's media for comments and stores them by id, and carries out
 * the user's replies, hides, deletes and comments on/off. Instagram's reply rules are checked here first, so a
 * refused reply is explained before anything is sent.
 */
export class CommentsService {
  constructor(private readonly deps: CommentsDeps) {}

  /**
   * Reads the comments of the account's media in `scope` (recent: the last 7 days; older: 7 to 30 days) and
   * replaces what was stored for each. `keepGoing` is asked between media: background polls stop when the
   * rate-limit governor says so. Returns how many comments were new.
   */
  async poll(accountId: string, scope: PollScope | 'all', keepGoing: () => boolean = () => true): Promise<number> {
    const firstPoll = this.deps.repo.countFor(accountId) === 0;
    let added = 0;
    await this.use(accountId, async (use) => {
      for (const media of await this.mediaIn(use, scope)) {
        if (!keepGoing()) break;
        const fetched = await mediaComments(use.api, media.id);
        const now = this.deps.clock.now();
        this.deps.repo.putMedia(mediaRow(accountId, media));
        added += this.deps.repo.replaceMedia(accountId, media.id, flatten(fetched, now), now, use.username);
      }
    });
    if (added > 0) {
      this.deps.events.emit('comments.changed', { accountId, newComments: added });
      // The first poll of an account finds everything it ever had: nothing to announce.
      if (!firstPoll && this.deps.preferences().notifyNewComments) {
        const username = this.deps.accounts.get(accountId)?.username ?? '';
        this.deps.notifier?.notify(added === 1 ? 'A new comment' : `${added} new comments`, `On @${username}'s posts. Open Postdeck to reply.`);
      }
    }
    return added;
  }

  /** `comments.refresh`: one account, or every healthy account of the current mode, all media up to 30 days. */
  async refresh(accountId?: string): Promise<{ refreshed: number }> {
    const ids = accountId ? [accountId] : this.currentAccounts().filter((a) => a.healthState !== 'unhealthy').map((a) => a.id);
    for (const id of ids) await this.poll(id, 'all');
    return { refreshed: ids.length };
  }

  /**
   * The inbox: top-level comments newest first, each with its replies oldest first; the newest `limit` threads
   * when given. The same answer object comes back while nothing was written, as the account list does, so a
   * host can serialize it once: the renderer asks again on every change event.
   */
  list(filter: { accountId?: string | undefined; postId?: string | undefined; unreadOnly?: boolean | undefined; limit?: number | undefined }): Comment[] {
    const accountIds = filter.accountId ? [filter.accountId] : this.currentAccounts().map((a) => a.id);
    const igMediaId = filter.postId === undefined ? undefined : this.mediaOf(filter.postId).igMediaId;
    const key = JSON.stringify([accountIds, igMediaId ?? null, filter.unreadOnly === true, filter.limit ?? null]);
    if (this.listed?.key === key && this.listed.version === this.deps.repo.version) return this.listed.threads;
    const all = this.thread(accountIds, igMediaId, filter.unreadOnly === true);
    const threads = Object.freeze(filter.limit === undefined ? all : all.slice(0, filter.limit)) as Comment[];
    this.listed = { key, version: this.deps.repo.version, threads };
    return threads;
  }

  private listed: { key: string; version: number; threads: Comment[] } | null = null;

  private thread(accountIds: string[], igMediaId: string | undefined, unreadOnly: boolean): Comment[] {
    const rows = this.deps.repo.list({ accountIds, igMediaId });
    const owners = new Map(accountIds.map((id) => [id, this.deps.accounts.get(id)?.username]));
    const view = (row: CommentRow, replies: Comment[] = []) => commentView(row, row.username === owners.get(row.accountId), replies);
    // Rows come newest first: walking them backwards files each reply under its comment oldest first.
    const replies = new Map<string, Comment[]>();
    for (let index = rows.length - 1; index >= 0; index--) {
      const { comment } = rows[index]!;
      if (!comment.parentId) continue;
      const list = replies.get(comment.parentId);
      if (list) list.push(view(comment));
      else replies.set(comment.parentId, [view(comment)]);
    }
    const threads: Comment[] = [];
    for (const { comment, media } of rows) {
      if (comment.parentId) continue;
      const thread = view(comment, replies.get(comment.id));
      if (unreadOnly && thread.read && thread.replies.every((r) => r.read)) continue;
      if (media) thread.post = { caption: media.caption, thumbnailUrl: media.thumbnailUrl, permalink: media.permalink, commentsEnabled: media.commentsEnabled };
      threads.push(thread);
    }
    return threads;
  }

  /** Replies as the account; refused first, in plain words, where Instagram would refuse. */
  async reply(commentId: string, message: string): Promise<Comment> {
    const comment = this.comment(commentId);
    if (comment.parentId) throw new Failure('reply_to_reply');
    if (comment.hidden) throw new Failure('reply_to_hidden');
    if (this.deps.repo.media(comment.igMediaId)?.commentsEnabled === false) throw new Failure('comments_disabled');
    return this.use(comment.accountId, async (use) => {
      const id = await replyToComment(use.api, commentId, message);
      const reply: CommentRow = { id, accountId: comment.accountId, igMediaId: comment.igMediaId, parentId: commentId, text: message, username: use.username, timestamp: new Date(this.deps.clock.now()).toISOString(), hidden: false, read: true };
      this.deps.repo.put(reply, this.deps.clock.now());
      // Answering a comment is reading it.
      this.deps.repo.setRead([commentId], true);
      this.deps.events.emit('comments.changed', { accountId: comment.accountId });
      return commentView(reply, true);
    });
  }

  async hide(commentId: string, hidden: boolean): Promise<{ ok: true }> {
    const comment = this.comment(commentId);
    await this.use(comment.accountId, (use) => hideComment(use.api, commentId, hidden));
    this.deps.repo.setHidden(commentId, hidden);
    this.deps.events.emit('comments.changed', { accountId: comment.accountId });
    return { ok: true };
  }

  async delete(commentId: string): Promise<{ ok: true }> {
    const comment = this.comment(commentId);
    await this.use(comment.accountId, (use) => deleteComment(use.api, commentId));
    this.deps.repo.remove(commentId);
    this.deps.events.emit('comments.changed', { accountId: comment.accountId });
    return { ok: true };
  }

  /** Comments on or off for a Postdeck post, or for any media the inbox has polled. */
  async setEnabled(postId: string, enabled: boolean): Promise<{ ok: true }> {
    const { accountId, igMediaId } = this.mediaOf(postId);
    await this.use(accountId, (use) => setCommentsEnabled(use.api, igMediaId, enabled));
    this.deps.repo.setCommentsEnabled(igMediaId, enabled);
    this.deps.events.emit('comments.changed', { accountId });
    return { ok: true };
  }

  /** Marks comments read or unread, as the user asked; the account's own comments are never unread. */
  setRead(commentIds: readonly string[], read: boolean): { changed: number } {
    const comments = commentIds.map((id) => this.deps.repo.get(id)).filter((c): c is CommentRow => c !== null);
    const marked = read ? comments : comments.filter((c) => c.username !== this.deps.accounts.get(c.accountId)?.username);
    const changed = this.deps.repo.setRead(marked.map((c) => c.id), read);
    if (changed > 0) for (const accountId of new Set(marked.map((c) => c.accountId))) this.deps.events.emit('comments.changed', { accountId });
    return { changed };
  }

  /** Unread comments and replies of one account, or of every account of the current mode. */
  unreadCount(accountId?: string): { unread: number } {
    return { unread: this.deps.repo.unreadCount(accountId ? [accountId] : this.currentAccounts().map((a) => a.id)) };
  }

  private currentAccounts() {
    return this.deps.accounts.list(this.deps.mode());
  }

  private comment(commentId: string): CommentRow {
    const comment = this.deps.repo.get(commentId);
    if (!comment) throw new Failure('comment_not_found');
    return comment;
  }

  /** A Postdeck post id (uuid) or an Instagram media id the inbox has polled → its account and media. */
  private mediaOf(postId: string): { accountId: string; igMediaId: string } {
    if (/^[0-9]+$/.test(postId)) {
      const media = this.deps.repo.media(postId);
      if (!media) throw new Failure('post_not_found');
      return { accountId: media.accountId, igMediaId: media.igMediaId };
    }
    const post = this.deps.posts.get(postId);
    if (!post) throw new Failure('post_not_found');
    if (!post.igMediaId || !post.accountId) throw new Failure('post_not_found', 'This post has not been published, so it has no comments.');
    return { accountId: post.accountId, igMediaId: post.igMediaId };
  }

  /** The account's media in scope, newest first, paging until the media are older than the scope reaches. */
  private async mediaIn(use: AccountUse, scope: PollScope | 'all'): Promise<MediaItem[]> {
    const now = this.deps.clock.now();
    const newest = scope === 'older' ? now - RECENT_MEDIA_MS : Infinity;
    const oldest = now - (scope === 'recent' ? RECENT_MEDIA_MS : OLDEST_POLLED_MS);
    const found: MediaItem[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await listMedia(use.api, use.igUserId, { after, limit: 50, fields: INBOX_MEDIA_FIELDS });
      let pastOldest = false;
      for (const media of page.items) {
        const time = media.timestamp ? Date.parse(media.timestamp.replace(/\+0000$/, 'Z')) : now;
        if (time < oldest) pastOldest = true;
        else if (time < newest) found.push(media);
      }
      if (pastOldest || !page.nextCursor) return found;
      after = page.nextCursor;
    }
  }

  /** The account door, with Instagram's failures turned into the app's error codes. */
  private use<T>(accountId: string, work: (use: AccountUse) => Promise<T>): Promise<T> {
    return useAccount(this.deps.sessions, accountId, work);
  }
}

function mediaRow(accountId: string, media: MediaItem): CommentMediaRow {
  return {
    igMediaId: media.id,
    accountId,
    caption: media.caption ?? null,
    thumbnailUrl: media.thumbnail_url ?? media.media_url ?? null,
    permalink: media.permalink ?? null,
    timestamp: media.timestamp ?? null,
    commentsEnabled: media.is_comment_enabled ?? true,
  };
}

function fetchedRow(comment: IgReply, parentId: string | null, now: number): FetchedComment {
  return { id: comment.id, parentId, text: comment.text ?? '', username: comment.username ?? '', timestamp: isoTime(comment.timestamp, now), hidden: comment.hidden ?? false };
}

function flatten(comments: readonly IgComment[], now: number): FetchedComment[] {
  return comments.flatMap((comment) => [fetchedRow(comment, null, now), ...(comment.replies?.data ?? []).map((reply) => fetchedRow(reply, comment.id, now))]);
}

function commentView(row: CommentRow, own: boolean, replies: Comment[] = []): Comment {
  return { id: row.id, accountId: row.accountId, igMediaId: row.igMediaId, text: row.text, username: row.username, timestamp: row.timestamp, hidden: row.hidden, read: row.read, own, replies };
}
