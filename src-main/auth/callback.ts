/**
 * Parses a redirect back from Instagram into a typed value before anything is decided
 * (STYLE.md: parse first, then act). Anything unexpected is `invalid`, with a reason for the log.
 */
export type ParsedCallback =
  | { kind: 'code'; code: string; state: string }
  | { kind: 'denied'; state: string; reason: string | null }
  | { kind: 'invalid'; why: string; state: string | null };

const ALLOWED_PARAMS = new Set(['code', 'state', 'error', 'error_reason', 'error_description', 'error_code', 'error_message']);
const MAX_URL_LENGTH = 8192;
const STATE_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;
const CODE_PATTERN = /^[A-Za-z0-9_.\-]{8,1024}$/;

export function parseCallback(rawUrl: string, redirectUri: string): ParsedCallback {
  if (rawUrl.length > MAX_URL_LENGTH) return { kind: 'invalid', why: 'url too long', state: null };
  let url: URL;
  let expected: URL;
  try {
    url = new URL(rawUrl);
    expected = new URL(redirectUri);
  } catch {
    return { kind: 'invalid', why: 'unparseable url', state: null };
  }
  if (url.origin !== expected.origin || url.pathname !== expected.pathname) {
    return { kind: 'invalid', why: 'not the redirect uri', state: null };
  }
  const counts = new Map<string, number>();
  for (const key of url.searchParams.keys()) counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const [key, count] of counts) {
    if (!ALLOWED_PARAMS.has(key)) return { kind: 'invalid', why: `unexpected parameter ${key.slice(0, 40)}`, state: null };
    if (count > 1) return { kind: 'invalid', why: `duplicated parameter ${key}`, state: null };
  }
  const stateParam = url.searchParams.get('state');
  const state = stateParam !== null && STATE_PATTERN.test(stateParam) ? stateParam : null;
  if (stateParam !== null && state === null) return { kind: 'invalid', why: 'malformed state', state: null };
  if (!state) return { kind: 'invalid', why: 'missing state', state: null };

  // Business Login has also been seen answering a refusal with `error_code=200&error_message=Permissions error`.
  const error = url.searchParams.get('error') ?? (url.searchParams.get('error_code') === '200' ? 'access_denied' : null);
  const rawCode = url.searchParams.get('code');
  if (error !== null && rawCode !== null) return { kind: 'invalid', why: 'both error and code', state };
  if (error !== null) {
    if (error === 'access_denied') {
      return { kind: 'denied', state, reason: (url.searchParams.get('error_reason') ?? '').slice(0, 100) || null };
    }
    return { kind: 'invalid', why: `error ${error.slice(0, 40)}`, state };
  }
  if (rawCode === null) return { kind: 'invalid', why: 'missing code', state };
  // Instagram appends "#_" to the redirect; it is not part of the code (instagram-platform.md §1).
  const code = rawCode.endsWith('#_') ? rawCode.slice(0, -2) : rawCode;
  if (!CODE_PATTERN.test(code)) return { kind: 'invalid', why: 'malformed code', state };
  return { kind: 'code', code, state };
}
