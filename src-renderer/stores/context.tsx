import { createContext, useContext } from 'react';
import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import type { Stores } from './index';
import type { AccountsState } from '../features/accounts/store';
import type { AppState } from './app';
import type { ConnectState } from '../features/accounts/connectStore';
import type { UiState } from './ui';
import type { PostsState } from '../features/posts/store';
import type { PreferencesState } from '../features/settings/store';
import type { InboxState } from '../features/comments/store';
import type { MessagesState } from '../features/messages/store';

const StoresContext = createContext<Stores | null>(null);

export function StoresProvider({ stores, children }: { stores: Stores; children: ReactNode }) {
  return <StoresContext.Provider value={stores}>{children}</StoresContext.Provider>;
}

export function useStores(): Stores {
  const stores = useContext(StoresContext);
  if (!stores) throw new Error('StoresProvider is missing');
  return stores;
}

// Selectors must return stable values (zustand 5): pick single fields, not fresh objects.
export function useAccounts<T>(selector: (s: AccountsState) => T): T {
  return useStore(useStores().accounts, selector);
}
export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(useStores().app, selector);
}
export function useConnect<T>(selector: (s: ConnectState) => T): T {
  return useStore(useStores().connect, selector);
}
export function useUi<T>(selector: (s: UiState) => T): T {
  return useStore(useStores().ui, selector);
}
export function usePosts<T>(selector: (s: PostsState) => T): T {
  return useStore(useStores().posts, selector);
}
export function usePreferences<T>(selector: (s: PreferencesState) => T): T {
  return useStore(useStores().preferences, selector);
}
export function useInbox<T>(selector: (s: InboxState) => T): T {
  return useStore(useStores().inbox, selector);
}
export function useMessages<T>(selector: (s: MessagesState) => T): T {
  return useStore(useStores().messages, selector);
}
