import { createStore } from 'zustand/vanilla';
import type { AppError, Result } from '../../../src-shared/errors';
import type { Account } from '../../../src-shared/models';
import type { Bridge } from '../../bridge';
import { newestOnly } from '../../lib/newestOnly';

export type AccountBusy = 'checking' | 'disconnecting' | 'saving';

/** Where an error is shown: the list as a whole, the Check all button, or one account's row. */
export type AccountsPlace = 'list' | 'checkAll' | `account:${string}`;

export interface AccountsState {
  accounts: Account[];
  /** True once the first list arrived (so the empty state is not shown while loading). */
  loaded: boolean;
  loading: boolean;
  checkingAll: boolean;
  busy: Record<string, AccountBusy | undefined>;
  errors: Partial<Record<AccountsPlace, AppError>>;
  fetch(): Promise<void>;
  check(accountId?: string): Promise<void>;
  disconnect(accountId: string): Promise<Result<{ removed: true }>>;
  setDefaultMode(accountId: string, mode: Account['defaultMode']): Promise<void>;
  /** Turns messages off: main forgets the account's stored messages. */
  disableMessages(accountId: string): Promise<Result<{ removed: number }>>;
  clearError(place: AccountsPlace): void;
}

/** Replaces the checked accounts in place, keeping the list's order. */
export function mergeAccounts(current: Account[], updated: Account[]): Account[] {
  const byId = new Map(updated.map((a) => [a.id, a]));
  const merged = current.map((a) => byId.get(a.id) ?? a);
  for (const a of updated) if (!current.some((c) => c.id === a.id)) merged.push(a);
  return merged;
}

export function createAccountsStore(bridge: Bridge) {
  const latestList = newestOnly();
  return createStore<AccountsState>()((set, get) => {
    const setError = (place: AccountsPlace, error: AppError | undefined) =>
      set((s) => ({ errors: { ...s.errors, [place]: error } }));
    const setBusy = (id: string, busy: AccountBusy | undefined) =>
      set((s) => ({ busy: { ...s.busy, [id]: busy } }));

    return {
      accounts: [],
      loaded: false,
      loading: false,
      checkingAll: false,
      busy: {},
      errors: {},

      async fetch() {
        set({ loading: true });
        const result = await latestList(() => bridge.invoke('accounts.list', {}));
        if (!result) return; // a newer fetch is under way; its answer wins
        if (result.ok) {
          set({ accounts: result.value, loaded: true, loading: false });
          setError('list', undefined);
        } else {
          set({ loading: false });
          setError('list', result.error);
        }
      },

      async check(accountId) {
        const place: AccountsPlace = accountId ? `account:${accountId}` : 'checkAll';
        setError(place, undefined);
        if (accountId) setBusy(accountId, 'checking');
        else set({ checkingAll: true });
        const result = await bridge.invoke('accounts.check', accountId ? { accountId } : {});
        if (accountId) setBusy(accountId, undefined);
        else set({ checkingAll: false });
        if (result.ok) set({ accounts: mergeAccounts(get().accounts, result.value) });
        else setError(place, result.error);
      },

      async setDefaultMode(accountId, mode) {
        const place: AccountsPlace = `account:${accountId}`;
        setError(place, undefined);
        setBusy(accountId, 'saving');
        const result = await bridge.invoke('accounts.setDefaultMode', { accountId, mode });
        setBusy(accountId, undefined);
        if (result.ok) set({ accounts: mergeAccounts(get().accounts, [result.value]) });
        else setError(place, result.error);
      },

      async disconnect(accountId) {
        const place: AccountsPlace = `account:${accountId}`;
        setError(place, undefined);
        setBusy(accountId, 'disconnecting');
        const result = await bridge.invoke('accounts.disconnect', { accountId });
        setBusy(accountId, undefined);
        if (result.ok) {
          set((s) => ({ accounts: s.accounts.filter((a) => a.id !== accountId) }));
        } else {
          setError(place, result.error);
        }
        return result;
      },

      async disableMessages(accountId) {
        const result = await bridge.invoke('accounts.disableMessages', { accountId });
        // The row and the Messages screen follow at once, not at the next change event.
        if (result.ok) set((s) => ({ accounts: s.accounts.map((a) => (a.id === accountId ? { ...a, messagesEnabled: false } : a)) }));
        return result;
      },

      clearError(place) {
        setError(place, undefined);
      },
    };
  });
}

export type AccountsStore = ReturnType<typeof createAccountsStore>;
