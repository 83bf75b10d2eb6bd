/**
 * The only addresses Postdeck sends to the user's browser. The renderer names one of them (never a URL
 * of its own) and links to it with a plain `<a target="_blank">`: the browser host opens a tab, and the
 * desktop host opens exactly these addresses with `shell.openExternal` and refuses every other.
 */
export const externalLinks = {
  /** Instagram → Settings → Apps and websites, where a person removes an app's access. */
  manageAccess: 'https://www.instagram.com/accounts/manage_access/',
  /** Meta's developer dashboard, where the user's own Instagram app is configured. */
  metaApps: 'https://developers.facebook.com/apps/',
} as const;

export type ExternalLinkName = keyof typeof externalLinks;

/**
 * A published post's address on Instagram, as the Graph API's `permalink` gives it:
 * https://www.instagram.com/p/<shortcode>/ or /reel/<shortcode>/, or a Story's as Instagram's Copy link
 * gives it: /stories/<username>/<id>/. Checked on the raw text, strictly: no other scheme, host, port,
 * user, path, query or #hash, and nothing percent-encoded.
 */
const INSTAGRAM_PERMALINK = /^https:\/\/www\.instagram\.com\/(?:(?:p|reel)\/[A-Za-z0-9_-]{1,64}|stories\/[A-Za-z0-9._]{1,30}\/\d{1,30})\/?$/;

export function isInstagramPermalink(url: string): boolean {
  return INSTAGRAM_PERMALINK.test(url);
}

/** Why a link given for a post posted by hand is refused. */
export const NOT_AN_INSTAGRAM_LINK = 'That is not the address of a post on Instagram. In Instagram, choose Share, then Copy link, and paste it here.';

/**
 * A post's link as a person pastes it from Instagram's Copy link (`instagram.com` with or without `www`,
 * the share tracking `?igsh=…` after it) in the one form Postdeck keeps and links to; null for anything
 * that is not the address of a post, Reel or Story on Instagram.
 */
export function instagramPostLink(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || (url.hostname !== 'instagram.com' && url.hostname !== 'www.instagram.com') || url.port || url.username || url.password) return null;
  const link = `https://www.instagram.com${url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`}`;
  return isInstagramPermalink(link) ? link : null;
}
