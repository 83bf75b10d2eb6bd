import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Bridge } from '../../../src-renderer/bridge';
import { createConnectStore, POPUP_CLOSED_GRACE_MS, POPUP_WATCH_MS } from '../../../src-renderer/features/accounts/connectStore';
import type { PopupLike } from '../../../src-renderer/features/accounts/connectStore';
import { appError } from '../../../src-shared/errors';
import type { Account } from '../../../src-shared/models';

class FakePopup implements PopupLike {
  closed = false;
  url: string | null = null;
  location = { replace: (url: string) => void (this.url = url) };
  close() {
    this.closed = true;
  }
}

const maya = { id: 'acc-1', username: 'maya.makes' } as Account;

function setup(options: { host?: 'web' | 'desktop'; invoke?: (channel: string, input: unknown) => unknown } = {}) {
  const calls: Array<[string, unknown]> = [];
  const bridge: Bridge = {
    invoke: (async (channel: string, input: unknown) => {
      calls.push([channel, input]);
      if (options.invoke) return options.invoke(channel, input);
      if (channel === 'accounts.connect' || channel === 'accounts.reconnect' || channel === 'accounts.enableMessages') {
        return { ok: true, value: { attemptId: 'att-1', authorizeUrl: 'http://sandbox/authorize?x=1' } };
      }
      return { ok: true, value: {} };
    }) as Bridge['invoke'],
    on: () => () => {},
    importFile: async () => ({ ok: false, error: { code: 'invalid_request', message: 'not in this test' } }),
    mediaUrl: () => '',
  };
  const popup = new FakePopup();
  const onConnected = vi.fn();
  const store = createConnectStore({
    bridge,
    host: () => options.host ?? 'web',
    openPopup: () => popup,
    onConnected,
    setInterval: (fn, ms) => setInterval(fn, ms),
    clearInterval: (h) => clearInterval(h as ReturnType<typeof setInterval>),
    setTimeout: (fn, ms) => setTimeout(fn, ms),
  });
  return { store, popup, calls, onConnected };
}

const flush = () => vi.advanceTimersByTimeAsync(0);

describe('connect store', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });

  it('web: opens the popup at once, then points it at the authorize URL and waits', async () => {
    const { store, popup, calls } = setup();
    store.getState().start('new');
    expect(store.getState().phase).toBe('starting');
    await flush();
    expect(calls[0]).toEqual(['accounts.connect', {}]);
    expect(popup.url).toBe('http://sandbox/authorize?x=1');
    expect(store.getState()).toMatchObject({ phase: 'waiting', attemptId: 'att-1' });
  });

  it('success: closes the popup, clears the state and reports the account', async () => {
    const { store, popup, onConnected } = setup();
    store.getState().start('new');
    await flush();
    store.getState().handleFinished({ attemptId: 'att-1', ok: true, account: maya });
    expect(onConnected).toHaveBeenCalledWith(maya);
    expect(popup.closed).toBe(true);
    expect(store.getState()).toMatchObject({ phase: 'idle', attemptId: null, outcome: null });
  });

  it('failure: shows the error where the attempt started', async () => {
    const { store } = setup();
    store.getState().start({ accountId: 'acc-1' });
    await flush();
    const error = appError('scope_rejected', 'Publish content');
    store.getState().handleFinished({ attemptId: 'att-1', ok: false, error });
    expect(store.getState().outcome).toEqual({ place: { accountId: 'acc-1' }, kind: 'error', error });
  });

  it('a cancelled result is quiet', async () => {
    const { store } = setup();
    store.getState().start('new');
    await flush();
    store.getState().handleFinished({ attemptId: 'att-1', ok: false, error: appError('cancelled') });
    expect(store.getState().outcome).toEqual({ place: 'new', kind: 'cancelled' });
  });

  it('ignores results of other attempts', async () => {
    const { store, onConnected } = setup();
    store.getState().start('new');
    await flush();
    store.getState().handleFinished({ attemptId: 'someone-else', ok: true, account: maya });
    expect(onConnected).not.toHaveBeenCalled();
    expect(store.getState().phase).toBe('waiting');
  });

  it('when the popup is closed by the user, cancels the attempt after a grace period', async () => {
    const { store, popup, calls } = setup();
    store.getState().start('new');
    await flush();
    popup.closed = true;
    await vi.advanceTimersByTimeAsync(POPUP_WATCH_MS);
    expect(store.getState().phase).toBe('waiting');
    await vi.advanceTimersByTimeAsync(POPUP_CLOSED_GRACE_MS);
    expect(calls).toContainEqual(['accounts.cancelConnect', { attemptId: 'att-1' }]);
    expect(store.getState()).toMatchObject({ phase: 'idle', outcome: { kind: 'cancelled' } });
  });

  it('a result arriving in the grace period wins over cancelling', async () => {
    const { store, popup, calls, onConnected } = setup();
    store.getState().start('new');
    await flush();
    popup.closed = true; // the callback page closed itself
    await vi.advanceTimersByTimeAsync(POPUP_WATCH_MS);
    store.getState().handleFinished({ attemptId: 'att-1', ok: true, account: maya });
    await vi.advanceTimersByTimeAsync(POPUP_CLOSED_GRACE_MS);
    expect(onConnected).toHaveBeenCalledTimes(1);
    expect(calls.some(([c]) => c === 'accounts.cancelConnect')).toBe(false);
    expect(store.getState().outcome).toBeNull();
  });

  it('Cancel: stops waiting, closes the popup and tells the main process', async () => {
    const { store, popup, calls } = setup();
    store.getState().start('new');
    await flush();
    await store.getState().cancel();
    expect(popup.closed).toBe(true);
    expect(calls).toContainEqual(['accounts.cancelConnect', { attemptId: 'att-1' }]);
    expect(store.getState()).toMatchObject({ phase: 'idle', outcome: { kind: 'cancelled' } });
  });

  it('if connect fails, closes the blank popup and shows the error', async () => {
    const error = appError('internal_error');
    const { store, popup } = setup({ invoke: () => ({ ok: false, error }) });
    store.getState().start('new');
    await flush();
    expect(popup.closed).toBe(true);
    expect(store.getState()).toMatchObject({ phase: 'idle', outcome: { kind: 'error', error } });
  });

  it('desktop: opens no popup and just waits for the event', async () => {
    const { store, popup, onConnected } = setup({ host: 'desktop' });
    store.getState().start({ accountId: 'acc-1' });
    await flush();
    expect(popup.url).toBeNull();
    expect(store.getState().phase).toBe('waiting');
    await vi.advanceTimersByTimeAsync(POPUP_WATCH_MS * 4);
    store.getState().handleFinished({ attemptId: 'att-1', ok: true, account: maya });
    expect(onConnected).toHaveBeenCalledWith(maya);
  });

  it('a result that arrives before accounts.connect answers is not lost', async () => {
    let resolveConnect!: (value: unknown) => void;
    const { store, onConnected } = setup({
      invoke: (channel) =>
        channel === 'accounts.connect'
          ? new Promise((resolve) => (resolveConnect = resolve))
          : { ok: true, value: {} },
    });
    store.getState().start('new');
    store.getState().handleFinished({ attemptId: 'att-9', ok: true, account: maya });
    resolveConnect({ ok: true, value: { attemptId: 'att-9', authorizeUrl: 'http://x' } });
    await flush();
    expect(onConnected).toHaveBeenCalledWith(maya);
  });
});

