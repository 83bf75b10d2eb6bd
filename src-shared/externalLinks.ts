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
 * https://www.instagram.com/p/<shortcode>/ or /reel/<shortcode>/. Checked on the raw text, strictly:
 * no other scheme, host, port, user, path, query or #hash, and nothing percent-encoded.
 */
const INSTAGRAM_PERMALINK = /^https:\/\/www\.instagram\.com\/(?:p|reel)\/[A-Za-z0-9_-]{1,64}\/?$/;

export function isInstagramPermalink(url: string): boolean {
  return INSTAGRAM_PERMALINK.test(url);
}
