import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  app,
  BrowserWindow,
  clipboard,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  net,
  Notification,
  powerMonitor,
  protocol,
  safeStorage,
  session,
  shell,
  Tray,
} from 'electron';
import type { Notifier } from '../accounts/alerts';
import type { AppConfig, PostdeckApp } from '../app/types';
import { systemClock } from '../config/clock';
import type { Logger } from '../config/logger';
import { moveDamagedDatabaseAside } from '../db/damagedDatabase';
import { buildApp } from '../host/buildApp';
import { listenLocalSocket } from '../host/localSocket';
import { acquireOwnerLock, FolderOwnedError, socketPathFor } from '../host/ownerLock';
import { ElectronAuthWindow } from './authPopup';
import { appMenuTemplate } from './appMenu';
import { forwardAppEvents, registerIpcHandlers, registerRevealMedia, registerSaveDialog, TrustedSenders } from './ipc';
import { DEFAULT_PREFERENCES } from '../../src-shared/models';
import { closeAction, LEAVE_QUESTION, readPreferences, unloadAction, watchConnectivity, type DesktopPreferences } from './lifecycle';
import { createDesktopLogger } from './logging';
import { createMainWindow } from './mainWindow';
import { registerMediaScheme, serveMediaScheme } from './mediaProtocol';
import { ownElectronBinding } from './nativeBinding';
import { SafeStorageProtector } from './safeStorageProtector';
import { hardenAllWebContents, NavigationPolicy, secureDefaultSession } from './security';
import { describeStartupFailure, startupChoices } from './startupError';
import { TRAY_ICON_DATA_URL } from './trayIcon';
import { trayMenuTemplate, trayTooltip, WAITING_QUEUE_HASH } from './tray';

export interface DesktopDeps {
  createApp: (config: AppConfig) => Promise<PostdeckApp>;
}

/** Files inside the app (the project folder in development, app.asar when packaged). */
export function desktopPaths(appPath: string): { preload: string; indexHtml: string; appPageUrl: string } {
  const indexHtml = path.join(appPath, 'dist', 'renderer', 'index.html');
  return {
    preload: path.join(appPath, 'dist-main', 'preload.cjs'),
    indexHtml,
    appPageUrl: pathToFileURL(indexHtml).href,
  };
}

/**
 * The Electron host: one instance, one window, the tray, and the composition root behind IPC.
 * Decisions live in small modules (lifecycle, ipc, security, urlPolicy); this file only wires them.
 */
