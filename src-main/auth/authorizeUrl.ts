import { MESSAGES_SCOPE, REQUIRED_SCOPES } from '../../src-shared/models';

/**
 * https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/business-login
 * The four permissions always; the messages permission only for an account whose user turned messages on.
 */
export function buildAuthorizeUrl(input: { authBase: string; clientId: string; redirectUri: string; state: string; withMessages?: boolean }): string {
  const url = new URL('/oauth/authorize', input.authBase);
  url.searchParams.set('client_id', input.clientId);
  url.searchParams.set('redirect_uri', input.redirectUri);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', [...REQUIRED_SCOPES, ...(input.withMessages ? [MESSAGES_SCOPE] : [])].join(','));
  url.searchParams.set('state', input.state);
  // Instagram login only (no Facebook sign-in), and always ask who is signing in, so a second
  // account can be added while the first is still signed in to instagram.com.
  url.searchParams.set('enable_fb_login', '0');
  url.searchParams.set('force_reauth', 'true');
  return url.toString();
}
