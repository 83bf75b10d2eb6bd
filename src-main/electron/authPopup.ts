import { BrowserWindow, session, type Session } from 'electron';
import type { AuthWindow, AuthWindowOutcome, AuthWindowRequest } from '../auth/authWindow';
import type { Logger } from '../config/logger';
import type { NavigationPolicy } from './security';
import { classifyAuthRequest, matchesRedirectUri, originAllowed } from './urlPolicy';

export interface ElectronAuthWindowOptions {
  /** The main window; the popup is its modal child. */
  parent: () => BrowserWindow | null;
  /** Lets the popup's webContents navigate within the allowed origins (every other webContents may not). */
  navigation: Pick<NavigationPolicy, 'allow' | 'release'>;
  logger: Logger;
}

/** The partition of one sign-in attempt. No `persist:` prefix: the session lives in memory only. */
export function authPartition(attemptId: string): string {
  return `auth-${attemptId}`;
}

/** Instagram's login page is meant for browsers; present as the Chromium we are, without the app tokens. */
export function browserUserAgent(userAgent: string): string {
  return userAgent.replace(/\s(?:Electron|postdeck|Postdeck)\/\S+/g, '');
}

const isBlankDocument = (url: string) => url === 'about:blank' || url === 'about:srcdoc';

/**
 * The desktop sign-in popup: a modal child window per attempt on a fresh in-memory session (so a second
 * account can sign in without signing the first out), sandboxed, no preload. The redirect URI is caught
 * in `onBeforeRequest` and cancelled, so the code never leaves the machine.
 */
export class ElectronAuthWindow implements AuthWindow {
  private readonly windows = new Map<string, BrowserWindow>();

  constructor(private readonly options: ElectronAuthWindowOptions) {}

  open(request: AuthWindowRequest): Promise<AuthWindowOutcome> {
    this.close(request.attemptId);
    const log = this.options.logger;
    const ses: Session = session.fromPartition(authPartition(request.attemptId), { cache: false });
    ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    ses.setPermissionCheckHandler(() => false);
    ses.setUserAgent(browserUserAgent(ses.getUserAgent()));

    return new Promise<AuthWindowOutcome>((resolve) => {
      let settled = false;
      const settle = (outcome: AuthWindowOutcome) => {
        if (settled) return;
        settled = true;
        resolve(outcome);
      };

      const parent = this.options.parent();
      const win = new BrowserWindow({
        ...(parent && !parent.isDestroyed() ? { parent, modal: true } : {}),
        width: 520,
        height: 760,
        minWidth: 400,
        minHeight: 500,
        title: 'Connect Instagram',
        autoHideMenuBar: true,
        show: true,
        webPreferences: {
          session: ses,
          sandbox: true,
          contextIsolation: true,
          nodeIntegration: false,
          nodeIntegrationInSubFrames: false,
          webSecurity: true,
          allowRunningInsecureContent: false,
          webviewTag: false,
          spellcheck: false,
        },
      });
      this.windows.set(request.attemptId, win);
      const contents = win.webContents;
      const contentsId = contents.id;

      const caught = (url: string) => {
        log.info('sign-in redirect caught', { attemptId: request.attemptId });
        settle({ kind: 'redirect', url });
        // Deferred: this may run inside a webRequest callback. destroy() skips beforeunload.
        setImmediate(() => {
          if (!win.isDestroyed()) win.destroy();
        });
      };

      this.options.navigation.allow(contentsId, (url) => isBlankDocument(url) || originAllowed(url, request.allowedOrigins));
      contents.setWindowOpenHandler(() => ({ action: 'deny' }));

      ses.webRequest.onBeforeRequest((details, callback) => {
        const decision = classifyAuthRequest(details, request);
        if (decision === 'redirect') {
          callback({ cancel: true });
          caught(details.url);
        } else if (decision === 'block') {
          log.warn('sign-in popup: navigation to a foreign origin refused', { origin: safeOrigin(details.url) });
          callback({ cancel: true });
        } else {
          callback({});
        }
      });

      // Second line: navigation events, in case a navigation is decided before the network layer sees it.
      const guard = (event: { url: string; preventDefault(): void }) => {
        if (matchesRedirectUri(event.url, request.redirectUri)) {
          event.preventDefault();
          caught(event.url);
        } else if (!isBlankDocument(event.url) && !originAllowed(event.url, request.allowedOrigins)) {
          event.preventDefault();
        }
      };
      contents.on('will-navigate', guard);
      contents.on('will-redirect', guard);

      win.once('closed', () => {
        this.options.navigation.release(contentsId);
        if (this.windows.get(request.attemptId) === win) this.windows.delete(request.attemptId);
        ses.webRequest.onBeforeRequest(null);
        // Nothing of this sign-in (cookies, local storage, cache) outlives the attempt.
        ses.clearStorageData().catch(() => undefined);
        ses.clearCache().catch(() => undefined);
        settle({ kind: 'closed' });
      });

      win.loadURL(request.authorizeUrl).catch(() => {
        // A load cancelled by the redirect catch, or a network error page; the user can still close the popup.
      });
    });
  }

  close(attemptId: string): void {
    const win = this.windows.get(attemptId);
    this.windows.delete(attemptId);
    if (win && !win.isDestroyed()) win.destroy();
  }
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'invalid';
  }
}
