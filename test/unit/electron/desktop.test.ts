import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';

vi.mock('electron', () => import('./fakeElectron'));

import { app, BrowserWindow, clipboard, dialog, FakeWebFrame, ipcMain, Menu, net, powerMonitor, protocol, resetFakes, session, shell, Tray } from './fakeElectron';
import type { AppConfig, PostdeckApp } from '../../../src-main/app/types';
import type { AppEvent } from '../../../src-shared/events';
import { appError } from '../../../src-shared/errors';
import { Failure } from '../../../src-main/config/failure';
import { desktopPaths, runDesktop } from '../../../src-main/electron/desktop';
import { EXPORT_PATH_CHANNEL } from '../../../src-main/electron/bridgeChannel';
import { ElectronAuthWindow } from '../../../src-main/electron/authPopup';
import { SafeStorageProtector } from '../../../src-main/electron/safeStorageProtector';

/** A library picture on disk, which the media scheme streams. */
const PICTURE = path.join(mkdtempSync(path.join(tmpdir(), 'postdeck-scheme-')), 'm-1-thumb.jpg');
writeFileSync(PICTURE, 'file bytes');

function fakeCore(preferences = { keepRunningInTray: false, startAtLogin: false }) {
  const listeners = new Set<(event: AppEvent) => void>();
  let attention = 0;
  let waiting = 0;
  const core = {
    preferences,
    setAttention: (n: number) => {
      attention = n;
    },
    setWaiting: (n: number) => {
      waiting = n;
    },
    emit: (event: AppEvent) => listeners.forEach((listener) => listener(event)),
    dispatch: vi.fn(async (channel: string) =>
      channel === 'settings.getPreferences' ? { ok: true as const, value: { ...core.preferences } } : { ok: true as const, value: channel },
    ),
    subscribe: vi.fn((listener: (event: AppEvent) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    }),
    wake: vi.fn(),
    attentionCount: vi.fn(() => attention),
    waitingForApprovalCount: vi.fn(() => waiting),
    close: vi.fn(async () => undefined),
    info: vi.fn(),
    handleOAuthCallback: vi.fn(),
    mediaPreview: vi.fn(async () => ({ ok: true as const, value: { path: PICTURE, contentType: 'image/jpeg', bytes: 10 } })),
  };
  return core;
}

let dataDir: string;

/** Resolves once `fn` has been called `times` times in all: hooks the calls themselves instead of polling. */
function whenCalled(fn: Mock, times = 1): Promise<void> {
  return new Promise((resolve) => {
    const original = fn.getMockImplementation();
    fn.mockImplementation((...args: unknown[]) => {
      const result: unknown = original?.(...args);
      if (fn.mock.calls.length >= times) {
        if (original) fn.mockImplementation(original);
        resolve();
      }
      return result;
    });
    if (fn.mock.calls.length >= times) resolve();
  });
}

async function started(core = fakeCore()) {
  const createApp = vi.fn(async (_config: AppConfig) => core as unknown as PostdeckApp);
  const windowOpened = new Promise((resolve) => app.once('web-contents-created', resolve)); // the main window's
  runDesktop({ createApp });
  await windowOpened;
  expect(BrowserWindow.instances).toHaveLength(1);
  const win = BrowserWindow.instances[0]!;
  return { core, createApp, win, config: createApp.mock.calls[0]![0] };
}

const trayLabels = () => (Tray.instances[0]?.menu?.template ?? []).map((item) => item.label ?? `(${item.type})`);

