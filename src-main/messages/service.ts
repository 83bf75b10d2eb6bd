import { PRIVATE_REPLY_WINDOW_MS, REPLY_WINDOW_MS, type Conversation, type PrivateReplyStatus } from '../../src-shared/messages';
import type { AppMode, Preferences } from '../../src-shared/models';
import type { Notifier } from '../accounts/alerts';
import type { AccountSessions, AccountUse } from '../accounts/session';
import { useAccount } from '../accounts/useAccount';
import { DAY, type Clock } from '../config/clock';
import type { EventBus } from '../config/events';
import { Failure } from '../config/failure';
import type { AccountRecord, AccountsRepo } from '../db/accountsRepo';
import type { CommentsRepo } from '../db/commentsRepo';
import { checkpoint, type Database } from '../db/database';
import type { ConversationRow, MessageRow, MessagesRepo } from '../db/messagesRepo';
import { isInstagramError } from '../instagram/errors';
import { conversationMessageIds, conversations, isoFromGraph, messageDetails, messagingRefusal, sendMessage, type IgConversation, type IgMessage, type OutgoingMessage } from '../instagram/messages';

/** Conversations with a message in the last day are polled often; the rest less often. */
export const ACTIVE_CONVERSATION_MS = DAY;
/** A poll reads at most this many pages of conversations (25 each, newest first). */
const MAX_CONVERSATION_PAGES = 20;
export type MessagesPollScope = 'active' | 'quiet';

export interface MessagesDeps {
  db: Database;
  repo: MessagesRepo;
  accounts: Pick<AccountsRepo, 'get' | 'list' | 'setMessagesEnabled'>;
  comments: Pick<CommentsRepo, 'get'>;
  sessions: Pick<AccountSessions, 'withAccount'>;
  clock: Clock;
  events: EventBus;
  mode: () => AppMode;
  preferences: () => Pick<Preferences, 'notifyNewMessages'>;
  notifier?: Notifier | undefined;
}

/**
 * Direct messages of the accounts whose user turned them on: polls their conversations into storage, and
 * sends replies and private replies. Instagram's rules (the 24-hour window, one private reply per comment
 * within 7 days) are checked here first, so a refusal is explained before anything is sent.
 */
export class MessagesService {
  constructor(private readonly deps: MessagesDeps) {}

  /**
   * Reads the account's conversations in `scope` (active: a message in the last day; quiet: older) and stores
   * the messages not seen yet. `keepGoing` is asked between conversations: background polls stop when the
   * rate-limit governor says so. Returns how many messages from other people were new.
   */
  async poll(accountId: string, scope: MessagesPollScope | 'all', keepGoing: () => boolean = () => true): Promise<number> {
    const account = this.enabledAccount(accountId);
    const firstPoll = !this.deps.repo.hasConversations(accountId);
    let added = 0;
    let changed = false;
    await this.use(accountId, async (use) => {
      for (const found of await this.conversationsIn(use, scope)) {
        if (!keepGoing()) break;
        const stored = this.deps.repo.get(found.id);
        const updated = isoFromGraph(found.updated_time, this.deps.clock.now());
        if (stored && stored.lastMessageAt >= updated) continue;
        const result = await this.fetchConversation(use, account, found.id, stored);
        if (!result) continue;
        added += result;
        changed = true;
      }
    });
    if (changed) this.deps.events.emit('messages.changed', { accountId, ...(added > 0 ? { newMessages: added } : {}) });
    // The first poll finds every conversation the account ever had: nothing to announce.
    if (added > 0 && !firstPoll && this.deps.preferences().notifyNewMessages) {
      this.deps.notifier?.notify(added === 1 ? 'A new message' : `${added} new messages`, `To @${account.username}. Open Postdeck to reply.`);
    }
    return added;
  }

  /** `messages.refresh`: every conversation of the account now, answering how many new messages it found. */
  async refresh(accountId: string): Promise<{ refreshed: number }> {
    return { refreshed: await this.poll(accountId, 'all') };
  }

