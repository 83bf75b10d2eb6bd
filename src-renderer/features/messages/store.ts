import { createStore } from 'zustand/vanilla';
import type { AppError, Result } from '../../../src-shared/errors';
import type { Conversation } from '../../../src-shared/messages';
import type { Account } from '../../../src-shared/models';
import type { Bridge } from '../../bridge';
import type { AccountsStore } from '../accounts/store';
import { newestOnly } from '../../lib/newestOnly';
import { newestFirst } from './conversations';

export interface MessagesState {
  /** Unread conversations of the accounts with messages on: the count on the Messages link. */
  unread: number;
  /** Every conversation of the accounts with messages on, newest first; null until the first answer. */
  conversations: Conversation[] | null;
  listError: AppError | null;
  refreshing: boolean;
  /** The conversation shown beside the list; kept while the user visits other screens. */
  openId: string | null;
  /** Unsent replies by conversation, so leaving the screen loses nothing. */
  drafts: Record<string, string>;
  loadUnread(): Promise<void>;
  load(): Promise<void>;
  /** Asks Instagram now for each account with messages on (a user action: it never waits behind polling). */
  refresh(): Promise<void>;
  /** Shows a conversation; opening one is reading it. */
  open(conversationId: string | null): void;
  setDraft(conversationId: string, text: string): void;
  /** Text (its draft empties once sent) or a picture by its public https link. */
  send(conversation: Conversation, content: { text: string } | { imageUrl: string }): Promise<Result<Conversation>>;
}

/**
 * The direct messages of every account with messages on, read from what the last poll stored, and the
 * unread count the navigation shows. `accounts` says which accounts have messages on now.
 */
export function createMessagesStore(bridge: Bridge, accounts: () => readonly Account[]) {
  const latestList = newestOnly();
  const latestCount = newestOnly();
  const withMessages = () => accounts().filter((a) => a.messagesEnabled);
  return createStore<MessagesState>()((set, get) => ({
    unread: 0,
    conversations: null,
    listError: null,
    refreshing: false,
    openId: null,
    drafts: {},

    async loadUnread() {
      const result = await latestCount(() => bridge.invoke('messages.unreadCount', {}));
      if (result?.ok) set({ unread: result.value.unread });
    },

    async load() {
      const answers = await latestList(() => Promise.all(withMessages().map((a) => bridge.invoke('messages.list', { accountId: a.id }))));
      if (!answers) return; // a newer read is under way; its answer wins
      const failed = answers.find((r) => !r.ok);
      const conversations = newestFirst(answers.flatMap((r) => (r.ok ? r.value : [])));
      set({ conversations, listError: failed && !failed.ok ? failed.error : null });
    },

    async refresh() {
      set({ refreshing: true });
      const answers = await Promise.all(withMessages().map((a) => bridge.invoke('messages.refresh', { accountId: a.id })));
      set({ refreshing: false });
      await get().load();
      // What was stored still shows; a check that failed says so, unless reading the list failed too.
      const failed = answers.find((r) => !r.ok);
      if (failed && !failed.ok && !get().listError) set({ listError: failed.error });
    },

    open(conversationId) {
      set({ openId: conversationId });
      const conversation = get().conversations?.find((c) => c.id === conversationId);
      if (!conversation?.unread) return;
      // Read at once here; main says messages.changed, which re-reads the list and the count.
      set((s) => ({ conversations: s.conversations?.map((c) => (c.id === conversation.id ? { ...c, unread: false } : c)) ?? null, unread: Math.max(0, s.unread - 1) }));
      void bridge.invoke('messages.markRead', { conversationId: conversation.id });
    },

    setDraft(conversationId, text) {
      set((s) => ({ drafts: { ...s.drafts, [conversationId]: text } }));
    },

    async send(conversation, content) {
      const result = await bridge.invoke('messages.send', { accountId: conversation.accountId, conversationId: conversation.id, ...content });
      if (result.ok) {
        const sent = result.value;
        set((s) => {
          const drafts = { ...s.drafts };
          if ('text' in content) delete drafts[conversation.id];
          return { drafts, conversations: newestFirst((s.conversations ?? []).map((c) => (c.id === sent.id ? sent : c))) };
        });
      } else if (result.error.code === 'reply_window_closed') {
        // Main now holds the conversation closed (Instagram may have refused what Postdeck's clock allowed):
        // read it before answering, so the box closes together with the reason.
        await get().load();
      }
      return result;
    },
  }));
}

export type MessagesStore = ReturnType<typeof createMessagesStore>;

const messagesAccountIds = (accounts: readonly Account[]) =>
  accounts
    .filter((a) => a.messagesEnabled)
    .map((a) => a.id)
    .join(' ');

/**
 * The count and the list (once the screen asked for it) follow every change of messages (a poll, a reply,
 * read state) and of which accounts have messages on, as the accounts list says once it is read again.
 */
export function followMessagesEvents(bridge: Bridge, store: MessagesStore, accounts: AccountsStore): () => void {
  const reload = () => {
    void store.getState().loadUnread();
    if (store.getState().conversations !== null) void store.getState().load();
  };
  let turnedOn = messagesAccountIds(accounts.getState().accounts);
  const offAccounts = accounts.subscribe((s) => {
    const now = messagesAccountIds(s.accounts);
    if (now === turnedOn) return;
    turnedOn = now;
    reload();
  });
  const offs = [bridge.on('messages.changed', reload), bridge.on('app.changed', reload), offAccounts];
  void store.getState().loadUnread();
  return () => offs.forEach((off) => off());
}
