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
 * A published post's own page on Instagram, as Instagram gives it (`permalink`): https, www.instagram.com,
 * `/p/` or `/reel/` and a shortcode, nothing else. These are the only other addresses the browser may open.
 */
export function isInstagramPermalink(href: string): boolean {
  return /^https:\/\/www\.instagram\.com\/(?:p|reel)\/[A-Za-z0-9_-]{5,64}\/?$/.test(href);
}