describe('runDesktop', () => {
  beforeEach(() => {
    resetFakes();
    dataDir = mkdtempSync(path.join(tmpdir(), 'postdeck-desktop-'));
    vi.stubEnv('POSTDECK_DATA_DIR', dataDir);
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });

  afterEach(() => {
    vi.unstubAllEnvs();
    vi.useRealTimers();
    vi.restoreAllMocks();
    delete (process as { resourcesPath?: string }).resourcesPath;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('quits at once when another instance holds the lock', async () => {
    app.singleInstance = false;
    const createApp = vi.fn();
    runDesktop({ createApp });
    await new Promise((resolve) => setImmediate(resolve));
    expect(app.quit).toHaveBeenCalled();
    expect(app.whenReady).not.toHaveBeenCalled();
    expect(createApp).not.toHaveBeenCalled();
    expect(BrowserWindow.instances).toHaveLength(0);
  });

  it('refuses a data folder another Postdeck owns, says who, and never opens the database', async () => {
    // A live process (this test's parent) holds the folder, as a running `postdeck serve` would.
    writeFileSync(path.join(dataDir, 'postdeck.lock'), JSON.stringify({ pid: process.ppid, kind: 'serve', startedAt: '2026-11-25T07:00:00.000Z', socketPath: 'x' }));
    const createApp = vi.fn();
    const refused = whenCalled(dialog.showMessageBox);
    runDesktop({ createApp });
    await refused;
    expect(String(dialog.showMessageBox.mock.calls[0]![0].message)).toContain(`serve, pid ${process.ppid}`);
    await new Promise((resolve) => setImmediate(resolve));
    expect(app.quit).toHaveBeenCalled();
    expect(createApp).not.toHaveBeenCalled();
  });

  it('listens on the local socket in the data folder (0600) once the core has started', async () => {
    await started();
    const socket = path.join(dataDir, 'postdeck.sock');
    expect(statSync(socket).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(path.join(dataDir, 'postdeck.lock'), 'utf8'))).toMatchObject({ pid: process.pid, kind: 'desktop' });
  });

  it('shows and focuses the window when a second instance starts', async () => {
    const { win } = await started();
    win.hide();
    win.minimized = true;
    app.emit('second-instance', {}, [], '/');
    expect(win.restore).toHaveBeenCalled();
    expect(win.isVisible()).toBe(true);
    expect(win.focus).toHaveBeenCalled();
  });

  it('creates the main window sandboxed and isolated, with the preload, hidden until ready-to-show', async () => {
    const { win } = await started();
    const paths = desktopPaths('/opt/postdeck-dev');
    expect(win.options).toMatchObject({ width: 1280, height: 800, minWidth: 800, minHeight: 600, show: false });
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      preload: path.join('/opt/postdeck-dev', 'dist-main', 'preload.cjs'),
    });
    expect(win.loadFile).toHaveBeenCalledWith(paths.indexHtml);
    expect(win.isVisible()).toBe(false);
    win.emit('ready-to-show');
    expect(win.isVisible()).toBe(true);
    // Every webContents is hardened, the main window's included.
    expect(win.webContents.windowOpenHandler?.({ url: 'https://evil.example' })).toEqual({ action: 'deny' });
    expect(win.webContents.attempt('will-navigate', 'https://evil.example')).toBe(true);
  });

  it('opens the manage-access link in the system browser, and no other address', async () => {
    const { win } = await started();
    expect(win.webContents.windowOpenHandler?.({ url: 'https://www.instagram.com/accounts/manage_access/' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledWith('https://www.instagram.com/accounts/manage_access/');
    expect(win.webContents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(win.webContents.attempt('will-navigate', 'https://evil.example/')).toBe(true);
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('builds the app for the desktop host with the Electron binding path, safeStorage and the popup', async () => {
    const { config } = await started();
    expect(config).toMatchObject({ host: 'desktop', version: '0.1.0', dataDir, backgroundTimers: true, checkContract: true });
    expect(config.keyProtector).toBeInstanceOf(SafeStorageProtector);
    expect(config.authWindow).toBeInstanceOf(ElectronAuthWindow);
    expect(config.sqliteNativeBinding).toBe(
      path.join('/opt/postdeck-dev', 'native', 'better-sqlite3', `electron-v${process.versions.modules}-${process.platform}-${process.arch}`, 'better_sqlite3.node'),
    );
  });

  it('answers IPC from the main window and refuses it from elsewhere', async () => {
    const { core, win } = await started();
    const handler = ipcMain.handlers.get('accounts.list')!;
    const appPage = desktopPaths('/opt/postdeck-dev').appPageUrl;
    await expect(handler({ sender: win.webContents, senderFrame: new FakeWebFrame(appPage) }, {})).resolves.toEqual({ ok: true, value: 'accounts.list' });
    const other = new BrowserWindow({});
    await expect(handler({ sender: other.webContents, senderFrame: new FakeWebFrame(appPage) }, {})).resolves.toMatchObject({ ok: false });
    expect(core.dispatch).toHaveBeenCalledTimes(2); // settings.getPreferences + the trusted call
  });

  it('serves library pictures on the privileged media scheme in the app’s own session only', async () => {
    const { core } = await started();
    // `stream`: Chromium plays a <video> from a custom scheme only when it may stream (ask by range).
    expect(protocol.privileged).toEqual([{ scheme: 'postdeck-media', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }]);
    const handler = session.defaultSession.schemeHandlers.get('postdeck-media')!;
    const response = await handler(new Request('postdeck-media://media/m-1/thumb'));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('file bytes');
    expect(core.mediaPreview).toHaveBeenCalledWith({ mediaId: 'm-1', variant: 'thumb' });
    const slice = await handler(new Request('postdeck-media://media/m-1/video', { headers: { range: 'bytes=5-' } }));
    expect([slice.status, slice.headers.get('content-range'), await slice.text()]).toEqual([206, 'bytes 5-9/10', 'bytes']);
  });

  it("opens the export's Save dialog over the main window, in Documents, for .pdx files", async () => {
    const { win } = await started();
    const handler = ipcMain.handlers.get(EXPORT_PATH_CHANNEL)!;
    const appPage = desktopPaths('/opt/postdeck-dev').appPageUrl;
    await expect(handler({ sender: win.webContents, senderFrame: new FakeWebFrame(appPage) }, 'postdeck-2026-11-25.pdx')).resolves.toBe('/home/user/Documents/postdeck.pdx');
    expect(dialog.showSaveDialog).toHaveBeenCalledWith(
      win,
      expect.objectContaining({ defaultPath: path.join('/home/user/.config/Postdeck/documents', 'postdeck-2026-11-25.pdx'), filters: [{ name: 'Postdeck export', extensions: ['pdx'] }] }),
    );
    dialog.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '' });
    await expect(handler({ sender: win.webContents, senderFrame: new FakeWebFrame(appPage) }, 'postdeck.pdx')).resolves.toBeNull();
  });

  it('hides to the tray on close while keepRunningInTray is on, and closes once it is off', async () => {
    const core = fakeCore({ keepRunningInTray: true, startAtLogin: false });
    const { win } = await started(core);
    win.emit('ready-to-show');
    win.close();
    expect(win.isDestroyed()).toBe(false);
    expect(win.isVisible()).toBe(false);

    core.preferences.keepRunningInTray = false;
    const reread = whenCalled(core.dispatch, 2);
    core.emit({ name: 'app.changed', payload: {} });
    await reread;
    await new Promise((resolve) => setImmediate(resolve)); // its answer is applied when the promise settles
    win.close();
    expect(win.isDestroyed()).toBe(true);
  });

  it('in a packaged app: applies start at login and loads the binding from app.asar.unpacked', async () => {
    app.isPackaged = true;
    (process as { resourcesPath?: string }).resourcesPath = '/opt/Postdeck/resources';
    const { config } = await started(fakeCore({ keepRunningInTray: false, startAtLogin: true }));
    expect(app.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true });
    expect(config.checkContract).toBe(false);
    expect(config.sqliteNativeBinding).toBe(
      path.join('/opt/Postdeck/resources', 'app.asar.unpacked', 'native', 'better-sqlite3', `electron-v${process.versions.modules}-${process.platform}-${process.arch}`, 'better_sqlite3.node'),
    );
  });

  it('in a packaged app: sets a menu without Reload or DevTools, and turns DevTools off', async () => {
    app.isPackaged = true;
    (process as { resourcesPath?: string }).resourcesPath = '/opt/Postdeck/resources';
    const { win } = await started();
    expect(Menu.setApplicationMenu).toHaveBeenCalledTimes(1);
    const menu = JSON.stringify(Menu.applicationMenu?.template);
    expect(menu).toContain('editMenu');
    expect(menu).not.toMatch(/reload|toggleDevTools|viewMenu/i);
    expect(win.options.webPreferences.devTools).toBe(false);
  });

  it('in a development run: the menu has Reload and DevTools, and DevTools work', async () => {
    const { win } = await started();
    expect(JSON.stringify(Menu.applicationMenu?.template)).toContain('toggleDevTools');
    expect(win.options.webPreferences.devTools).toBe(true);
  });

  it('does not register a login item from a development run', async () => {
    await started(fakeCore({ keepRunningInTray: false, startAtLogin: true }));
    expect(app.setLoginItemSettings).not.toHaveBeenCalled();
  });

  it('shows a tray with Open, the attention line when needed, and Quit', async () => {
    const core = fakeCore();
    const { win } = await started(core);
    expect(trayLabels()).toEqual(['Open Postdeck', '(separator)', 'Quit']);
    core.setAttention(2);
    core.emit({ name: 'health.alert', payload: { accountId: 'a', username: 'u', reason: 'token_revoked' } });
    expect(trayLabels()).toEqual(['Open Postdeck', '2 accounts need attention', '(separator)', 'Quit']);
    core.setAttention(0);
    core.emit({ name: 'accounts.changed', payload: { reason: 'reconnected' } });
    expect(trayLabels()).toEqual(['Open Postdeck', '(separator)', 'Quit']);

    win.hide();
    Tray.instances[0]!.menu!.template[0]!.click!();
    expect(win.isVisible()).toBe(true);
  });

  it('counts posts waiting for approval on every posts change, and opens the queue from that line', async () => {
    const core = fakeCore();
    const { win } = await started(core);
    core.setWaiting(2);
    core.emit({ name: 'posts.changed', payload: { postId: 'p1', status: 'pending_manual' } });
    expect(trayLabels()).toEqual(['Open Postdeck', '2 posts wait for approval', '(separator)', 'Quit']);
    expect(Tray.instances[0]!.tooltip).toBe('Postdeck: 2 posts wait for approval');

    win.hide();
    Tray.instances[0]!.menu!.template[1]!.click!();
    expect(win.isVisible()).toBe(true);
    expect(win.webContents.executeJavaScript).toHaveBeenCalledWith('location.hash = "#/queue"');

    core.setWaiting(0);
    core.emit({ name: 'posts.changed', payload: { postId: 'p1', status: 'published' } });
    expect(trayLabels()).toEqual(['Open Postdeck', '(separator)', 'Quit']);
  });

  it('opens a new window at the queue when the tray line is used after the window was closed', async () => {
    const core = fakeCore();
    const { win } = await started(core);
    core.setWaiting(1);
    core.emit({ name: 'posts.changed', payload: {} });
    win.emit('closed');
    Tray.instances[0]!.menu!.template[1]!.click!();
    expect(BrowserWindow.instances).toHaveLength(2);
    expect(BrowserWindow.instances[1]!.loadedHash).toBe('/queue');
  });

  it('closes the app core before quitting', async () => {
    const { core } = await started();
    const quitForReal = whenCalled(app.quit, 2);
    app.quit();
    expect(core.close).toHaveBeenCalledTimes(1);
    await quitForReal;
    expect(core.close).toHaveBeenCalledTimes(1);
  });

  it('wakes the core on resume and when the network comes back', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    net.online = false;
    const { core } = await started();
    powerMonitor.emit('resume');
    expect(core.wake).toHaveBeenCalledWith('resume');

    vi.advanceTimersByTime(30_000);
    expect(core.wake).not.toHaveBeenCalledWith('online');
    net.online = true;
    vi.advanceTimersByTime(30_000);
    vi.advanceTimersByTime(30_000);
    expect(core.wake.mock.calls.filter(([reason]) => reason === 'online')).toHaveLength(1);
  });

  it('explains a start-up failure, offers redacted details, and quits without opening a window', async () => {
    dialog.showMessageBox.mockResolvedValueOnce({ response: 0, checkboxChecked: false }).mockResolvedValueOnce({ response: 1, checkboxChecked: false });
    const failure = Object.assign(new Error(`schema 9 > 3 in ${path.join(process.env.HOME ?? '/root', 'x.db')} token IGQVJabcdefghijklmnopqrstu`), {
      code: 'database_too_new',
    });
    const createApp = vi.fn(async () => {
      throw failure;
    });
    const quit = whenCalled(app.quit);
    runDesktop({ createApp });
    await quit;

    const options = dialog.showMessageBox.mock.calls[0]![0];
    expect(options).toMatchObject({
      type: 'error',
      message: appError('database_too_new').message,
      detail: appError('database_too_new').action,
      buttons: ['Copy error details', 'Quit'],
    });
    expect(dialog.showMessageBox).toHaveBeenCalledTimes(2);
    const copied = clipboard.writeText.mock.calls[0]![0] as string;
    expect(copied).toContain('database_too_new');
    expect(copied).not.toContain('IGQVJabcdefghijklmnopqrstu');
    expect(BrowserWindow.instances).toHaveLength(0);
  });

  describe('a damaged database', () => {
    const damaged = () => path.join(dataDir, 'postdeck.db');
    const damagedFailure = () => new Failure('database_damaged', damaged());
    const answer = (...responses: number[]) => {
      for (const response of responses) dialog.showMessageBox.mockResolvedValueOnce({ response, checkboxChecked: false });
    };

    it('offers to move it aside; once confirmed, renames it and its -wal, then starts again', async () => {
      writeFileSync(damaged(), 'not a database');
      writeFileSync(`${damaged()}-wal`, 'its log');
      const core = fakeCore();
      const createApp = vi
        .fn(async (_config: AppConfig) => core as unknown as PostdeckApp)
        .mockRejectedValueOnce(damagedFailure());
      // "Move it aside and start fresh", then confirm.
      answer(1, 0);
      runDesktop({ createApp });
      await vi.waitFor(() => expect(BrowserWindow.instances).toHaveLength(1));

      const first = dialog.showMessageBox.mock.calls[0]![0];
      expect(first).toMatchObject({
        message: appError('database_damaged').message,
        buttons: ['Copy error details', 'Move it aside and start fresh', 'Quit'],
        cancelId: 2,
      });
      expect(first.detail).toContain(damaged());
      expect(dialog.showMessageBox.mock.calls[1]![0]).toMatchObject({ buttons: ['Move it aside and start fresh', 'Cancel'], cancelId: 1 });
      expect(createApp).toHaveBeenCalledTimes(2);
      expect(createApp.mock.calls[1]![0]).toBe(createApp.mock.calls[0]![0]);
      expect(existsSync(damaged())).toBe(false);
      const aside = readdirSync(dataDir).filter((name) => name.startsWith('postdeck.db.damaged-')).sort();
      expect(aside).toEqual([expect.stringMatching(/^postdeck\.db\.damaged-\d{8}T\d{6}Z$/), expect.stringMatching(/-wal$/)]);
      expect(readFileSync(path.join(dataDir, aside[0]!), 'utf8')).toBe('not a database');
      expect(app.quit).not.toHaveBeenCalled();
    });

    it('moves nothing when the move is cancelled, and quits on Quit', async () => {
      writeFileSync(damaged(), 'not a database');
      const createApp = vi.fn(async () => {
        throw damagedFailure();
      });
      // Move aside → Cancel, copy details, then Quit.
      answer(1, 1, 0, 2);
      runDesktop({ createApp });
      await vi.waitFor(() => expect(app.quit).toHaveBeenCalled());
      expect(dialog.showMessageBox).toHaveBeenCalledTimes(4);
      expect(clipboard.writeText.mock.calls[0]![0]).toContain('database_damaged');
      expect(readFileSync(damaged(), 'utf8')).toBe('not a database');
      expect(readdirSync(dataDir).filter((name) => name.includes('damaged'))).toEqual([]);
      expect(createApp).toHaveBeenCalledTimes(1);
      expect(BrowserWindow.instances).toHaveLength(0);
    });

    it('offers no move for other failures', async () => {
      answer(1);
      runDesktop({
        createApp: vi.fn(async () => {
          throw new Failure('database_too_new');
        }),
      });
      await vi.waitFor(() => expect(app.quit).toHaveBeenCalled());
      expect(dialog.showMessageBox.mock.calls[0]![0]).toMatchObject({ buttons: ['Copy error details', 'Quit'] });
      expect(dialog.showMessageBox).toHaveBeenCalledTimes(1);
    });
  });
});
