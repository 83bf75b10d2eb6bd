import type { Database } from './database';

export interface CommentRow {
  id: string;
  accountId: string;
  igMediaId: string;
  parentId: string | null;
  text: string;
  username: string;
  timestamp: string;
  hidden: boolean;
  read: boolean;
}

export interface CommentMediaRow {
  igMediaId: string;
  accountId: string;
  caption: string | null;
  thumbnailUrl: string | null;
  permalink: string | null;
  timestamp: string | null;
  commentsEnabled: boolean;
}

/** A comment as Instagram sent it on a poll, before Postdeck's own `read`. */
export type FetchedComment = Omit<CommentRow, 'read' | 'accountId' | 'igMediaId'>;

interface Row {
  id: string;
  account_id: string;
  ig_media_id: string;
  parent_id: string | null;
  text: string;
  username: string;
  timestamp: string;
  hidden: number;
  read: number;
}

/** `list`'s raw row: the comment's columns, then its media's (null when the media was never polled). */
type ListRow = [string, string, string, string | null, string, string, string, number, number, string | null, string | null, string | null, string | null, string | null, number | null];

const toRow = (row: Row): CommentRow => ({
  id: row.id,
  accountId: row.account_id,
  igMediaId: row.ig_media_id,
  parentId: row.parent_id,
  text: row.text,
  username: row.username,
  timestamp: row.timestamp,
  hidden: row.hidden === 1,
  read: row.read === 1,
});

/**
 * Stored comments (migrations 0009 and 0010), keyed by Instagram's comment id: a poll updates rows in place and keeps
 * Postdeck's `read`, so a re-poll can never list a comment twice.
 */
export class CommentsRepo {
  private readonly statements;

  private writes = 0;

  /** Changes whenever this repository writes, so readers can cache what they derive from it. */
  get version(): number {
    return this.writes;
  }

  constructor(private readonly db: Database) {
    this.statements = {
      upsert: db.prepare<[{ id: string; accountId: string; igMediaId: string; parentId: string | null; text: string; username: string; timestamp: string; hidden: number; read: number; fetchedAt: number }]>(
        `INSERT INTO comments (id, account_id, ig_media_id, parent_id, text, username, timestamp, hidden, read, fetched_at)
         VALUES (@id, @accountId, @igMediaId, @parentId, @text, @username, @timestamp, @hidden, @read, @fetchedAt)
         ON CONFLICT (id) DO UPDATE SET text = excluded.text, username = excluded.username, hidden = excluded.hidden,
           parent_id = excluded.parent_id, fetched_at = excluded.fetched_at`,
      ),
      idsOnMedia: db.prepare<[string, string], { id: string }>('SELECT id FROM comments WHERE account_id = ? AND ig_media_id = ?'),
      get: db.prepare<[string], Row>('SELECT * FROM comments WHERE id = ?'),
      setHidden: db.prepare<[number, string]>('UPDATE comments SET hidden = ? WHERE id = ?'),
      remove: db.prepare<[string, string]>('DELETE FROM comments WHERE id = ? OR parent_id = ?'),
      setRead: db.prepare<[number, string, number]>('UPDATE comments SET read = ? WHERE id = ? AND read != ?'),
      putMedia: db.prepare<[{ igMediaId: string; accountId: string; caption: string | null; thumbnailUrl: string | null; permalink: string | null; timestamp: string | null; commentsEnabled: number }]>(
        `INSERT INTO comment_media (ig_media_id, account_id, caption, thumbnail_url, permalink, timestamp, comments_enabled)
         VALUES (@igMediaId, @accountId, @caption, @thumbnailUrl, @permalink, @timestamp, @commentsEnabled)
         ON CONFLICT (ig_media_id) DO UPDATE SET caption = excluded.caption, thumbnail_url = excluded.thumbnail_url,
           permalink = excluded.permalink, timestamp = excluded.timestamp, comments_enabled = excluded.comments_enabled`,
      ),
      getMedia: db.prepare<[string], { ig_media_id: string; account_id: string; caption: string | null; thumbnail_url: string | null; permalink: string | null; timestamp: string | null; comments_enabled: number }>(
        'SELECT * FROM comment_media WHERE ig_media_id = ?',
      ),
      setCommentsEnabled: db.prepare<[number, string]>('UPDATE comment_media SET comments_enabled = ? WHERE ig_media_id = ?'),
      countFor: db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM comments WHERE account_id = ?'),
      unreadFor: db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM comments WHERE account_id = ? AND read = 0'),
    };
  }

