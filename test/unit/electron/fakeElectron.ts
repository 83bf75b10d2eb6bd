/* eslint-disable @typescript-eslint/no-explicit-any -- a fake of loosely typed Electron APIs */
/**
 * A hand-written fake of the parts of `electron` Postdeck uses. Tests do
 * `vi.mock('electron', () => import('./fakeElectron'))` and drive the fakes through their helpers.
 * It records what the code asked for; it does not try to be Chromium.
 */
import { vi } from 'vitest';

type Listener = (...args: any[]) => void;

export class FakeEmitter {
  private readonly listeners = new Map<string, Listener[]>();

  on(name: string, listener: Listener): this {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
    return this;
  }

  addListener(name: string, listener: Listener): this {
    return this.on(name, listener);
  }

  once(name: string, listener: Listener): this {
    const wrapped: Listener = (...args) => {
      this.removeListener(name, wrapped);
      listener(...args);
    };
    return this.on(name, wrapped);
  }

  removeListener(name: string, listener: Listener): this {
    this.listeners.set(
      name,
      (this.listeners.get(name) ?? []).filter((item) => item !== listener),
    );
    return this;
  }

  off(name: string, listener: Listener): this {
    return this.removeListener(name, listener);
  }

  emit(name: string, ...args: unknown[]): boolean {
    const list = this.listeners.get(name) ?? [];
    for (const listener of [...list]) listener(...args);
    return list.length > 0;
  }

  listenerCount(name: string): number {
    return (this.listeners.get(name) ?? []).length;
  }
}

/** A preventable event like Electron's, with the navigation `url` when there is one. */
export function fakeEvent(extra: Record<string, unknown> = {}) {
  let prevented = false;
  return {
    ...extra,
    preventDefault: () => {
      prevented = true;
    },
    get defaultPrevented() {
      return prevented;
    },
  };
}

type BeforeRequestListener = (details: { url: string; resourceType: string; webContentsId?: number }, callback: (response: { cancel?: boolean; redirectURL?: string }) => void) => void;
type HeadersListener = (
  details: { url: string; resourceType: string; responseHeaders?: Record<string, string | string[]> },
  callback: (response: { cancel?: boolean; responseHeaders?: Record<string, string | string[]> }) => void,
) => void;

export class FakeSession {
  beforeRequest: BeforeRequestListener | null = null;
  headersReceived: HeadersListener | null = null;
  permissionRequestHandler: ((...args: any[]) => void) | null = null;
  permissionCheckHandler: ((...args: any[]) => boolean) | null = null;
  userAgent = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) postdeck/0.1.0 Chrome/140.0.0.0 Electron/45.4.1 Safari/537.36';
  clearStorageData = vi.fn(async () => undefined);
  /** Scheme handlers the code registered with `protocol.handle`, by scheme. */
  readonly schemeHandlers = new Map<string, (request: Request) => Promise<Response> | Response>();
  readonly protocol = {
    handle: vi.fn((scheme: string, handler: (request: Request) => Promise<Response> | Response) => void this.schemeHandlers.set(scheme, handler)),
    unhandle: vi.fn((scheme: string) => void this.schemeHandlers.delete(scheme)),
  };
  clearCache = vi.fn(async () => undefined);

  constructor(
    readonly partition: string,
    readonly options: Record<string, unknown> = {},
  ) {}

  readonly webRequest = {
    onBeforeRequest: (listener: BeforeRequestListener | null) => {
      this.beforeRequest = listener;
    },
    onHeadersReceived: (listener: HeadersListener | null) => {
      this.headersReceived = listener;
    },
  };

  setPermissionRequestHandler(handler: ((...args: any[]) => void) | null) {
    this.permissionRequestHandler = handler;
  }

  setPermissionCheckHandler(handler: ((...args: any[]) => boolean) | null) {
    this.permissionCheckHandler = handler;
  }

  getUserAgent() {
    return this.userAgent;
  }

  setUserAgent(userAgent: string) {
    this.userAgent = userAgent;
  }

  /** Simulates one request through onBeforeRequest; returns what the listener answered. */
  request(url: string, resourceType = 'mainFrame'): { cancel?: boolean; redirectURL?: string } | undefined {
    let answer: { cancel?: boolean; redirectURL?: string } | undefined;
    this.beforeRequest?.({ url, resourceType }, (response) => {
      answer = response;
    });
    return answer;
  }
}

const sessions = new Map<string, FakeSession>();

export const session = {
  defaultSession: new FakeSession(''),
  fromPartition: vi.fn((partition: string, options: Record<string, unknown> = {}) => {
    let found = sessions.get(partition);
    if (!found) {
      found = new FakeSession(partition, options);
      sessions.set(partition, found);
    }
    return found;
  }),
};

