import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fakeElectron'));

import { app, BrowserWindow, FakeSession, FakeWebContents, resetFakes } from './fakeElectron';
import { hardenAllWebContents, hardenWebContents, NavigationPolicy, secureDefaultSession } from '../../../src-main/electron/security';

const APP = 'file:///opt/postdeck/dist/renderer/index.html';

const MANAGE_ACCESS = 'https://www.instagram.com/accounts/manage_access/';
const openExternal = vi.fn();

function hardened(policy = new NavigationPolicy(APP)) {
  const contents = new FakeWebContents(new FakeSession('x'));
  hardenWebContents(contents as never, policy, openExternal);
  return contents;
}

describe('hardenWebContents', () => {
  beforeEach(() => {
    resetFakes();
    openExternal.mockClear();
  });

  it('denies window.open', () => {
    const contents = hardened();
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: APP })).toEqual({ action: 'deny' });
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('sends an allowlisted link to the system browser, and still opens no window', () => {
    const contents = hardened();
    expect(contents.windowOpenHandler?.({ url: MANAGE_ACCESS })).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledTimes(1);
    expect(openExternal).toHaveBeenCalledWith(MANAGE_ACCESS);
    expect(contents.attempt('will-navigate', 'https://developers.facebook.com/apps/')).toBe(true);
    expect(openExternal).toHaveBeenLastCalledWith('https://developers.facebook.com/apps/');
    expect(openExternal).toHaveBeenCalledTimes(2);
  });

  it('opens nothing in the browser for an address off the allowlist', () => {
    const contents = hardened();
    for (const url of ['https://evil.example/', `${MANAGE_ACCESS}?next=https://evil.example/`, 'file:///etc/passwd', 'https://www.instagram.com/']) {
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
      expect(contents.attempt('will-navigate', url)).toBe(true);
    }
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('opens an allowlisted link once per navigation, not again for the frame event or a redirect', () => {
    const contents = hardened();
    expect(contents.attempt('will-navigate', MANAGE_ACCESS)).toBe(true);
    expect(contents.attempt('will-frame-navigate', MANAGE_ACCESS)).toBe(true);
    expect(contents.attempt('will-redirect', MANAGE_ACCESS)).toBe(true);
    expect(openExternal).toHaveBeenCalledTimes(1);
  });

  it('lets the popup follow its own rule to an allowlisted page without opening the browser', () => {
    const policy = new NavigationPolicy(APP);
    const contents = hardened(policy);
    policy.allow(contents.id, (url) => url.startsWith('https://www.instagram.com/'));
    expect(contents.attempt('will-navigate', MANAGE_ACCESS)).toBe(false);
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('prevents navigation away from the app page, and allows the app page', () => {
    const contents = hardened();
    expect(contents.attempt('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.attempt('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.attempt('will-frame-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.attempt('will-redirect', 'https://evil.example/')).toBe(true);
    expect(contents.attempt('will-navigate', `${APP}#/settings`)).toBe(false);
  });

  it('prevents <webview> and denies every permission', () => {
    const contents = hardened();
    expect(contents.attempt('will-attach-webview', 'https://evil.example/')).toBe(true);
    const callback = vi.fn();
    contents.session.permissionRequestHandler?.(contents, 'media', callback, {});
    expect(callback).toHaveBeenCalledWith(false);
    expect(contents.session.permissionCheckHandler?.(contents, 'notifications')).toBe(false);
  });

  it('lets a registered webContents follow its own rule, until released', () => {
    const policy = new NavigationPolicy(APP);
    const contents = hardened(policy);
    policy.allow(contents.id, (url) => url.startsWith('https://www.instagram.com/'));
    expect(contents.attempt('will-navigate', 'https://www.instagram.com/accounts/login/')).toBe(false);
    expect(contents.attempt('will-navigate', 'https://evil.example/')).toBe(true);
    policy.release(contents.id);
    expect(contents.attempt('will-navigate', 'https://www.instagram.com/accounts/login/')).toBe(true);
  });
});

describe('hardenAllWebContents', () => {
  beforeEach(resetFakes);

  it('applies the checklist to every webContents created afterwards', () => {
    hardenAllWebContents(app as never, new NavigationPolicy(APP), openExternal);
    const win = new BrowserWindow({});
    expect(win.webContents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(win.webContents.attempt('will-navigate', 'https://evil.example/')).toBe(true);
    expect(win.webContents.attempt('will-attach-webview', 'x')).toBe(true);
  });
});

describe('secureDefaultSession', () => {
  beforeEach(resetFakes);

  it('denies permissions and adds the CSP header to documents', () => {
    const ses = new FakeSession('');
    secureDefaultSession(ses as never);
    const callback = vi.fn();
    ses.permissionRequestHandler?.({}, 'geolocation', callback, {});
    expect(callback).toHaveBeenCalledWith(false);

    const answer = vi.fn();
    ses.headersReceived?.({ url: APP, resourceType: 'mainFrame', responseHeaders: {} }, answer);
    expect(answer.mock.calls[0]?.[0].responseHeaders['Content-Security-Policy'][0]).toContain("default-src 'self'");

    const image = vi.fn();
    ses.headersReceived?.({ url: 'https://x/a.png', resourceType: 'image', responseHeaders: {} }, image);
    expect(image).toHaveBeenCalledWith({});
  });
});