describe('turning messages on', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  const messagesPlace = { accountId: 'acc-1', messages: true } as const;

  it('signs in to the same account asking for messages, apart from a plain reconnect', async () => {
    const { store, calls } = setup();
    store.getState().start(messagesPlace);
    await flush();
    expect(calls[0]).toEqual(['accounts.enableMessages', { accountId: 'acc-1' }]);
  });

  it('granted: says so where it was asked, without the "Connected" news', async () => {
    const { store, onConnected } = setup();
    store.getState().start(messagesPlace);
    await flush();
    store.getState().handleFinished({ attemptId: 'att-1', ok: true, account: maya, messages: 'enabled' });
    expect(store.getState().outcome).toEqual({ place: messagesPlace, kind: 'messages', messages: 'enabled' });
    expect(onConnected).toHaveBeenCalledWith(maya, 'enabled');
  });

  it('declined on Instagram’s screen: messages stay off, never an error', async () => {
    const { store, onConnected } = setup();
    store.getState().start(messagesPlace);
    await flush();
    store.getState().handleFinished({ attemptId: 'att-1', ok: true, account: maya, messages: 'stayed_off' });
    expect(store.getState().outcome).toEqual({ place: messagesPlace, kind: 'messages', messages: 'stayed_off' });
    expect(onConnected).toHaveBeenCalledWith(maya, 'stayed_off');
  });

  it('a success that does not say messages were granted never claims they are on', async () => {
    const { store } = setup();
    store.getState().start(messagesPlace);
    await flush();
    store.getState().handleFinished({ attemptId: 'att-1', ok: true, account: maya });
    expect(store.getState().outcome).toMatchObject({ kind: 'messages', messages: 'stayed_off' });
  });
});

describe('connect progress', () => {
  it('shows progress of the current attempt only, and forgets it when done', async () => {
    vi.useFakeTimers();
    const { store } = setup();
    store.getState().start('new');
    await vi.advanceTimersByTimeAsync(0);
    store.getState().handleProgress({ attemptId: 'other', step: 'saving' });
    expect(store.getState().step).toBeNull();
    store.getState().handleProgress({ attemptId: 'att-1', step: 'fetching_profile' });
    expect(store.getState().step).toBe('fetching_profile');
    store.getState().handleFinished({ attemptId: 'att-1', ok: true, account: maya });
    expect(store.getState().step).toBeNull();
  });
});
