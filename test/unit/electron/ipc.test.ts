import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fakeElectron'));

import { FakeWebContents, FakeWebFrame, ipcMain, resetFakes } from './fakeElectron';
import { channels } from '../../../src-shared/ipc';
import type { AppEvent } from '../../../src-shared/events';
import { forwardAppEvents, isTrustedSender, registerIpcHandlers, registerSaveDialog, TrustedSenders } from '../../../src-main/electron/ipc';
import { EVENT_CHANNEL, EXPORT_PATH_CHANNEL } from '../../../src-main/electron/bridgeChannel';

const APP = 'file:///opt/postdeck/dist/renderer/index.html';

function setup() {
  const trusted = new TrustedSenders();
  const window = new FakeWebContents();
  trusted.add(window as never);
  const dispatch = vi.fn(async (channel: string, input: unknown) => ({ ok: true as const, value: { channel, input } }));
  registerIpcHandlers({ ipcMain: ipcMain as never, app: { dispatch }, trusted, appPageUrl: APP });
  return { trusted, window, dispatch };
}

function call(channel: string, event: { sender: unknown; senderFrame: unknown }, input: unknown = {}) {
  const handler = ipcMain.handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler(event, input) as Promise<unknown>;
}

const refused = { ok: false, error: expect.objectContaining({ code: 'invalid_request' }) };