  /** Newest conversation first, each with its messages oldest first. */
  list(filter: { accountId: string; unreadOnly?: boolean | undefined; limit?: number | undefined }): Conversation[] {
    this.enabledAccount(filter.accountId);
    const rows = this.deps.repo.list(filter.accountId, filter.unreadOnly === true);
    return (filter.limit === undefined ? rows : rows.slice(0, filter.limit)).map((row) => this.view(row));
  }

  /** A reply (text, or a picture by link) within the 24 hours after the person's last message; Instagram refuses any later. */
  async send(accountId: string, conversationId: string, content: OutgoingMessage): Promise<Conversation> {
    this.enabledAccount(accountId);
    const conversation = this.deps.repo.get(conversationId);
    if (!conversation || conversation.accountId !== accountId) throw new Failure('conversation_not_found');
    if (!replyOpen(conversation, this.deps.clock.now())) throw new Failure('reply_window_closed', windowDetail(replyUntil(conversation)));
    const messageId = await this.use(accountId, (use) =>
      messaging(() => sendMessage(use.api, { id: conversation.otherId }, content), { outside_window: () => this.replyRefused(conversation) }),
    );
    const at = new Date(this.deps.clock.now()).toISOString();
    this.deps.repo.put({ ...conversation, lastMessageAt: at }, [{ id: messageId, fromMe: true, at, ...('text' in content ? { text: content.text, imageUrl: null } : { text: '', imageUrl: content.imageUrl }) }], this.deps.clock.now());
    // Answering is reading.
    this.deps.repo.markRead(conversationId);
    this.deps.events.emit('messages.changed', { accountId });
    return this.view(this.deps.repo.get(conversationId)!);
  }

  markRead(conversationId: string): { ok: true } {
    const conversation = this.deps.repo.get(conversationId);
    if (!conversation) throw new Failure('conversation_not_found');
    this.enabledAccount(conversation.accountId);
    if (this.deps.repo.markRead(conversationId)) this.deps.events.emit('messages.changed', { accountId: conversation.accountId });
    return { ok: true };
  }

  /** Unread conversations of one account, or of every account of the current mode with messages on. */
  unreadCount(accountId?: string): { unread: number } {
    const ids = accountId ? [accountId] : this.deps.accounts.list(this.deps.mode()).filter((a) => a.messagesEnabled).map((a) => a.id);
    return { unread: this.deps.repo.unreadCount(ids) };
  }

  /** One DM to the person who wrote the comment: once per comment, within 7 days of it. */
  async replyPrivately(commentId: string, text: string): Promise<{ conversationId: string | null; privateReply: PrivateReplyStatus }> {
    const comment = this.deps.comments.get(commentId);
    if (!comment) throw new Failure('comment_not_found');
    const account = this.enabledAccount(comment.accountId);
    const status = this.privateReplyOf(commentId);
    if (status.state === 'own') throw new Failure('private_reply_to_self');
    if (status.state === 'used') throw new Failure('private_reply_used');
    if (status.state === 'expired') throw new Failure('private_reply_expired', `The 7 days ended ${status.until}.`);
    await this.use(account.id, (use) =>
      messaging(() => sendMessage(use.api, { comment_id: commentId }, { text }), { outside_window: () => new Failure('private_reply_expired', `The 7 days ended ${status.until}.`) }),
    );
    this.deps.repo.recordPrivateReply(commentId, account.id, this.deps.clock.now());
    this.deps.events.emit('comments.changed', { accountId: account.id });
    this.deps.events.emit('messages.changed', { accountId: account.id });
    // The conversation it starts or joins shows with the next poll; one already stored is named now.
    const conversation = this.deps.repo.list(account.id, false).find((c) => c.username === comment.username);
    return { conversationId: conversation?.id ?? null, privateReply: this.privateReplyOf(commentId) };
  }

