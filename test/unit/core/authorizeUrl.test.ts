import { describe, expect, it } from 'vitest';
import { buildAuthorizeUrl } from '../../../src-main/auth/authorizeUrl';

describe('buildAuthorizeUrl', () => {
  const href = buildAuthorizeUrl({
    authBase: 'https://www.instagram.com',
    clientId: '1234567890',
    redirectUri: 'https://postdeck.example/oauth/callback?x=1',
    state: 'state_value-123',
  });
  const url = new URL(href);

  it('points at /oauth/authorize on the auth base', () => {
    expect(`${url.origin}${url.pathname}`).toBe('https://www.instagram.com/oauth/authorize');
  });

  it('asks for a code for this client, redirect and state', () => {
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('client_id')).toBe('1234567890');
    expect(url.searchParams.get('redirect_uri')).toBe('https://postdeck.example/oauth/callback?x=1');
    expect(url.searchParams.get('state')).toBe('state_value-123');
  });

  it('requests exactly the four business scopes, comma-separated', () => {
    expect(url.searchParams.getAll('scope')).toEqual([
      'instagram_business_basic,instagram_business_content_publish,instagram_business_manage_insights,instagram_business_manage_comments',
    ]);
  });

  it('adds the messages permission only when asked for it', () => {
    const withMessages = new URL(buildAuthorizeUrl({ authBase: 'https://www.instagram.com', clientId: '1234567890', redirectUri: 'https://postdeck.example/cb', state: 's', withMessages: true }));
    expect(withMessages.searchParams.get('scope')).toBe(
      'instagram_business_basic,instagram_business_content_publish,instagram_business_manage_insights,instagram_business_manage_comments,instagram_business_manage_messages',
    );
  });

  it('turns Facebook login off', () => {
    expect(url.searchParams.get('enable_fb_login')).toBe('0');
  });
});