describe('IPC handlers', () => {
  beforeEach(resetFakes);

  it('registers one handler per channel of the table, and removes them', () => {
    const trusted = new TrustedSenders();
    const remove = registerIpcHandlers({ ipcMain: ipcMain as never, app: { dispatch: vi.fn() }, trusted, appPageUrl: APP });
    expect([...ipcMain.handlers.keys()].sort()).toEqual(Object.keys(channels).sort());
    remove();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('dispatches a call from the trusted window top frame showing the app page', async () => {
    const { window, dispatch } = setup();
    const result = await call('accounts.list', { sender: window, senderFrame: new FakeWebFrame(`${APP}#/accounts`) }, { a: 1 });
    expect(dispatch).toHaveBeenCalledWith('accounts.list', { a: 1 });
    expect(result).toEqual({ ok: true, value: { channel: 'accounts.list', input: { a: 1 } } });
  });

  it('refuses an untrusted webContents without dispatching', async () => {
    const { dispatch } = setup();
    const stranger = new FakeWebContents();
    expect(await call('accounts.list', { sender: stranger, senderFrame: new FakeWebFrame(APP) })).toEqual(refused);
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses a sub-frame of the trusted window, even one showing the app page', async () => {
    const { window, dispatch } = setup();
    const top = new FakeWebFrame(APP);
    expect(await call('accounts.disconnect', { sender: window, senderFrame: new FakeWebFrame(APP, top) })).toEqual(refused);
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('refuses the trusted window when it shows a foreign page, or has no frame', async () => {
    const { window, dispatch } = setup();
    expect(await call('accounts.list', { sender: window, senderFrame: new FakeWebFrame('https://evil.example/') })).toEqual(refused);
    expect(await call('accounts.list', { sender: window, senderFrame: new FakeWebFrame('file:///tmp/evil.html') })).toEqual(refused);
    expect(await call('accounts.list', { sender: window, senderFrame: null })).toEqual(refused);
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('stops trusting a window once its webContents is destroyed', async () => {
    const { window, dispatch, trusted } = setup();
    window.destroy();
    expect(trusted.has(window.id)).toBe(false);
    expect(await call('accounts.list', { sender: window, senderFrame: new FakeWebFrame(APP) })).toEqual(refused);
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('turns a throwing dispatch into internal_error rather than an exception', async () => {
    const trusted = new TrustedSenders();
    const window = new FakeWebContents();
    trusted.add(window as never);
    const dispatch = vi.fn(async () => {
      throw new Error('secret IGQVJ-token-in-message');
    });
    registerIpcHandlers({ ipcMain: ipcMain as never, app: { dispatch }, trusted, appPageUrl: APP });
    const result = await call('accounts.list', { sender: window, senderFrame: new FakeWebFrame(APP) });
    expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'internal_error' }) });
    expect(JSON.stringify(result)).not.toContain('IGQVJ');
  });
});

describe("the export's Save dialog", () => {
  beforeEach(resetFakes);

  function dialogSetup(answer: string | null) {
    const trusted = new TrustedSenders();
    const window = new FakeWebContents();
    trusted.add(window as never);
    const showSaveDialog = vi.fn(async (_options: { defaultName: string }) => answer);
    const remove = registerSaveDialog({ ipcMain: ipcMain as never, trusted, appPageUrl: APP, showSaveDialog });
    return { window, showSaveDialog, remove };
  }

  it('opens for the app page with the suggested name, and answers the chosen path or null', async () => {
    const { window, showSaveDialog, remove } = dialogSetup('/home/maya/Documents/postdeck-2026-11-25.pdx');
    expect(await call(EXPORT_PATH_CHANNEL, { sender: window, senderFrame: new FakeWebFrame(APP) }, 'postdeck-2026-11-25.pdx')).toBe('/home/maya/Documents/postdeck-2026-11-25.pdx');
    expect(showSaveDialog).toHaveBeenCalledWith({ defaultName: 'postdeck-2026-11-25.pdx' });
    remove();
    expect(ipcMain.handlers.has(EXPORT_PATH_CHANNEL)).toBe(false);
    const cancelled = dialogSetup(null);
    expect(await call(EXPORT_PATH_CHANNEL, { sender: cancelled.window, senderFrame: new FakeWebFrame(APP) }, 'postdeck.pdx')).toBeNull();
  });

  it('suggests only a plain .pdx name, never a path the page chose', async () => {
    const { window, showSaveDialog } = dialogSetup(null);
    for (const name of ['../../.ssh/authorized_keys', '/etc/passwd.pdx', 'notes.txt', 42]) {
      await call(EXPORT_PATH_CHANNEL, { sender: window, senderFrame: new FakeWebFrame(APP) }, name);
    }
    expect(showSaveDialog.mock.calls.map(([options]) => options.defaultName)).toEqual(['postdeck.pdx', 'postdeck.pdx', 'postdeck.pdx', 'postdeck.pdx']);
  });

  it('shows nothing to a page that is not the app', async () => {
    const { window, showSaveDialog } = dialogSetup('/tmp/x.pdx');
    expect(await call(EXPORT_PATH_CHANNEL, { sender: window, senderFrame: new FakeWebFrame('https://evil.example/') }, 'postdeck.pdx')).toBeNull();
    expect(await call(EXPORT_PATH_CHANNEL, { sender: new FakeWebContents(), senderFrame: new FakeWebFrame(APP) }, 'postdeck.pdx')).toBeNull();
    expect(showSaveDialog).not.toHaveBeenCalled();
  });
});

describe('isTrustedSender (the one guard)', () => {
  const trusted = { has: (id: number) => id === 7 };
  const top = new FakeWebFrame(APP);
  it('is true only for all three conditions together', () => {
    expect(isTrustedSender({ sender: { id: 7 }, senderFrame: top }, trusted, APP)).toBe(true);
    expect(isTrustedSender({ sender: { id: 8 }, senderFrame: top }, trusted, APP)).toBe(false);
    expect(isTrustedSender({ sender: { id: 7 }, senderFrame: new FakeWebFrame(APP, top) }, trusted, APP)).toBe(false);
    expect(isTrustedSender({ sender: { id: 7 }, senderFrame: new FakeWebFrame('https://www.instagram.com/') }, trusted, APP)).toBe(false);
    expect(isTrustedSender({ sender: null, senderFrame: top }, trusted, APP)).toBe(false);
  });
});

describe('forwardAppEvents', () => {
  beforeEach(resetFakes);

  it('sends app events to trusted, live windows only', () => {
    let listener: (event: AppEvent) => void = () => {};
    const unsubscribe = vi.fn();
    const trusted = new TrustedSenders();
    const window = new FakeWebContents();
    const closedWindow = new FakeWebContents();
    const stranger = new FakeWebContents();
    trusted.add(window as never);
    trusted.add(closedWindow as never);
    closedWindow.destroy();
    const stop = forwardAppEvents(
      {
        subscribe: (fn) => {
          listener = fn;
          return unsubscribe;
        },
      },
      trusted,
    );
    listener({ name: 'accounts.changed', payload: { reason: 'connected' } });
    expect(window.sent).toEqual([[EVENT_CHANNEL, 'accounts.changed', { reason: 'connected' }]]);
    expect(closedWindow.sent).toEqual([]);
    expect(stranger.sent).toEqual([]);
    stop();
    expect(unsubscribe).toHaveBeenCalled();
  });
});