  /**
   * Replaces what is stored for one media with a complete poll of it: new ids are added (unread, unless
   * `ownUsername` wrote them), known ones updated (their `read` kept), ids Instagram no longer lists are
   * removed. Returns how many were new from other people.
   */
  replaceMedia(accountId: string, igMediaId: string, fetched: readonly FetchedComment[], fetchedAt: number, ownUsername: string): number {
    this.writes++;
    return this.db.transaction(() => {
      const stored = new Set(this.statements.idsOnMedia.all(accountId, igMediaId).map((r) => r.id));
      let added = 0;
      for (const comment of fetched) {
        const own = comment.username === ownUsername;
        if (!stored.delete(comment.id) && !own) added++;
        this.put({ ...comment, accountId, igMediaId, read: own }, fetchedAt);
      }
      for (const gone of stored) this.statements.remove.run(gone, gone);
      return added;
    })();
  }

  /** One comment (a reply Postdeck just sent, already read). */
  put(comment: CommentRow, fetchedAt: number): void {
    this.writes++;
    this.statements.upsert.run({ ...comment, hidden: comment.hidden ? 1 : 0, read: comment.read ? 1 : 0, fetchedAt });
  }

  get(id: string): CommentRow | null {
    const row = this.statements.get.get(id);
    return row ? toRow(row) : null;
  }

  /**
   * Comments (top-level and replies) of these accounts, optionally one media, newest first, each with its
   * media as the last poll saw it. One query in raw rows: the inbox lists thousands at once.
   */
  list(filter: { accountIds: readonly string[]; igMediaId?: string | undefined }): Array<{ comment: CommentRow; media: CommentMediaRow | null }> {
    if (filter.accountIds.length === 0) return [];
    const marks = filter.accountIds.map(() => '?').join(',');
    const media = filter.igMediaId === undefined ? '' : ' AND c.ig_media_id = ?';
    const params = filter.igMediaId === undefined ? [...filter.accountIds] : [...filter.accountIds, filter.igMediaId];
    const rows = this.db
      .prepare<string[], ListRow>(
        `SELECT c.id, c.account_id, c.ig_media_id, c.parent_id, c.text, c.username, c.timestamp, c.hidden, c.read,
                m.ig_media_id, m.caption, m.thumbnail_url, m.permalink, m.timestamp, m.comments_enabled
         FROM comments c LEFT JOIN comment_media m ON m.ig_media_id = c.ig_media_id
         WHERE c.account_id IN (${marks})${media} ORDER BY c.timestamp DESC, c.id`,
      )
      .raw()
      .all(...params);
    return rows.map(([id, accountId, igMediaId, parentId, text, username, timestamp, hidden, read, mediaId, caption, thumbnailUrl, permalink, mediaTime, enabled]) => ({
      comment: { id, accountId, igMediaId, parentId, text, username, timestamp, hidden: hidden === 1, read: read === 1 },
      media: mediaId === null ? null : { igMediaId, accountId, caption, thumbnailUrl, permalink, timestamp: mediaTime, commentsEnabled: enabled === 1 },
    }));
  }

  putMedia(media: CommentMediaRow): void {
    this.writes++;
    this.statements.putMedia.run({ ...media, commentsEnabled: media.commentsEnabled ? 1 : 0 });
  }

  media(igMediaId: string): CommentMediaRow | null {
    const row = this.statements.getMedia.get(igMediaId);
    if (!row) return null;
    return {
      igMediaId: row.ig_media_id,
      accountId: row.account_id,
      caption: row.caption,
      thumbnailUrl: row.thumbnail_url,
      permalink: row.permalink,
      timestamp: row.timestamp,
      commentsEnabled: row.comments_enabled === 1,
    };
  }

  setCommentsEnabled(igMediaId: string, enabled: boolean): void {
    this.writes++;
    this.statements.setCommentsEnabled.run(enabled ? 1 : 0, igMediaId);
  }

  countFor(accountId: string): number {
    return this.statements.countFor.get(accountId)?.n ?? 0;
  }

  setHidden(id: string, hidden: boolean): void {
    this.writes++;
    this.statements.setHidden.run(hidden ? 1 : 0, id);
  }

  /** A comment and its replies (Instagram deletes them together). */
  remove(id: string): void {
    this.writes++;
    this.statements.remove.run(id, id);
  }

  /** Marks comments read or unread; returns how many changed. */
  setRead(ids: readonly string[], read: boolean): number {
    this.writes++;
    const value = read ? 1 : 0;
    return this.db.transaction(() => ids.reduce((changed, id) => changed + this.statements.setRead.run(value, id, value).changes, 0))();
  }

  /** Unread comments and replies of these accounts (the account's own are stored read). */
  unreadCount(accountIds: readonly string[]): number {
    return accountIds.reduce((sum, id) => sum + (this.statements.unreadFor.get(id)?.n ?? 0), 0);
  }
}
