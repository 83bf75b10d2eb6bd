import { CONTENT_SECURITY_POLICY } from '../../src-shared/csp';
import { externalLinks, isInstagramPermalink } from '../../src-shared/externalLinks';

/**
 * URL decisions for windows and the sign-in popup, as pure functions so they are tested without Electron.
 */

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** The renderer's own page: a file: URL with the same path as index.html (query and #hash ignored). */
export function isAppPageUrl(url: string, appPageUrl: string): boolean {
  const candidate = parse(url);
  const own = parse(appPageUrl);
  if (!candidate || !own || own.protocol !== 'file:') return false;
  return candidate.protocol === 'file:' && candidate.host === own.host && candidate.pathname === own.pathname;
}

const externalLinkHrefs = new Set(Object.values(externalLinks).map((link) => new URL(link).href));

/**
 * One of the addresses the system browser may open (src-shared/externalLinks), exactly: no other path,
 * query or #hash; or a published post's Instagram permalink.
 */
export function isExternalLink(url: string): boolean {
  if (isInstagramPermalink(url)) return true;
  const candidate = parse(url);
  return candidate !== null && externalLinkHrefs.has(candidate.href);
}

/**
 * Whether a URL's origin is in the list. Entries are exact origins (`https://www.instagram.com`,
 * `http://127.0.0.1:5123`) or a wildcard subdomain form (`https://*.instagram.com`, which matches any
 * subdomain at any depth but not `instagram.com` itself nor `evilinstagram.com`).
 */
export function originAllowed(url: string, allowedOrigins: readonly string[]): boolean {
  const candidate = parse(url);
  if (!candidate || (candidate.protocol !== 'https:' && candidate.protocol !== 'http:')) return false;
  return allowedOrigins.some((entry) => {
    const wildcard = /^(https?):\/\/\*\.([^/:]+)(?::(\d+))?\/?$/i.exec(entry.trim());
    if (wildcard) {
      const [, scheme, domain, port] = wildcard;
      return (
        candidate.protocol === `${scheme!.toLowerCase()}:` &&
        candidate.port === (port ?? '') &&
        candidate.hostname.endsWith(`.${domain!.toLowerCase()}`)
      );
    }
    const exact = parse(entry.trim());
    return exact !== null && exact.origin !== 'null' && exact.origin === candidate.origin;
  });
}

/** Same origin and path as the redirect URI; query and fragment may be anything. */
export function matchesRedirectUri(url: string, redirectUri: string): boolean {
  const candidate = parse(url);
  const redirect = parse(redirectUri);
  if (!candidate || !redirect) return false;
  // protocol + host rather than origin, so a non-http redirect URI (origin "null") still matches only itself.
  return (
    candidate.protocol === redirect.protocol &&
    candidate.host === redirect.host &&
    candidate.pathname === redirect.pathname &&
    (redirect.host !== '' || redirect.pathname !== '')
  );
}

export type AuthRequestDecision = 'redirect' | 'allow' | 'block';

/**
 * What the sign-in popup does with one outgoing request: the redirect URI is caught (and never sent),
 * a document (main frame or sub-frame) may only load from an allowed origin, and subresources such as
 * Instagram's CDN images and scripts are let through.
 */
export function classifyAuthRequest(
  details: { url: string; resourceType: string },
  rules: { redirectUri: string; allowedOrigins: readonly string[] },
): AuthRequestDecision {
  if (matchesRedirectUri(details.url, rules.redirectUri)) return 'redirect';
  const isDocument = details.resourceType === 'mainFrame' || details.resourceType === 'subFrame';
  if (isDocument) return originAllowed(details.url, rules.allowedOrigins) ? 'allow' : 'block';
  return 'allow';
}

/** Response headers with our CSP in place of any the response carried (header names are case-insensitive). */
export function withContentSecurityPolicy(
  headers: Record<string, string | string[]> | undefined,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') out[name] = value;
  }
  out['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return out;
}
