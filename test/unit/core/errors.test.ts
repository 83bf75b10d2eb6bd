import { describe, expect, it } from 'vitest';
import { classifyGraphError, classifyOAuthError, isInstagramError } from '../../../src-main/instagram/errors';

const body = (error: Record<string, unknown>) => ({ error: { message: 'm', type: 'OAuthException', ...error } });

describe('classifyGraphError', () => {
  it('reads HTTP 429 and the throttling codes as rate limited', () => {
    expect(classifyGraphError(429, null).kind).toBe('rate_limited');
    for (const code of [4, 17, 32, 613]) expect(classifyGraphError(400, body({ code })).kind).toBe('rate_limited');
  });

  it('reads 5xx and is_transient as server trouble', () => {
    expect(classifyGraphError(500, null).kind).toBe('server');
    expect(classifyGraphError(503, body({ code: 100 })).kind).toBe('server');
    expect(classifyGraphError(400, body({ code: 100, is_transient: true })).kind).toBe('server');
    expect(classifyGraphError(400, body({ code: 100, is_transient: false })).kind).toBe('bad_request');
  });

  it('reads code 190 as an auth failure and keeps its subcode', () => {
    const error = classifyGraphError(400, body({ code: 190, error_subcode: 463, message: 'Session has expired' }));
    expect(error.kind).toBe('auth');
    expect(error.details).toEqual({ status: 400, code: 190, subcode: 463 });
    expect(error.message).toBe('Session has expired');
    expect(error.transient).toBe(false);
    expect(isInstagramError(error)).toBe(true);
  });

  it('reads code 10 and codes 200-299 as permission errors', () => {
    for (const code of [10, 200, 250, 299]) expect(classifyGraphError(403, body({ code })).kind).toBe('permission');
    expect(classifyGraphError(400, body({ code: 300 })).kind).not.toBe('permission');
    expect(classifyGraphError(400, body({ code: 199 })).kind).not.toBe('permission');
  });

  it('marks only network, server and rate limits as transient', () => {
    expect(classifyGraphError(429, null).transient).toBe(true);
    expect(classifyGraphError(502, null).transient).toBe(true);
    expect(classifyGraphError(403, body({ code: 10 })).transient).toBe(false);
  });
});

describe('classifyOAuthError', () => {
  const oauth = (error_message: string) => classifyOAuthError(400, { error_type: 'OAuthException', code: 400, error_message });

  it.each([
    ['Insufficient developer role', 'insufficient_role'],
    ['Redirect URI does not match registered redirect URI', 'redirect_mismatch'],
    ['This authorization code has been used', 'invalid_code'],
    ['Invalid authorization code', 'invalid_code'],
  ])('reads "%s" as %s', (message, kind) => {
    const error = oauth(message);
    expect(error.kind).toBe(kind);
    expect(error.details).toEqual({ status: 400, code: 400 });
  });

  it('falls back to a bad request for other messages, and honours 429 and 5xx', () => {
    expect(oauth('Something else').kind).toBe('bad_request');
    expect(classifyOAuthError(429, {}).kind).toBe('rate_limited');
    expect(classifyOAuthError(500, { error_message: 'Invalid authorization code' }).kind).toBe('server');
  });

  it('defers to the Graph shape when the body has an error object', () => {
    expect(classifyOAuthError(400, body({ code: 190, error_subcode: 460 })).kind).toBe('auth');
  });
});
