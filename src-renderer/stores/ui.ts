import type { ExternalLinkName } from '../../src-shared/externalLinks';
import { createStore } from 'zustand/vanilla';
import { DEFAULT_ROUTE, formatRoute, pageKey, parseRoute, routeForScreen } from '../lib/routes';
import type { Route, Screen } from '../lib/routes';

export type { Route, Screen } from '../lib/routes';

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
  /**
   * Where it shows: the page it was raised on (its pageKey), and it goes when you leave that page; or
   * `app` for news that concerns every screen (an account connected from the sign-in window).
   */
  scope: string;
}

/** What a caller gives: a notice belongs to the current page unless it says `appWide`. */
export type NoticeInput = Omit<Notice, 'id' | 'scope'> & { appWide?: boolean };

/** The address bar and its history, as the router needs them (the window's, or a fake in tests). */
export interface LocationPort {
  /** The current #hash, e.g. '#/posts'. */
  hash(): string;
  /** A new history entry, so Back returns here. */
  push(hash: string): void;
  /** The same entry with another address (no extra Back step). */
  replace(hash: string): void;
  /** Called when the address changes without us: Back, Forward, a typed address, a plain #link. */
  listen(onChange: () => void): () => void;
}

export function windowLocation(win: Window): LocationPort {
  return {
    hash: () => win.location.hash,
    push: (hash) => win.history.pushState(null, '', hash),
    replace: (hash) => win.history.replaceState(win.history.state, '', hash),
    listen(onChange) {
      // Back/Forward fire popstate (and hashchange); a typed address or a #link fires hashchange only.
      win.addEventListener('popstate', onChange);
      win.addEventListener('hashchange', onChange);
      return () => {
        win.removeEventListener('popstate', onChange);
        win.removeEventListener('hashchange', onChange);
      };
    },
  };
}

export interface NavigateOptions {
  /** Replace the current history entry, e.g. leaving a composer that was just saved. */
  replace?: boolean;
}

export interface UiState {
  route: Route;
  notices: Notice[];
  /** Where the user asked to go while the screen had unsaved changes: a dialog asks before going there. */
  pendingLeave: Route | null;
  navigate(to: Screen | Route, options?: NavigateOptions): void;
  /**
   * A screen with work to lose (the composer) says whether it has unsaved changes now; null when it closes.
   * Navigation by a link, the header or Back then waits for `confirmLeave` or `stay`.
   */
  guardLeaving(hasUnsavedChanges: (() => boolean) | null): void;
  confirmLeave(): void;
  stay(): void;
  notify(notice: NoticeInput): number;
  dismiss(id: number): void;
}

/**
 * UI state: the current route (kept in step with the address bar) and the notices. Returns the store
 * and `stop`, which detaches it from the location.
 */
export function createUiStore(location: LocationPort) {
  let nextId = 1;
  const initial = parseRoute(location.hash());
  // An unknown or empty address shows the default screen under its own address.
  if (!initial || formatRoute(initial) !== location.hash()) location.replace(formatRoute(initial ?? DEFAULT_ROUTE));

  /** The new route, and only the notices that belong to its page or to the whole app. */
  const arriveAt = (route: Route) => (s: UiState) => {
    const page = pageKey(route);
    return { route, pendingLeave: null, notices: s.notices.filter((n) => n.scope === 'app' || n.scope === page) };
  };

  let hasUnsavedChanges: (() => boolean) | null = null;
  const store = createStore<UiState>()((set, get) => ({
    route: initial ?? DEFAULT_ROUTE,
    notices: [],
    pendingLeave: null,
    navigate(to, options = {}) {
      const route = typeof to === 'string' ? routeForScreen(to) : to;
      const hash = formatRoute(route);
      if (hash === location.hash()) {
        if (formatRoute(get().route) !== hash) set(arriveAt(route));
        return;
      }
      if (hasUnsavedChanges?.()) {
        set({ pendingLeave: route });
        return;
      }
      if (options.replace) location.replace(hash);
      else location.push(hash);
      set(arriveAt(route));
    },
    guardLeaving(check) {
      hasUnsavedChanges = check;
    },
    confirmLeave() {
      const to = get().pendingLeave;
      if (!to) return;
      hasUnsavedChanges = null;
      get().navigate(to);
    },
    stay() {
      set({ pendingLeave: null });
    },
    notify({ appWide, ...notice }) {
      const id = nextId++;
      const scope = appWide ? 'app' : pageKey(get().route);
      // Newest last; keep the region short.
      set((s) => ({ notices: [...s.notices, { ...notice, id, scope }].slice(-4) }));
      return id;
    },
    dismiss(id) {
      set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
    },
  }));

  const stop = location.listen(() => {
    const hash = location.hash();
    const route = parseRoute(hash);
    if (!route) {
      location.replace(formatRoute(store.getState().route));
      return;
    }
    const current = store.getState().route;
    if (formatRoute(route) === formatRoute(current)) return;
    if (hasUnsavedChanges?.()) {
      // The address already moved (a link, Back): put the screen's own back and ask first.
      location.replace(formatRoute(current));
      store.setState({ pendingLeave: route });
      return;
    }
    store.setState(arriveAt(route));
  });
  return Object.assign(store, { stop });
}

export type UiStore = ReturnType<typeof createUiStore>;
