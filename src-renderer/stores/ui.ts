import type { ExternalLinkName } from '../../src-shared/externalLinks';
import { createStore } from 'zustand/vanilla';

export type Screen = 'accounts' | 'settings';

export interface Notice {
  id: number;
  kind: 'success' | 'info';
  text: string;
  /** Optional link shown after the text (e.g. Instagram's "Apps and websites" page), by allowlist name. */
  link?: { to: ExternalLinkName; label: string };
  /** Text after the link. */
  after?: string;
  /** Milliseconds until it dismisses itself; absent = stays until dismissed. */
  timeoutMs?: number;
}

export interface UiState {
  screen: Screen;
  notices: Notice[];
  navigate(screen: Screen): void;
  notify(notice: Omit<Notice, 'id'>): number;
  dismiss(id: number): void;
}

export function createUiStore(initialScreen: Screen = 'accounts') {
  let nextId = 1;
  return createStore<UiState>()((set) => ({
    screen: initialScreen,
    notices: [],
    navigate(screen) {
      set({ screen });
    },
    notify(notice) {
      const id = nextId++;
      // Newest last; keep the region short.
      set((s) => ({ notices: [...s.notices, { ...notice, id }].slice(-4) }));
      return id;
    },
    dismiss(id) {
      set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
    },
  }));
}

export type UiStore = ReturnType<typeof createUiStore>;
