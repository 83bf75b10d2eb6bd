import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  classifyAuthRequest,
  isAppPageUrl,
  isExternalLink,
  matchesRedirectUri,
  originAllowed,
  withContentSecurityPolicy,
} from '../../../src-main/electron/urlPolicy';
import { CONTENT_SECURITY_POLICY } from '../../../src-shared/csp';

const APP = 'file:///opt/postdeck/dist/renderer/index.html';

describe('isExternalLink', () => {
  it('accepts exactly the shared allowlist', () => {
    expect(isExternalLink('https://www.instagram.com/accounts/manage_access/')).toBe(true);
    expect(isExternalLink('https://developers.facebook.com/apps/')).toBe(true);
    expect(isExternalLink('https://WWW.instagram.com/accounts/manage_access/')).toBe(true); // same URL, normalised
  });

  it("accepts a published post's permalink, for posts, Reels and Stories", () => {
    expect(isExternalLink('https://www.instagram.com/stories/maya.makes/3141592653589793/')).toBe(true);
    expect(isExternalLink('https://www.instagram.com/p/C0ffee12345/')).toBe(true);
    expect(isExternalLink('https://www.instagram.com/reel/C0ffee_1-45/')).toBe(true);
    expect(isExternalLink('https://www.instagram.com/p/C0ffee12345')).toBe(true);
  });

  it('refuses everything else: other paths, queries, fragments, schemes, hosts and lookalikes', () => {
    for (const url of [
      'https://www.instagram.com/',
      'https://www.instagram.com/accounts/manage_access/?next=https://evil.example',
      'https://www.instagram.com/accounts/manage_access/#x',
      'https://www.instagram.com/accounts/manage_access',
      'http://www.instagram.com/accounts/manage_access/',
      'https://www.instagram.com.evil.example/accounts/manage_access/',
      'https://user@www.instagram.com/accounts/manage_access/',
      'https://developers.facebook.com/apps/123/settings/',
      'https://www.instagram.com/p/',
      'https://www.instagram.com/p/C0ffee12345/?utm_source=x',
      'https://www.instagram.com/p/C0ffee12345/#x',
      'https://www.instagram.com/p/C0ffee12345/edit/',
      'https://www.instagram.com/stories/C0ffee12345/',
      'http://www.instagram.com/p/C0ffee12345/',
      'https://instagram.com/p/C0ffee12345/',
      'https://www.instagram.com:444/p/C0ffee12345/',
      'https://user@www.instagram.com/p/C0ffee12345/',
      'https://www.instagram.com/p/../accounts/edit/',
      'https://www.instagram.com.evil.example/p/C0ffee12345/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'not a url',
      '',
    ]) {
      expect(isExternalLink(url), url).toBe(false);
    }
  });
});

describe('isExternalLink: Instagram permalinks of published posts', () => {
  it('accepts /p/ and /reel/ with a shortcode, with or without the trailing slash', () => {
    for (const url of [
      'https://www.instagram.com/p/DA1b2C3d4E5/',
      'https://www.instagram.com/p/DA1b2C3d4E5',
      'https://www.instagram.com/reel/C_x-Y9zQ1aB/',
      'https://www.instagram.com/reel/C_x-Y9zQ1aB',
    ]) {
      expect(isExternalLink(url), url).toBe(true);
    }
  });

  it('refuses every other form', () => {
    for (const url of [
      'http://www.instagram.com/p/DA1b2C3d4E5/',
      'https://instagram.com/p/DA1b2C3d4E5/',
      'https://www.instagram.com.evil.example/p/DA1b2C3d4E5/',
      'https://evil.example/https://www.instagram.com/p/DA1b2C3d4E5/',
      'https://user@www.instagram.com/p/DA1b2C3d4E5/',
      'https://www.instagram.com:8443/p/DA1b2C3d4E5/',
      'https://www.instagram.com/p/DA1b2C3d4E5/?igsh=abc',
      'https://www.instagram.com/p/DA1b2C3d4E5/#comments',
      'https://www.instagram.com/p/DA1b2C3d4E5/c/123/',
      'https://www.instagram.com/p/DA1b2C3d4E5//',
      'https://www.instagram.com/p/',
      'https://www.instagram.com/p//',
      'https://www.instagram.com/p/../maya.makes/',
      'https://www.instagram.com/p/%2e%2e/',
      'https://www.instagram.com/reels/DA1b2C3d4E5/',
      'https://www.instagram.com/tv/DA1b2C3d4E5/',
      'https://www.instagram.com/maya.makes/',
      ' https://www.instagram.com/p/DA1b2C3d4E5/',
      'https://www.instagram.com/p/DA1b2C3d4E5/\n',
    ]) {
      expect(isExternalLink(url), url).toBe(false);
    }
  });
});