let nextWebContentsId = 1;

export class FakeWebFrame {
  constructor(
    public url: string,
    public parent: FakeWebFrame | null = null,
  ) {}
}

export class FakeWebContents extends FakeEmitter {
  readonly id = nextWebContentsId++;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  destroyed = false;
  readonly sent: unknown[][] = [];
  readonly mainFrame: FakeWebFrame;

  constructor(
    readonly session: FakeSession = sessionForDefault(),
    url = 'about:blank',
  ) {
    super();
    this.mainFrame = new FakeWebFrame(url);
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }

  send(...args: unknown[]) {
    this.sent.push(args);
  }

  executeJavaScript = vi.fn(async (_code: string) => undefined);

  isDestroyed() {
    return this.destroyed;
  }

  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    this.emit('destroyed');
  }

  /** Fires a navigation-ish event and reports whether something prevented it. */
  attempt(eventName: string, url: string): boolean {
    const event = fakeEvent({ url });
    this.emit(eventName, event, url);
    return event.defaultPrevented;
  }
}

function sessionForDefault(): FakeSession {
  return session.defaultSession;
}

export class BrowserWindow extends FakeEmitter {
  static instances: BrowserWindow[] = [];
  readonly webContents: FakeWebContents;
  visible = false;
  destroyed = false;
  minimized = false;
  loadedFile: string | null = null;
  loadedUrl: string | null = null;

  constructor(readonly options: Record<string, any> = {}) {
    super();
    const ses = (options.webPreferences?.session as FakeSession | undefined) ?? session.defaultSession;
    this.webContents = new FakeWebContents(ses);
    this.visible = options.show !== false;
    BrowserWindow.instances.push(this);
    app.emit('web-contents-created', fakeEvent(), this.webContents);
  }

  loadedHash: string | null = null;

  loadFile = vi.fn(async (file: string, options?: { hash?: string }) => {
    this.loadedFile = file;
    this.loadedHash = options?.hash ?? null;
  });

  loadURL = vi.fn(async (url: string) => {
    this.loadedUrl = url;
  });

  show = vi.fn(() => {
    this.visible = true;
  });

  hide = vi.fn(() => {
    this.visible = false;
  });

  focus = vi.fn();
  restore = vi.fn(() => {
    this.minimized = false;
  });

  isMinimized() {
    return this.minimized;
  }

  isVisible() {
    return this.visible;
  }

  isDestroyed() {
    return this.destroyed;
  }

  /** Like a user (or code) closing the window: 'close' can be prevented; otherwise it is destroyed. */
  close() {
    if (this.destroyed) return;
    const event = fakeEvent();
    this.emit('close', event);
    if (!event.defaultPrevented) this.destroy();
  }

  destroy() {
    if (this.destroyed) return;
    this.destroyed = true;
    this.visible = false;
    this.emit('closed');
    this.webContents.destroy();
  }
}

class FakeApp extends FakeEmitter {
  isPackaged = false;
  singleInstance = true;
  readyPromise: Promise<void> = Promise.resolve();
  requestSingleInstanceLock = vi.fn(() => this.singleInstance);
  quit = vi.fn(() => {
    this.emit('before-quit', fakeEvent());
  });
  exit = vi.fn();
  getAppPath = vi.fn(() => '/opt/postdeck-dev');
  getVersion = vi.fn(() => '0.1.0');
  getPath = vi.fn((name: string) => `/home/user/.config/Postdeck${name === 'userData' ? '' : `/${name}`}`);
  whenReady = vi.fn(() => this.readyPromise);
  setLoginItemSettings = vi.fn();
  setAppUserModelId = vi.fn();
  setPath = vi.fn();
  disableHardwareAcceleration = vi.fn();
  commandLine = { switches: new Map<string, string>(), appendSwitch: vi.fn((name: string, value = '') => void this.commandLine.switches.set(name, value)), removeSwitch: vi.fn((name: string) => void this.commandLine.switches.delete(name)) };
  dock = { hide: vi.fn() };
}

export const app = new FakeApp();

