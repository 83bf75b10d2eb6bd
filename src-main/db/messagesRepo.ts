import type { Database } from './database';

/** A conversation as stored (migration 0014), times as ISO strings. */
export interface ConversationRow {
  id: string;
  accountId: string;
  /** The other person's Instagram-scoped id: the recipient of a reply. */
  otherId: string;
  username: string;
  pictureUrl: string | null;
  lastMessageAt: string;
  /** Their newest message: the 24-hour reply window runs from it. */
  lastIncomingAt: string | null;
  /** Postdeck's own read mark: the newest incoming time the user has seen. */
  readThrough: string | null;
  /** When Instagram refused a reply as outside its window; cleared by their next message. */
  replyClosedAt: string | null;
}

export interface MessageRow {
  id: string;
  conversationId: string;
  fromMe: boolean;
  text: string;
  /** A picture the account sent by its public link (migration 0018). */
  imageUrl: string | null;
  at: string;
}

interface ConversationColumns {
  id: string;
  account_id: string;
  other_id: string;
  username: string;
  picture_url: string | null;
  last_message_at: string;
  last_incoming_at: string | null;
  read_through: string | null;
  reply_closed_at: string | null;
}

interface MessageColumns {
  id: string;
  conversation_id: string;
  from_me: number;
  text: string;
  image_url: string | null;
  at: string;
}

const toConversation = (row: ConversationColumns): ConversationRow => ({
  id: row.id,
  accountId: row.account_id,
  otherId: row.other_id,
  username: row.username,
  pictureUrl: row.picture_url,
  lastMessageAt: row.last_message_at,
  lastIncomingAt: row.last_incoming_at,
  readThrough: row.read_through,
  replyClosedAt: row.reply_closed_at,
});

const toMessage = (row: MessageColumns): MessageRow => ({ id: row.id, conversationId: row.conversation_id, fromMe: row.from_me === 1, text: row.text, imageUrl: row.image_url, at: row.at });

const UNREAD = 'last_incoming_at IS NOT NULL AND (read_through IS NULL OR read_through < last_incoming_at)';

/**
 * Stored direct messages, keyed by Instagram's ids: a poll adds what it has not seen and keeps Postdeck's read
 * mark. Rows exist only while the account has messages on (the 0016 trigger forgets them when it turns off).
 */
export class MessagesRepo {
  private readonly statements;
  private writes = 0;

  constructor(private readonly db: Database) {
    this.statements = {
      upsertConversation: db.prepare(
        `INSERT INTO conversations (id, account_id, other_id, username, picture_url, last_message_at, last_incoming_at, read_through, fetched_at)
         VALUES (@id, @accountId, @otherId, @username, @pictureUrl, @lastMessageAt, @lastIncomingAt, @readThrough, @fetchedAt)
         ON CONFLICT (id) DO UPDATE SET other_id = excluded.other_id, username = excluded.username, picture_url = excluded.picture_url,
           last_message_at = excluded.last_message_at, last_incoming_at = excluded.last_incoming_at, fetched_at = excluded.fetched_at,
           reply_closed_at = CASE WHEN excluded.last_incoming_at IS conversations.last_incoming_at THEN conversations.reply_closed_at END`,
      ),
      insertMessage: db.prepare<[{ id: string; conversationId: string; accountId: string; fromMe: number; text: string; imageUrl: string | null; at: string }]>(
        'INSERT OR IGNORE INTO direct_messages (id, conversation_id, account_id, from_me, text, image_url, at) VALUES (@id, @conversationId, @accountId, @fromMe, @text, @imageUrl, @at)',
      ),
      messageIds: db.prepare<[string], { id: string }>('SELECT id FROM direct_messages WHERE conversation_id = ?'),
      get: db.prepare<[string], ConversationColumns>('SELECT * FROM conversations WHERE id = ?'),
      list: db.prepare<[string], ConversationColumns>('SELECT * FROM conversations WHERE account_id = ? ORDER BY last_message_at DESC, id'),
      listUnread: db.prepare<[string], ConversationColumns>(`SELECT * FROM conversations WHERE account_id = ? AND ${UNREAD} ORDER BY last_message_at DESC, id`),
      messages: db.prepare<[string], MessageColumns>('SELECT * FROM direct_messages WHERE conversation_id = ? ORDER BY at, rowid'),
      closeReplies: db.prepare<[string, string]>('UPDATE conversations SET reply_closed_at = ? WHERE id = ?'),
      markRead: db.prepare<[string]>('UPDATE conversations SET read_through = last_incoming_at WHERE id = ?'),
      unread: db.prepare<[string], { n: number }>(`SELECT COUNT(*) AS n FROM conversations WHERE account_id = ? AND ${UNREAD}`),
      countMessages: db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM direct_messages WHERE account_id = ?'),
      anyConversation: db.prepare<[string], { found: 1 }>('SELECT 1 AS found FROM conversations WHERE account_id = ? LIMIT 1'),
      privateReply: db.prepare<[string], { sent_at: number }>('SELECT sent_at FROM private_replies WHERE comment_id = ?'),
      putPrivateReply: db.prepare<[string, string, number]>('INSERT OR IGNORE INTO private_replies (comment_id, account_id, sent_at) VALUES (?, ?, ?)'),
    };
  }