export function runDesktop({ createApp }: DesktopDeps): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }

  const paths = desktopPaths(app.getAppPath());
  const navigation = new NavigationPolicy(paths.appPageUrl);
  const trusted = new TrustedSenders();
  let logger: Logger | null = null;
  const openInBrowser = (url: string) => {
    shell.openExternal(url).catch((error: unknown) => logger?.warn('could not open a link in the browser', { error }));
  };
  // Before `ready`, so no webContents is ever created without the checklist.
  hardenAllWebContents(app, navigation, openInBrowser);
  registerMediaScheme(protocol);
  if (process.platform === 'win32') app.setAppUserModelId('app.postdeck.desktop');

  let mainWindow: BrowserWindow | null = null;
  let postdeck: PostdeckApp | null = null;
  let tray: Tray | null = null;
  let preferences: DesktopPreferences = { ...DEFAULT_PREFERENCES };
  let appliedStartAtLogin: boolean | null = null;
  let quitting = false;
  let closed = false;
  let closing = false;
  const stops: Array<() => void> = [];
  let closeLog = () => {};
  let releaseLock = () => {};

  const showMainWindow = () => {
    if (!mainWindow || mainWindow.isDestroyed()) {
      if (postdeck) mainWindow = openMainWindow();
      return;
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  };

  const quit = () => {
    quitting = true;
    app.quit();
  };

  /** The pending-manual queue, in the window as it is (an in-page address change keeps a half-written post). */
  const openWaitingQueue = () => {
    if (!mainWindow || mainWindow.isDestroyed()) {
      if (postdeck) mainWindow = openMainWindow(WAITING_QUEUE_HASH);
      return;
    }
    showMainWindow();
    mainWindow.webContents
      .executeJavaScript(`location.hash = ${JSON.stringify(WAITING_QUEUE_HASH)}`)
      .catch((error: unknown) => logger?.warn('could not open the approval queue', { error }));
  };

  const openMainWindow = (hash?: string): BrowserWindow => {
    const win = createMainWindow({
      preloadPath: paths.preload,
      indexHtmlPath: paths.indexHtml,
      ...(hash ? { hash } : {}),
      development: !app.isPackaged,
      onLoadError: (error) => logger?.error('renderer failed to load', { error }),
    });
    trusted.add(win.webContents);
    win.on('close', (event) => {
      if (closeAction({ quitting, keepRunningInTray: preferences.keepRunningInTray }) === 'hide') {
        event.preventDefault();
        win.hide();
      }
    });
    win.on('closed', () => {
      if (mainWindow === win) mainWindow = null;
    });
    // The composer's beforeunload asks to stay; Electron would cancel the close without a word, so ask here.
    win.webContents.on('will-prevent-unload', (event) => {
      const leave = unloadAction({ quitting }) === 'leave' || dialog.showMessageBoxSync(win, { ...LEAVE_QUESTION, buttons: [...LEAVE_QUESTION.buttons] }) === 0;
      // preventDefault here means: ignore the page's beforeunload and unload anyway.
      if (leave) event.preventDefault();
    });
    return win;
  };

  const updateTray = () => {
    if (!tray || !postdeck) return;
    const counts = { attention: postdeck.attentionCount(), waiting: postdeck.waitingForApprovalCount() };
    tray.setToolTip(trayTooltip(counts));
    tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(counts, { open: showMainWindow, openWaitingQueue, quit })));
  };

  const refreshPreferences = async () => {
    if (!postdeck) return;
    const result = await postdeck.dispatch('settings.getPreferences', {});
    if (!result.ok) {
      logger?.warn('could not read preferences', { reason: result.error.code });
      return;
    }
    preferences = readPreferences(result.value, preferences);
    if (preferences.startAtLogin !== appliedStartAtLogin) {
      appliedStartAtLogin = preferences.startAtLogin;
      // In development the login item would launch the bare Electron binary, so only a packaged app registers.
      if (app.isPackaged) app.setLoginItemSettings({ openAtLogin: preferences.startAtLogin });
      else logger?.info('start at login is only applied by a packaged app', { startAtLogin: preferences.startAtLogin });
    }
  };

  const notifier: Notifier = {
    notify(title, body) {
      if (!Notification.isSupported()) return;
      const note = new Notification({ title, body });
      note.on('click', showMainWindow);
      note.show();
    },
  };

  /** Asks before anything is moved: the user's accounts will need connecting again. */
  const confirmMoveAside = async (file: string): Promise<boolean> => {
    const { response } = await dialog.showMessageBox({
      type: 'warning',
      title: 'Start fresh?',
      message: 'Move the damaged file aside and start Postdeck with empty data?',
      detail: `${file} is renamed to ${path.basename(file)}.damaged-<date and time> in the same folder. Nothing is deleted. Your accounts will need connecting again.`,
      buttons: ['Move it aside and start fresh', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      noLink: true,
    });
    return response === 0;
  };

  /**
   * Explains why Postdeck cannot start until the user quits. For a damaged database it also offers to
   * move the file aside (confirmed; renamed, never deleted), after which start-up is tried again.
   */
  const showStartupFailure = async (error: unknown): Promise<'retry' | 'quit'> => {
    const failure = describeStartupFailure(error, {
      version: app.getVersion(),
      platform: process.platform,
      arch: process.arch,
      homeDir: os.homedir(),
    });
    logger?.error('Postdeck could not start', { reason: failure.code, details: failure.details });
    const choices = startupChoices(failure);
    // Loop so the details can be copied and the dialog stays until the user quits or starts fresh.
    for (;;) {
      const { response } = await dialog.showMessageBox({
        type: 'error',
        title: 'Postdeck cannot start',
        message: failure.message,
        detail: failure.code === 'database_damaged' && failure.detail ? `${failure.action}\n\n${failure.detail}` : failure.action,
        buttons: choices.map((item) => item.label),
        defaultId: choices.length - 1,
        cancelId: choices.length - 1,
        noLink: true,
      });
      const choice = choices[response]?.choice ?? 'quit';
      if (choice === 'quit') return 'quit';
      if (choice === 'copy_details') clipboard.writeText(failure.details);
      if (choice === 'move_aside' && failure.detail && (await confirmMoveAside(failure.detail))) {
        const moved = moveDamagedDatabaseAside(failure.detail, systemClock);
        logger?.warn('damaged database moved aside', { moved });
        return 'retry';
      }
    }
  };

  /** The app core, or null when start-up failed and the user chose to quit. */
  const createCore = (config: AppConfig): Promise<PostdeckApp | null> => buildApp(config, createApp, showStartupFailure);

  const start = async () => {
    const dataDir = process.env.POSTDECK_DATA_DIR ?? app.getPath('userData');
    const logging = createDesktopLogger(path.join(dataDir, 'logs'));
    logger = logging.logger.child('desktop');
    closeLog = logging.close;
    // One owner per data folder (DESIGN.md §9): a running `postdeck serve` keeps it; say who, and quit.
    try {
      releaseLock = acquireOwnerLock(dataDir, 'desktop').release;
    } catch (error) {
      if (!(error instanceof FolderOwnedError)) throw error;
      logger.error('data folder owned by another Postdeck', { owner: error.owner });
      await dialog.showMessageBox({ type: 'error', title: 'Postdeck is already running', message: error.message, buttons: ['Quit'], noLink: true });
      quit();
      return;
    }
    secureDefaultSession(session.defaultSession);
    Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate({ platform: process.platform, development: !app.isPackaged })));

    const sqliteNativeBinding = ownElectronBinding(app);

    postdeck = await createCore({
      host: 'desktop',
      version: app.getVersion(),
      dataDir,
      clock: systemClock,
      logger: logging.logger,
      keyProtector: new SafeStorageProtector(safeStorage),
      env: process.env,
      authWindow: new ElectronAuthWindow({ parent: () => mainWindow, navigation, logger: logging.logger.child('auth-popup') }),
      notifier,
      sqliteNativeBinding,
      backgroundTimers: true,
      // A packaged app is production whatever NODE_ENV says; development runs check the contract.
      checkContract: !app.isPackaged,
    });
    if (!postdeck) {
      releaseLock();
      quit();
      return;
    }
    const core = postdeck;

    // The `postdeck` CLI talks to whichever Postdeck owns the folder: here, this one.
    const socket = await listenLocalSocket(socketPathFor(dataDir), core, logging.logger.child('socket'));
    stops.push(() => void socket.close());
    stops.push(serveMediaScheme(session.defaultSession, core));
    stops.push(registerIpcHandlers({ ipcMain, app: core, trusted, appPageUrl: paths.appPageUrl }));
    stops.push(
      registerSaveDialog({
        ipcMain,
        trusted,
        appPageUrl: paths.appPageUrl,
        async showSaveDialog({ defaultName }) {
          const options = {
            title: 'Export Postdeck data',
            defaultPath: path.join(app.getPath('documents'), defaultName),
            filters: [{ name: 'Postdeck export', extensions: ['pdx'] }],
            properties: ['createDirectory', 'showOverwriteConfirmation'] as Array<'createDirectory' | 'showOverwriteConfirmation'>,
          };
          const { canceled, filePath } = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
          return canceled || !filePath ? null : filePath;
        },
      }),
    );
    stops.push(registerRevealMedia({ ipcMain, app: core, trusted, appPageUrl: paths.appPageUrl, showItemInFolder: (file) => shell.showItemInFolder(file) }));
    stops.push(forwardAppEvents(core, trusted));
    stops.push(
      core.subscribe((event) => {
        if (event.name === 'app.changed') refreshPreferences().catch((error: unknown) => logger?.warn('preferences refresh failed', { error }));
        if (event.name === 'accounts.changed' || event.name === 'health.alert' || event.name === 'posts.changed') updateTray();
      }),
    );
    await refreshPreferences();

    mainWindow = openMainWindow();
    tray = new Tray(nativeImage.createFromDataURL(TRAY_ICON_DATA_URL));
    tray.on('click', showMainWindow);
    updateTray();

    // wake() may be async (a sweep); a failed sweep is logged, never an unhandled rejection.
    const wake = (reason: 'resume' | 'online') =>
      void Promise.resolve(core.wake(reason)).catch((error: unknown) => logger?.warn('wake failed', { reason, error }));
    const onResume = () => wake('resume');
    powerMonitor.on('resume', onResume);
    stops.push(() => powerMonitor.removeListener('resume', onResume));
    stops.push(watchConnectivity(() => net.isOnline(), () => wake('online')));
  };

  app.on('second-instance', showMainWindow);
  app.on('activate', showMainWindow);
  app.on('window-all-closed', quit);
  app.on('before-quit', (event) => {
    quitting = true;
    if (closed || !postdeck) return;
    // Hold the quit until the database is closed cleanly, then quit for real.
    event.preventDefault();
    if (closing) return;
    closing = true;
    const core = postdeck;
    for (const stop of stops.splice(0)) stop();
    core
      .close()
      .catch((error: unknown) => logger?.error('closing failed', { error }))
      .finally(() => {
        closed = true;
        tray?.destroy();
        tray = null;
        releaseLock();
        closeLog();
        app.quit();
      });
  });

  app
    .whenReady()
    .then(start)
    .catch(async (error: unknown) => {
      logger?.error('start-up failed', { error });
      await showStartupFailure(error).catch(() => undefined);
      quit();
    });
}