export const ipcMain = {
  handlers: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
  handle: vi.fn((channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => {
    if (ipcMain.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    ipcMain.handlers.set(channel, handler);
  }),
  removeHandler: vi.fn((channel: string) => {
    ipcMain.handlers.delete(channel);
  }),
};

class FakeIpcRenderer extends FakeEmitter {
  invoke = vi.fn(async (..._args: unknown[]): Promise<unknown> => ({ ok: true, value: 'from-main' }));
}

export const ipcRenderer = new FakeIpcRenderer();

/** A picked or dropped file's path, as Electron's webUtils gives it. */
export const webUtils = { getPathForFile: vi.fn((file: File) => `/home/maya/Pictures/${file.name}`) };

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld: vi.fn((key: string, api: unknown) => {
    contextBridge.exposed.set(key, api);
  }),
};

/** Reversible stand-in for the OS keyring: 'sealed:' + reversed string. */
const fakeSeal = (plain: string) => Buffer.from(`sealed:${[...plain].reverse().join('')}`, 'utf8');
const fakeUnseal = (sealed: Buffer) => {
  const text = sealed.toString('utf8');
  if (!text.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
  return [...text.slice('sealed:'.length)].reverse().join('');
};

export const safeStorage = {
  available: true,
  backendName: 'gnome_libsecret' as string,
  isEncryptionAvailable: vi.fn(() => safeStorage.available),
  encryptString: vi.fn(fakeSeal),
  decryptString: vi.fn(fakeUnseal),
  getSelectedStorageBackend: vi.fn(() => safeStorage.backendName),
  /** The OS rotated its key: decryptStringAsync asks for the data to be encrypted again. */
  rotated: false,
  isAsyncEncryptionAvailable: vi.fn(async () => safeStorage.available),
  encryptStringAsync: vi.fn(async (plain: string) => fakeSeal(plain)),
  decryptStringAsync: vi.fn(async (sealed: Buffer) => ({ result: fakeUnseal(sealed), shouldReEncrypt: safeStorage.rotated })),
};

export const dialog = {
  showMessageBox: vi.fn(async (_options: Record<string, unknown>) => ({ response: 1, checkboxChecked: false })),
  showSaveDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: false, filePath: '/home/user/Documents/postdeck.pdx' })),
};

export const clipboard = { writeText: vi.fn() };

export const shell = { openExternal: vi.fn(async (_url: string) => undefined) };

export const Menu = {
  applicationMenu: null as { template: unknown[] } | null,
  buildFromTemplate: vi.fn((template: unknown[]) => ({ template })),
  setApplicationMenu: vi.fn((menu: { template: unknown[] } | null) => {
    Menu.applicationMenu = menu;
  }),
};

export class Tray extends FakeEmitter {
  static instances: Tray[] = [];
  menu: { template: Array<{ label?: string; click?: () => void; type?: string }> } | null = null;
  tooltip = '';
  destroyed = false;

  constructor(readonly image: unknown) {
    super();
    Tray.instances.push(this);
  }

  setContextMenu(menu: { template: Array<{ label?: string; click?: () => void; type?: string }> }) {
    this.menu = menu;
  }

  setToolTip(text: string) {
    this.tooltip = text;
  }

  destroy() {
    this.destroyed = true;
  }
}

export const nativeImage = {
  createFromDataURL: vi.fn((url: string) => ({ dataUrl: url })),
  createEmpty: vi.fn(() => ({})),
};

export const net = { online: true, isOnline: vi.fn(() => net.online) };

export const protocol = { privileged: [] as Array<{ scheme: string; privileges: Record<string, boolean> }>, registerSchemesAsPrivileged: vi.fn((schemes: typeof protocol.privileged) => void protocol.privileged.push(...schemes)) };

export class Notification extends FakeEmitter {
  static shown: Array<{ title: string; body: string }> = [];
  static isSupported = vi.fn(() => true);

  constructor(readonly options: { title: string; body: string }) {
    super();
  }

  show() {
    Notification.shown.push(this.options);
  }
}

export const powerMonitor = new FakeEmitter();

/** Back to a clean slate between tests. */
export function resetFakes(): void {
  BrowserWindow.instances = [];
  Tray.instances = [];
  Notification.shown = [];
  Menu.applicationMenu = null;
  sessions.clear();
  session.defaultSession = new FakeSession('');
  ipcMain.handlers.clear();
  contextBridge.exposed.clear();
  safeStorage.available = true;
  safeStorage.backendName = 'gnome_libsecret';
  safeStorage.rotated = false;
  net.online = true;
  protocol.privileged = [];
  Object.assign(app, { isPackaged: false, singleInstance: true, readyPromise: Promise.resolve() });
  app.commandLine.switches.clear();
  for (const emitter of [app, powerMonitor, ipcRenderer] as FakeEmitter[]) {
    (emitter as unknown as { listeners: Map<string, Listener[]> }).listeners.clear();
  }
  vi.clearAllMocks();
}

export default {
  app,
  BrowserWindow,
  session,
  ipcMain,
  ipcRenderer,
  contextBridge,
  safeStorage,
  dialog,
  clipboard,
  shell,
  Menu,
  Tray,
  nativeImage,
  net,
  Notification,
  powerMonitor,
};
