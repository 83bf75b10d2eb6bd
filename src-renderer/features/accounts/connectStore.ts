import { createStore } from 'zustand/vanilla';
import type { AppError } from '../../../src-shared/errors';
import type { EventMap } from '../../../src-shared/events';
import type { MessagesOutcome } from '../../../src-shared/messages';
import type { Account, HostKind } from '../../../src-shared/models';
import type { Bridge } from '../../bridge';

/**
 * Where a connection attempt was started: the toolbar ('new'), the row of the account being reconnected, or
 * that account's Messages… dialog (`messages`: the same account again, asking for messages too).
 */
export type ConnectPlace = 'new' | { accountId: string; messages?: true };

export function placeKey(place: ConnectPlace): string {
  if (place === 'new') return 'new';
  return `${place.messages ? 'messages' : 'account'}:${place.accountId}`;
}

const asksMessages = (place: ConnectPlace) => place !== 'new' && place.messages === true;

export type ConnectOutcome =
  | { place: ConnectPlace; kind: 'error'; error: AppError }
  | { place: ConnectPlace; kind: 'cancelled' }
  /** Turning messages on ended: granted, or declined on Instagram's screen with the account left as it was. */
  | { place: ConnectPlace; kind: 'messages'; messages: MessagesOutcome };

/** The sign-in popup as the renderer sees it (a `Window` on the browser host). */
export interface PopupLike {
  readonly closed: boolean;
  close(): void;
  location: { replace(url: string): void };
}