describe('isAppPageUrl', () => {
  it('accepts the app page, with any query or hash', () => {
    expect(isAppPageUrl(APP, APP)).toBe(true);
    expect(isAppPageUrl(`${APP}#/accounts`, APP)).toBe(true);
    expect(isAppPageUrl(`${APP}?x=1`, APP)).toBe(true);
  });

  it('refuses other files, other schemes and garbage', () => {
    expect(isAppPageUrl('file:///opt/postdeck/dist/renderer/other.html', APP)).toBe(false);
    expect(isAppPageUrl('file:///etc/passwd', APP)).toBe(false);
    expect(isAppPageUrl('https://evil.example/opt/postdeck/dist/renderer/index.html', APP)).toBe(false);
    expect(isAppPageUrl('not a url', APP)).toBe(false);
    expect(isAppPageUrl('about:blank', APP)).toBe(false);
  });
});

describe('originAllowed', () => {
  const allowed = ['https://www.instagram.com', 'http://127.0.0.1:5123', 'https://*.facebook.com'];

  it('matches exact origins only', () => {
    expect(originAllowed('https://www.instagram.com/oauth/authorize?x=1', allowed)).toBe(true);
    expect(originAllowed('http://127.0.0.1:5123/oauth', allowed)).toBe(true);
    expect(originAllowed('http://127.0.0.1:5124/oauth', allowed)).toBe(false);
    expect(originAllowed('http://www.instagram.com/', allowed)).toBe(false);
    expect(originAllowed('https://www.instagram.com.evil.example/', allowed)).toBe(false);
    expect(originAllowed('https://instagram.com/', allowed)).toBe(false);
  });

  it('matches the wildcard subdomain form, but not the bare domain or look-alikes', () => {
    expect(originAllowed('https://m.facebook.com/login', allowed)).toBe(true);
    expect(originAllowed('https://a.b.facebook.com/', allowed)).toBe(true);
    expect(originAllowed('https://facebook.com/', allowed)).toBe(false);
    expect(originAllowed('https://evilfacebook.com/', allowed)).toBe(false);
    expect(originAllowed('http://m.facebook.com/', allowed)).toBe(false);
    expect(originAllowed('https://m.facebook.com:8443/', allowed)).toBe(false);
  });

  it('refuses non-web schemes', () => {
    expect(originAllowed('file:///etc/passwd', ['file://'])).toBe(false);
    expect(originAllowed('javascript:alert(1)', allowed)).toBe(false);
  });
});

describe('matchesRedirectUri', () => {
  const redirect = 'https://postdeck.app/oauth/callback';
  it('matches origin and path with any query or fragment', () => {
    expect(matchesRedirectUri('https://postdeck.app/oauth/callback?code=abc&state=xyz#_', redirect)).toBe(true);
    expect(matchesRedirectUri('https://postdeck.app/oauth/callback', redirect)).toBe(true);
  });
  it('does not match another path, host or scheme', () => {
    expect(matchesRedirectUri('https://postdeck.app/oauth/callback2?code=1', redirect)).toBe(false);
    expect(matchesRedirectUri('https://evil.example/oauth/callback?code=1', redirect)).toBe(false);
    expect(matchesRedirectUri('http://postdeck.app/oauth/callback?code=1', redirect)).toBe(false);
  });
});

describe('classifyAuthRequest', () => {
  const rules = { redirectUri: 'http://127.0.0.1:5123/callback', allowedOrigins: ['https://www.instagram.com'] };
  it('catches the redirect URI whatever the resource type', () => {
    expect(classifyAuthRequest({ url: 'http://127.0.0.1:5123/callback?code=c&state=s', resourceType: 'mainFrame' }, rules)).toBe('redirect');
  });
  it('blocks documents from foreign origins and allows subresources', () => {
    expect(classifyAuthRequest({ url: 'https://evil.example/', resourceType: 'mainFrame' }, rules)).toBe('block');
    expect(classifyAuthRequest({ url: 'https://evil.example/', resourceType: 'subFrame' }, rules)).toBe('block');
    expect(classifyAuthRequest({ url: 'https://www.instagram.com/accounts/login/', resourceType: 'mainFrame' }, rules)).toBe('allow');
    expect(classifyAuthRequest({ url: 'https://scontent.cdninstagram.com/a.jpg', resourceType: 'image' }, rules)).toBe('allow');
    expect(classifyAuthRequest({ url: 'https://static.cdninstagram.com/app.js', resourceType: 'script' }, rules)).toBe('allow');
  });
});

describe('withContentSecurityPolicy', () => {
  it('replaces any CSP header, whatever its case, and keeps the others', () => {
    const headers = withContentSecurityPolicy({ 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] });
    expect(headers['Content-Type']).toEqual(['text/html']);
    expect(Object.keys(headers).filter((name) => name.toLowerCase() === 'content-security-policy')).toEqual(['Content-Security-Policy']);
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
  });
  it('is the renderer meta tag policy', () => {
    const html = readFileSync('src-renderer/index.html', 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(CONTENT_SECURITY_POLICY).toBe(meta);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
  });
});
