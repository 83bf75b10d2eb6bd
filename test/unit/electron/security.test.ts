import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fakeElectron'));

import { app, BrowserWindow, FakeSession, FakeWebContents, resetFakes } from './fakeElectron';
import { hardenAllWebContents, hardenWebContents, NavigationPolicy, secureDefaultSession } from '../../../src-main/electron/security';

const APP = 'file:///opt/postdeck/dist/renderer/index.html';

function hardened(policy = new NavigationPolicy(APP)) {
  const contents = new FakeWebContents(new FakeSession('x'));
  hardenWebContents(contents as never, policy);
  return contents;
}

describe('hardenWebContents', () => {
  beforeEach(resetFakes);

  it('denies window.open', () => {
    const contents = hardened();
    expect(contents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: APP })).toEqual({ action: 'deny' });
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
    hardenAllWebContents(app as never, new NavigationPolicy(APP));
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
