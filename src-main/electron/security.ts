import type { App, Session, WebContents } from 'electron';
import { isAppPageUrl, isExternalLink, withContentSecurityPolicy } from './urlPolicy';

type NavigationRule = (url: string) => boolean;

/**
 * Where each webContents may navigate. By default only to the app's own page; the sign-in popup
 * registers its own rule (Instagram's origins) for its webContents while it is open.
 */
export class NavigationPolicy {
  private readonly rules = new Map<number, NavigationRule>();

  constructor(private readonly appPageUrl: string) {}

  allow(webContentsId: number, rule: NavigationRule): void {
    this.rules.set(webContentsId, rule);
  }

  release(webContentsId: number): void {
    this.rules.delete(webContentsId);
  }

  isAllowed(webContentsId: number, url: string): boolean {
    const rule = this.rules.get(webContentsId);
    return rule ? rule(url) : isAppPageUrl(url, this.appPageUrl);
  }
}

type HardenableContents = Pick<WebContents, 'id' | 'on' | 'setWindowOpenHandler'> & {
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>;
};

/** Hands an address to the system browser (`shell.openExternal` on desktop). */
export type OpenExternal = (url: string) => void;

/**
 * The Electron security checklist for one webContents, whatever created it. No window is ever opened
 * inside the app; a link to an allowlisted address (src-shared/externalLinks) goes to the system browser.
 */
export function hardenWebContents(contents: HardenableContents, policy: Pick<NavigationPolicy, 'isAllowed'>, openExternal: OpenExternal): void {
  const openIfExternal = (url: string) => {
    if (isExternalLink(url)) openExternal(url);
  };
  contents.setWindowOpenHandler(({ url }) => {
    openIfExternal(url);
    return { action: 'deny' };
  });
  const guard = (event: { url: string; preventDefault(): void }) => {
    if (!policy.isAllowed(contents.id, event.url)) event.preventDefault();
  };
  contents.on('will-navigate', (event) => {
    if (policy.isAllowed(contents.id, event.url)) return;
    event.preventDefault();
    // Only here, not on will-frame-navigate (which also fires for the top frame) or redirects: one click, one open.
    openIfExternal(event.url);
  });
  contents.on('will-frame-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // Permissions live on the session; setting them per webContents also covers the popup's partitions.
  contents.session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  contents.session.setPermissionCheckHandler(() => false);
}

/** Applies the checklist to every webContents ever created. Call before `ready`, so no window escapes it. */
export function hardenAllWebContents(app: Pick<App, 'on'>, policy: Pick<NavigationPolicy, 'isAllowed'>, openExternal: OpenExternal): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, policy, openExternal));
}

/** Default session: deny every permission, and send our CSP with its documents. Call once `ready`. */
export function secureDefaultSession(
  defaultSession: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'webRequest'>,
): void {
  defaultSession.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  defaultSession.setPermissionCheckHandler(() => false);
  // Only the app's own page loads in the default session (the popup has its own partitions), so every
  // document response here is ours; a foreign document, should one slip in, gets the same strict policy.
  defaultSession.webRequest.onHeadersReceived((details, callback) => {
    const isDocument = details.resourceType === 'mainFrame' || details.resourceType === 'subFrame';
    callback(isDocument ? { responseHeaders: withContentSecurityPolicy(details.responseHeaders) } : {});
  });
}