  /** Whether "Reply privately" can be used on each of these comments (unknown ids are left out). */
  privateReplyStatus(commentIds: readonly string[]): Record<string, PrivateReplyStatus> {
    const answer: Record<string, PrivateReplyStatus> = {};
    for (const id of commentIds) {
      const comment = this.deps.comments.get(id);
      if (!comment) continue;
      answer[id] = this.deps.accounts.get(comment.accountId)?.messagesEnabled ? this.privateReplyOf(id) : { state: 'off', until: null };
    }
    return answer;
  }

  /**
   * Forgets the account's stored messages (the 0016 trigger) and turns messages off. The token keeps the
   * permission: only the user can take it back, at Instagram (Settings → Apps and websites).
   */
  disable(accountId: string): { removed: number } {
    if (!this.deps.accounts.get(accountId)) throw new Failure('not_found');
    const removed = this.deps.repo.countMessages(accountId);
    this.deps.accounts.setMessagesEnabled(accountId, false);
    // Other people's words: fold the WAL so no copy of the deleted rows stays behind.
    checkpoint(this.deps.db);
    this.deps.events.emit('accounts.changed', { reason: 'messages' });
    this.deps.events.emit('messages.changed', { accountId });
    return { removed };
  }

  /**
   * Instagram says the window has closed although Postdeck's clock says it is open (the two clocks disagree):
   * Instagram is right, so the conversation stays closed from now until the person writes again.
   */
  private replyRefused(conversation: ConversationRow): Failure {
    const closedAt = this.deps.clock.now();
    this.deps.repo.closeReplies(conversation.id, new Date(closedAt).toISOString());
    this.deps.events.emit('messages.changed', { accountId: conversation.accountId });
    return new Failure('reply_window_closed', windowDetail(closedAt));
  }

  private privateReplyOf(commentId: string): PrivateReplyStatus {
    const comment = this.deps.comments.get(commentId);
    if (!comment) throw new Failure('comment_not_found');
    if (comment.username === this.deps.accounts.get(comment.accountId)?.username) return { state: 'own', until: null };
    const until = new Date(Date.parse(comment.timestamp) + PRIVATE_REPLY_WINDOW_MS).toISOString();
    if (this.deps.repo.privateReplySentAt(commentId) !== null) return { state: 'used', until };
    if (Date.parse(until) <= this.deps.clock.now()) return { state: 'expired', until };
    return { state: 'available', until };
  }

  private enabledAccount(accountId: string): AccountRecord {
    const account = this.deps.accounts.get(accountId);
    if (!account) throw new Failure('not_found');
    if (!account.messagesEnabled) throw new Failure('messages_not_enabled', `Messages are off for @${account.username}.`);
    return account;
  }

  /** The account's conversations in scope, newest first, paging until they are older than the scope reaches. */
  private async conversationsIn(use: AccountUse, scope: MessagesPollScope | 'all'): Promise<IgConversation[]> {
    const now = this.deps.clock.now();
    const activeSince = now - ACTIVE_CONVERSATION_MS;
    const found: IgConversation[] = [];
    let after: string | undefined;
    for (let page = 0; page < MAX_CONVERSATION_PAGES; page++) {
      const result = await messaging(() => conversations(use.api, after));
      let pastActive = false;
      for (const item of result.items) {
        const active = Date.parse(isoFromGraph(item.updated_time, now)) >= activeSince;
        if (!active) pastActive = true;
        if (scope === 'all' || (scope === 'active') === active) found.push(item);
      }
      if ((scope === 'active' && pastActive) || !result.nextCursor) break;
      after = result.nextCursor;
    }
    return found;
  }