  /** Changes whenever this repository writes, so readers can cache what they derive from it. */
  get version(): number {
    return this.writes;
  }

  /**
   * Stores a conversation as a poll (or a send) found it, with the messages not yet stored, in one
   * transaction; the read mark stays, and so does a refused reply window unless their last message changed.
   * Returns how many of the added messages came from the other person.
   */
  put(conversation: Omit<ConversationRow, 'readThrough' | 'replyClosedAt'>, messages: readonly Omit<MessageRow, 'conversationId'>[], fetchedAt: number): number {
    this.writes++;
    return this.db.transaction(() => {
      this.statements.upsertConversation.run({ ...conversation, readThrough: null, fetchedAt });
      let incoming = 0;
      for (const message of messages) {
        const added = this.statements.insertMessage.run({ id: message.id, conversationId: conversation.id, accountId: conversation.accountId, fromMe: message.fromMe ? 1 : 0, text: message.text, imageUrl: message.imageUrl, at: message.at }).changes;
        if (added > 0 && !message.fromMe) incoming++;
      }
      return incoming;
    })();
  }

  messageIds(conversationId: string): Set<string> {
    return new Set(this.statements.messageIds.all(conversationId).map((row) => row.id));
  }

  get(conversationId: string): ConversationRow | null {
    const row = this.statements.get.get(conversationId);
    return row ? toConversation(row) : null;
  }

  /** Newest conversation first. */
  list(accountId: string, unreadOnly: boolean): ConversationRow[] {
    return (unreadOnly ? this.statements.listUnread : this.statements.list).all(accountId).map(toConversation);
  }

  /** Oldest first. */
  messages(conversationId: string): MessageRow[] {
    return this.statements.messages.all(conversationId).map(toMessage);
  }

  /** Instagram refused a reply as outside its window: closed from `closedAt` until their next message. */
  closeReplies(conversationId: string, closedAt: string): void {
    this.writes++;
    this.statements.closeReplies.run(closedAt, conversationId);
  }

  markRead(conversationId: string): boolean {
    this.writes++;
    return this.statements.markRead.run(conversationId).changes > 0;
  }

  unreadCount(accountIds: readonly string[]): number {
    return accountIds.reduce((sum, id) => sum + (this.statements.unread.get(id)?.n ?? 0), 0);
  }

  /** Whether any conversation of the account is stored (none before its first poll). */
  hasConversations(accountId: string): boolean {
    return this.statements.anyConversation.get(accountId) !== undefined;
  }

  countMessages(accountId: string): number {
    return this.statements.countMessages.get(accountId)?.n ?? 0;
  }

  /** When Postdeck sent the private reply to this comment, if it did. */
  privateReplySentAt(commentId: string): number | null {
    return this.statements.privateReply.get(commentId)?.sent_at ?? null;
  }

  recordPrivateReply(commentId: string, accountId: string, sentAt: number): void {
    this.writes++;
    this.statements.putPrivateReply.run(commentId, accountId, sentAt);
  }
}
