import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';

/**
 * The main window's options: the renderer is sandboxed and isolated, and sees only the preload API.
 * DevTools exist only in development builds.
 */
export function mainWindowOptions(preloadPath: string, development: boolean): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 600,
    show: false,
    title: 'Postdeck',
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: true,
      devTools: development,
    },
  };
}

/** Creates the window, shows it once painted, and loads the built renderer from disk (at a screen, if given). */
export function createMainWindow(options: {
  preloadPath: string;
  indexHtmlPath: string;
  development: boolean;
  onLoadError: (error: unknown) => void;
  /** A screen to open at, e.g. '#/queue'. */
  hash?: string;
}): BrowserWindow {
  const win = new BrowserWindow(mainWindowOptions(options.preloadPath, options.development));
  win.once('ready-to-show', () => win.show());
  const loading = options.hash ? win.loadFile(options.indexHtmlPath, { hash: options.hash.replace(/^#/, '') }) : win.loadFile(options.indexHtmlPath);
  loading.catch(options.onLoadError);
  return win;
}