  /**
   * Reads the messages of one conversation not stored yet (Instagram details the 20 newest) and stores them.
   * Returns how many came from the other person, or null when it holds nothing readable.
   */
  private async fetchConversation(use: AccountUse, account: AccountRecord, conversationId: string, stored: ConversationRow | null): Promise<number | null> {
    const known = this.deps.repo.messageIds(conversationId);
    const fresh: IgMessage[] = [];
    for (const id of await messaging(() => conversationMessageIds(use.api, conversationId))) {
      if (!known.has(id)) fresh.push(await messaging(() => messageDetails(use.api, id)));
    }
    const now = this.deps.clock.now();
    const mine = (message: IgMessage) => message.from.username === account.username || message.from.id === account.igUserId || message.from.id === account.appScopedId;
    const other = fresh.map((m) => (mine(m) ? m.to?.data[0] : m.from)).find((party) => party !== undefined);
    if (!stored && !other) return null;
    const messages: Omit<MessageRow, 'conversationId'>[] = fresh.map((m) => ({ id: m.id, fromMe: mine(m), text: m.message ?? '', imageUrl: null, at: isoFromGraph(m.created_time, now) }));
    const times = messages.map((m) => m.at);
    const incoming = messages.filter((m) => !m.fromMe).map((m) => m.at);
    const latest = (values: readonly (string | null | undefined)[]) => values.filter((v): v is string => typeof v === 'string').sort().at(-1) ?? null;
    return this.deps.repo.put(
      {
        id: conversationId,
        accountId: account.id,
        otherId: other?.id ?? stored!.otherId,
        username: other?.username ?? stored?.username ?? '',
        pictureUrl: stored?.pictureUrl ?? null,
        lastMessageAt: latest([stored?.lastMessageAt, ...times]) ?? new Date(now).toISOString(),
        lastIncomingAt: latest([stored?.lastIncomingAt, ...incoming]),
      },
      messages,
      now,
    );
  }

  private view(row: ConversationRow): Conversation {
    const until = replyUntil(row);
    return {
      id: row.id,
      accountId: row.accountId,
      username: row.username,
      pictureUrl: row.pictureUrl,
      lastMessageAt: row.lastMessageAt,
      unread: row.lastIncomingAt !== null && (row.readThrough === null || row.readThrough < row.lastIncomingAt),
      canReplyUntil: until === null ? null : new Date(until).toISOString(),
      canReply: replyOpen(row, this.deps.clock.now()),
      messages: this.deps.repo.messages(row.id).map((m) => ({ id: m.id, from: m.fromMe ? 'me' : 'them', text: m.text, ...(m.imageUrl ? { imageUrl: m.imageUrl } : {}), at: m.at })),
    };
  }

  /** The account door, with Instagram's failures turned into the app's error codes. */
  private use<T>(accountId: string, work: (use: AccountUse) => Promise<T>): Promise<T> {
    return useAccount(this.deps.sessions, accountId, work);
  }
}

type ReplyWindowOf = Pick<ConversationRow, 'lastIncomingAt' | 'replyClosedAt'>;

/** When the reply window ends or ended: when Instagram refused a reply, else 24 hours after their last message. */
function replyUntil(conversation: ReplyWindowOf): number | null {
  if (conversation.replyClosedAt !== null) return Date.parse(conversation.replyClosedAt);
  return conversation.lastIncomingAt === null ? null : Date.parse(conversation.lastIncomingAt) + REPLY_WINDOW_MS;
}

function replyOpen(conversation: ReplyWindowOf, now: number): boolean {
  const until = replyUntil(conversation);
  return conversation.replyClosedAt === null && until !== null && until > now;
}

function windowDetail(until: number | null): string {
  return until === null ? 'They have not written to this account, so there is nothing to reply to.' : `It closed ${new Date(until).toISOString()}.`;
}

/**
 * One messaging call, its refusals turned into the app's codes inside the account door: a missing messages
 * permission must not mark the whole account unhealthy (publishing, comments and insights still work).
 */
async function messaging<T>(call: () => Promise<T>, refusals: { outside_window?: () => Failure } = {}): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (!isInstagramError(error)) throw error;
    const refusal = messagingRefusal(error);
    if (refusal === 'outside_window' && refusals.outside_window) throw refusals.outside_window();
    if (refusal !== null) throw new Failure('messages_not_enabled', `Instagram refused: ${error.message}`);
    throw error;
  }
}
