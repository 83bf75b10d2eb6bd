import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fakeElectron'));

import { BrowserWindow, resetFakes, session, type FakeSession } from './fakeElectron';
import { authPartition, browserUserAgent, ElectronAuthWindow } from '../../../src-main/electron/authPopup';
import { NavigationPolicy } from '../../../src-main/electron/security';
import type { AuthWindowOutcome, AuthWindowRequest } from '../../../src-main/auth/authWindow';
import { silentLogger } from '../../../src-main/config/logger';

const APP = 'file:///opt/postdeck/dist/renderer/index.html';

function request(attemptId = 'attempt-1'): AuthWindowRequest {
  return {
    attemptId,
    authorizeUrl: `https://www.instagram.com/oauth/authorize?client_id=1&state=${attemptId}`,
    redirectUri: 'https://postdeck.example/oauth/callback',
    allowedOrigins: ['https://www.instagram.com', 'https://*.instagram.com'],
  };
}

function setup() {
  const parent = new BrowserWindow({ show: true });
  const navigation = new NavigationPolicy(APP);
  const popup = new ElectronAuthWindow({ parent: () => parent as never, navigation, logger: silentLogger });
  return { parent, navigation, popup };
}

function track(promise: Promise<AuthWindowOutcome>) {
  const outcomes: AuthWindowOutcome[] = [];
  promise.then((outcome) => outcomes.push(outcome));
  return outcomes;
}

const lastWindow = () => BrowserWindow.instances.at(-1)!;
const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('ElectronAuthWindow', () => {
  beforeEach(resetFakes);

  it('opens a sandboxed modal child of the main window, without preload, and loads the authorize URL', () => {
    const { parent, popup } = setup();
    void popup.open(request());
    const win = lastWindow();
    expect(win).not.toBe(parent);
    expect(win.options.parent).toBe(parent);
    expect(win.options.modal).toBe(true);
    const prefs = win.options.webPreferences;
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true });
    expect(prefs.preload).toBeUndefined();
    expect(win.loadURL).toHaveBeenCalledWith(request().authorizeUrl);
    expect(win.webContents.windowOpenHandler?.({ url: 'https://www.instagram.com/x' })).toEqual({ action: 'deny' });
  });

  it('uses a fresh in-memory partition per attempt', () => {
    const { popup } = setup();
    void popup.open(request('a1'));
    void popup.open(request('a2'));
    const partitions = session.fromPartition.mock.calls.map((call) => call[0]);
    expect(partitions).toEqual(['auth-a1', 'auth-a2']);
    for (const name of partitions) expect(name.startsWith('persist:')).toBe(false);
    const [first, second] = BrowserWindow.instances.slice(-2);
    expect(first!.options.webPreferences.session).not.toBe(second!.options.webPreferences.session);
    expect(first!.options.webPreferences.session).not.toBe(session.defaultSession);
    expect(authPartition('zz')).toBe('auth-zz');
  });

  it('catches the redirect URI: the request is cancelled and the outcome carries the full URL', async () => {
    const { popup } = setup();
    const outcome = popup.open(request());
    const win = lastWindow();
    const ses = win.options.webPreferences.session as FakeSession;
    const url = 'https://postdeck.example/oauth/callback?code=AQB123&state=attempt-1#_';
    expect(ses.request(url, 'mainFrame')).toEqual({ cancel: true });
    await expect(outcome).resolves.toEqual({ kind: 'redirect', url });
    await flush();
    expect(win.isDestroyed()).toBe(true);
  });

  it('refuses a navigation to a foreign origin and stays open', async () => {
    const { popup } = setup();
    const outcomes = track(popup.open(request()));
    const win = lastWindow();
    const ses = win.options.webPreferences.session as FakeSession;
    expect(ses.request('https://evil.example/phish', 'mainFrame')).toEqual({ cancel: true });
    expect(ses.request('https://evil.example/frame', 'subFrame')).toEqual({ cancel: true });
    expect(win.webContents.attempt('will-navigate', 'https://evil.example/phish')).toBe(true);
    expect(win.webContents.attempt('will-redirect', 'https://evil.example/phish')).toBe(true);
    await flush();
    expect(outcomes).toEqual([]);
    expect(win.isDestroyed()).toBe(false);
  });

  it('allows Instagram pages and subresources from a CDN', () => {
    const { popup, navigation } = setup();
    void popup.open(request());
    const win = lastWindow();
    const ses = win.options.webPreferences.session as FakeSession;
    expect(ses.request('https://www.instagram.com/accounts/login/', 'mainFrame')).toEqual({});
    expect(ses.request('https://static.cdninstagram.com/rsrc.php/app.js', 'script')).toEqual({});
    expect(ses.request('https://scontent-lhr8-1.cdninstagram.com/v/pic.jpg', 'image')).toEqual({});
    expect(win.webContents.attempt('will-navigate', 'https://www.instagram.com/accounts/onetap/')).toBe(false);
    // The global guard lets this webContents (and only this one) move within the allowed origins.
    expect(navigation.isAllowed(win.webContents.id, 'https://help.instagram.com/')).toBe(true);
    expect(navigation.isAllowed(win.webContents.id, 'https://evil.example/')).toBe(false);
  });

  it('catches the redirect on will-redirect too', async () => {
    const { popup } = setup();
    const outcome = popup.open(request());
    const win = lastWindow();
    const url = 'https://postdeck.example/oauth/callback?error=access_denied&state=attempt-1';
    expect(win.webContents.attempt('will-redirect', url)).toBe(true);
    await expect(outcome).resolves.toEqual({ kind: 'redirect', url });
  });

  it('resolves closed exactly once when the user closes it, and clears the session', async () => {
    const { popup, navigation } = setup();
    const outcomes = track(popup.open(request()));
    const win = lastWindow();
    const ses = win.options.webPreferences.session as FakeSession;
    const id = win.webContents.id;
    win.close();
    win.close();
    win.emit('closed');
    await flush();
    expect(outcomes).toEqual([{ kind: 'closed' }]);
    expect(ses.clearStorageData).toHaveBeenCalled();
    expect(ses.beforeRequest).toBeNull();
    expect(navigation.isAllowed(id, 'https://www.instagram.com/')).toBe(false);
  });

  it('does not report closed after a redirect was caught', async () => {
    const { popup } = setup();
    const outcomes = track(popup.open(request()));
    const ses = lastWindow().options.webPreferences.session as FakeSession;
    ses.request('https://postdeck.example/oauth/callback?code=c&state=s');
    await flush();
    await flush();
    expect(outcomes).toEqual([{ kind: 'redirect', url: 'https://postdeck.example/oauth/callback?code=c&state=s' }]);
  });

  it('close(attemptId) closes that attempt only', async () => {
    const { popup } = setup();
    const first = track(popup.open(request('a1')));
    const firstWindow = lastWindow();
    const second = track(popup.open(request('a2')));
    const secondWindow = lastWindow();
    popup.close('a1');
    popup.close('unknown');
    await flush();
    expect(firstWindow.isDestroyed()).toBe(true);
    expect(secondWindow.isDestroyed()).toBe(false);
    expect(first).toEqual([{ kind: 'closed' }]);
    expect(second).toEqual([]);
  });

  it('drops the Electron and app tokens from the user agent', () => {
    expect(browserUserAgent('Mozilla/5.0 (X11) AppleWebKit/537.36 postdeck/0.1.0 Chrome/140.0.0.0 Electron/45.4.1 Safari/537.36')).toBe(
      'Mozilla/5.0 (X11) AppleWebKit/537.36 Chrome/140.0.0.0 Safari/537.36',
    );
  });
});
