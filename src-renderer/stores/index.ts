import type { Bridge } from '../bridge';
import { createAccountsStore } from '../features/accounts/store';
import { createAppStore } from './app';
import { createConnectStore } from '../features/accounts/connectStore';
import type { PopupLike } from '../features/accounts/connectStore';
import { createUiStore, windowLocation } from './ui';
import { createPostsStore, followPostEvents } from '../features/posts/store';
import { createMediaStore } from '../features/posts/mediaStore';
import { createAutosaveStore } from '../features/posts/autosave';
import { createPreferencesStore } from '../features/settings/store';
import { createInboxStore, followInboxEvents } from '../features/comments/store';
import { createMessagesStore, followMessagesEvents } from '../features/messages/store';

export interface Stores {
  bridge: Bridge;
  accounts: ReturnType<typeof createAccountsStore>;
  app: ReturnType<typeof createAppStore>;
  connect: ReturnType<typeof createConnectStore>;
  ui: ReturnType<typeof createUiStore>;
  posts: ReturnType<typeof createPostsStore>;
  media: ReturnType<typeof createMediaStore>;
  /** The composer's unsaved text, per post, kept on this computer. */
  autosave: ReturnType<typeof createAutosaveStore>;
  preferences: ReturnType<typeof createPreferencesStore>;
  inbox: ReturnType<typeof createInboxStore>;
  messages: ReturnType<typeof createMessagesStore>;
}

const SUCCESS_NOTICE_MS = 10_000;

/** Builds every store in one place (no module singletons), wired to one bridge. */
export function createStores(bridge: Bridge, win: Window = window): Stores {
  const accounts = createAccountsStore(bridge);
  const app = createAppStore(bridge);
  const ui = createUiStore(windowLocation(win));
  const posts = createPostsStore(bridge);
  const autosave = createAutosaveStore(win.localStorage);
  const preferences = createPreferencesStore(bridge);
  const inbox = createInboxStore(bridge);
  const connect = createConnectStore({
    bridge,
    host: () => app.getState().info?.host ?? (win.postdeck ? 'desktop' : 'web'),
    openPopup: () => win.open('', 'postdeck-connect', 'popup,width=520,height=760') as PopupLike | null,
    onConnected: (account, messages) => {
      // Turning messages on tells how it ended in its own dialog.
      if (!messages) {
        ui.getState().notify({
          kind: 'success',
          text: account ? `Connected @${account.username}` : 'Connected',
          timeoutMs: SUCCESS_NOTICE_MS,
          // The sign-in window may finish while you are on another screen.
          appWide: true,
        });
      }
      void accounts.getState().fetch();
    },
  });
  const messages = createMessagesStore(bridge, () => accounts.getState().accounts);
  return { bridge, accounts, app, connect, ui, posts, media: createMediaStore(bridge), autosave, preferences, inbox, messages };
}

/** Subscribes the stores to main-process events and loads the first data. Returns the clean-up. */
export function startStores(stores: Stores): () => void {
  const { bridge } = stores;
  const offs = [
    bridge.on('accounts.changed', () => void stores.accounts.getState().fetch()),
    bridge.on('connect.finished', (payload) => stores.connect.getState().handleFinished(payload)),
    bridge.on('connect.progress', (payload) => stores.connect.getState().handleProgress(payload)),
    bridge.on('app.changed', () => void stores.app.getState().loadInfo()),
    followPostEvents(bridge, stores.posts),
    followInboxEvents(bridge, stores.inbox),
    followMessagesEvents(bridge, stores.messages, stores.accounts),
    stores.ui.stop,
  ];
  void stores.app.getState().loadInfo();
  void stores.preferences.getState().load();
  void stores.accounts.getState().fetch();
  void stores.posts.getState().fetch();
  return () => offs.forEach((off) => off());
}
