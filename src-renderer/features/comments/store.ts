import { createStore } from 'zustand/vanilla';
import type { Result } from '../../../src-shared/errors';
import type { Bridge } from '../../bridge';
import { newestOnly } from '../../lib/newestOnly';

export interface InboxState {
  /** Unread comments and replies of the current mode's accounts: the count on the Comments link. */
  unread: number;
  loadUnread(): Promise<void>;
  /** Marks comments read or unread; main says `comments.changed`, which re-reads the count and the inbox. */
  setRead(commentIds: readonly string[], read: boolean): Promise<Result<{ changed: number }>>;
}

/** Read state of the comments inbox, shared by the navigation's count and the inbox screen. */
export function createInboxStore(bridge: Bridge) {
  const latest = newestOnly();
  return createStore<InboxState>()((set) => ({
    unread: 0,
    async loadUnread() {
      const result = await latest(() => bridge.invoke('comments.unreadCount', {}));
      if (result?.ok) set({ unread: result.value.unread });
    },
    setRead: (commentIds, read) => bridge.invoke('comments.setRead', { commentIds: [...commentIds], read }),
  }));
}

/** The count follows every change of comments (a poll, a reply, a mark) and of mode or accounts. */
export function followInboxEvents(bridge: Bridge, store: ReturnType<typeof createInboxStore>): () => void {
  const reload = () => void store.getState().loadUnread();
  const offs = [bridge.on('comments.changed', reload), bridge.on('accounts.changed', reload), bridge.on('app.changed', reload)];
  reload();
  return () => offs.forEach((off) => off());
}