export interface ConnectDeps {
  bridge: Bridge;
  /** Which host we run in; the browser host needs the renderer to open the popup itself. */
  host(): HostKind;
  /** Must be called synchronously inside the click handler, or popup blockers step in. */
  openPopup(): PopupLike | null;
  /** `messages`: the attempt asked to turn messages on, and this is how it ended. */
  onConnected(account: Account | undefined, messages?: MessagesOutcome): void;
  setInterval?: (fn: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
  setTimeout?: (fn: () => void, ms: number) => unknown;
}

export interface ConnectState {
  phase: 'idle' | 'starting' | 'waiting';
  place: ConnectPlace | null;
  attemptId: string | null;
  /** Browser host only: the popup was blocked, so the user opens this link themselves. */
  blockedAuthorizeUrl: string | null;
  outcome: ConnectOutcome | null;
  /** The main process's last progress step for the current attempt, once Instagram sent the user back. */
  step: EventMap['connect.progress']['step'] | null;
  start(place: ConnectPlace): void;
  cancel(): Promise<void>;
  dismissOutcome(): void;
  handleFinished(payload: EventMap['connect.finished']): void;
  handleProgress(payload: EventMap['connect.progress']): void;
}

/** How often the popup is looked at (the popup, never the main process). */
export const POPUP_WATCH_MS = 500;
/** After the popup closes, how long a result may still arrive before we call it cancelled. */
export const POPUP_CLOSED_GRACE_MS = 1500;

export function createConnectStore(deps: ConnectDeps) {
  const setIntervalFn = deps.setInterval ?? ((fn, ms) => window.setInterval(fn, ms));
  const clearIntervalFn = deps.clearInterval ?? ((h) => window.clearInterval(h as number));
  const setTimeoutFn = deps.setTimeout ?? ((fn, ms) => window.setTimeout(fn, ms));

  let popup: PopupLike | null = null;
  let watcher: unknown = null;
  /** Results that arrived before accounts.connect itself answered. */
  const early = new Map<string, EventMap['connect.finished']>();
  /** Attempts we gave up on locally, and where they started; a late success from one of them still counts. */
  const ended = new Map<string, ConnectPlace>();

  function stopWatching(): void {
    if (watcher !== null) clearIntervalFn(watcher);
    watcher = null;
  }

  function closePopup(): void {
    try {
      if (popup && !popup.closed) popup.close();
    } catch {
      // a cross-origin popup may refuse; nothing else to do
    }
    popup = null;
  }

  return createStore<ConnectState>()((set, get) => {
    function endLocallyAsCancelled(attemptId: string): void {
      const { attemptId: current, place } = get();
      if (current !== attemptId || !place) return;
      stopWatching();
      closePopup();
      ended.set(attemptId, place);
      set({ phase: 'idle', attemptId: null, blockedAuthorizeUrl: null, step: null, outcome: { place, kind: 'cancelled' } });
    }

    function watchPopup(attemptId: string): void {
      stopWatching();
      watcher = setIntervalFn(() => {
        if (!popup || !popup.closed) return;
        stopWatching();
        popup = null;
        // The callback page may close itself a moment before its result reaches us: wait a little.
        setTimeoutFn(() => {
          if (get().attemptId !== attemptId) return;
          void deps.bridge.invoke('accounts.cancelConnect', { attemptId }).then(() => endLocallyAsCancelled(attemptId));
        }, POPUP_CLOSED_GRACE_MS);
      }, POPUP_WATCH_MS);
    }

    return {
      phase: 'idle',
      place: null,
      attemptId: null,
      blockedAuthorizeUrl: null,
      outcome: null,
      step: null,

      start(place) {
        if (get().phase !== 'idle') return;
        const web = deps.host() === 'web';
        closePopup();
        // The opener link is kept on purpose: Chromium lets a window close a cross-origin popup only
        // if it may navigate it, i.e. only while it is still the popup's opener.
        popup = web ? deps.openPopup() : null;
        set({ phase: 'starting', place, attemptId: null, blockedAuthorizeUrl: null, outcome: null, step: null });

        const call =
          place === 'new'
            ? deps.bridge.invoke('accounts.connect', {})
            : place.messages
              ? deps.bridge.invoke('accounts.enableMessages', { accountId: place.accountId })
              : deps.bridge.invoke('accounts.reconnect', { accountId: place.accountId });

        void call.then((result) => {
          if (!result.ok) {
            closePopup();
            set({ phase: 'idle', place, outcome: { place, kind: 'error', error: result.error } });
            return;
          }
          const { attemptId, authorizeUrl } = result.value;
          set({ phase: 'waiting', attemptId });
          if (web) {
            if (popup && !popup.closed) {
              popup.location.replace(authorizeUrl);
              watchPopup(attemptId);
            } else if (popup) {
              // Closed before we even got the address.
              popup = null;
              void deps.bridge
                .invoke('accounts.cancelConnect', { attemptId })
                .then(() => endLocallyAsCancelled(attemptId));
              return;
            } else {
              set({ blockedAuthorizeUrl: authorizeUrl });
            }
          }
          const pending = early.get(attemptId);
          early.clear();
          if (pending) get().handleFinished(pending);
        });
      },

      async cancel() {
        const { attemptId, phase } = get();
        if (phase !== 'waiting' || !attemptId) return;
        endLocallyAsCancelled(attemptId);
        await deps.bridge.invoke('accounts.cancelConnect', { attemptId });
      },

      dismissOutcome() {
        set({ outcome: null });
      },

      handleFinished(payload) {
        const { attemptId, phase, place } = get();
        // Main tells how a messages attempt ended; a success without that word never claims messages are on.
        const succeeded = (at: ConnectPlace) => {
          if (asksMessages(at)) {
            const messages = payload.messages ?? 'stayed_off';
            set({ outcome: { place: at, kind: 'messages', messages } });
            deps.onConnected(payload.account, messages);
          } else {
            deps.onConnected(payload.account);
          }
        };
        if (payload.attemptId === attemptId && place) {
          stopWatching();
          closePopup();
          ended.set(payload.attemptId, place);
          if (payload.ok) {
            set({ phase: 'idle', attemptId: null, blockedAuthorizeUrl: null, outcome: null, step: null });
            succeeded(place);
          } else {
            const error = payload.error;
            const outcome: ConnectOutcome =
              !error || error.code === 'cancelled' ? { place, kind: 'cancelled' } : { place, kind: 'error', error };
            set({ phase: 'idle', attemptId: null, blockedAuthorizeUrl: null, outcome, step: null });
          }
          return;
        }
        const endedAt = ended.get(payload.attemptId);
        if (endedAt) {
          // We stopped waiting (popup closed, Cancel) but Instagram finished anyway: a success still counts.
          if (payload.ok) {
            if (get().outcome?.kind === 'cancelled') set({ outcome: null });
            succeeded(endedAt);
          }
          return;
        }
        if (phase === 'starting') early.set(payload.attemptId, payload);
      },

      handleProgress(payload) {
        if (payload.attemptId === get().attemptId) set({ step: payload.step });
      },
    };
  });
}

export type ConnectStore = ReturnType<typeof createConnectStore>;
