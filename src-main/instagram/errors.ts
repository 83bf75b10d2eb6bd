/**
 * What went wrong talking to Instagram, classified for decisions: only `auth`, `permission` and
 * `not_eligible` are authoritative answers about an account; `network`, `server` and `rate_limited`
 * are transient and never make an account unhealthy.
 */
export type InstagramErrorKind =
  | 'network'
  | 'server'
  | 'rate_limited'
  | 'auth'
  | 'permission'
  | 'invalid_code'
  | 'redirect_mismatch'
  | 'insufficient_role'
  | 'bad_client'
  | 'bad_request'
  | 'invalid_response';

/**
 * Whether a failed request reached Instagram: `answered` (Instagram replied), `not_sent` (refused or
 * unresolved before anything left), `maybe_sent` (the connection broke or timed out after sending: a
 * write such as media_publish may have happened).
 */
export type Delivery = 'answered' | 'not_sent' | 'maybe_sent';

/**
 * Content-publishing failures (instagram-platform.md §8), by Instagram's subcode. Each tells the
 * publisher what may help: wait, recreate the container, retry creation, fix the input, or tell the user.
 */
export type PublishingErrorKind =
  | 'quota_reached'
  | 'not_ready'
  | 'media_not_found'
  | 'builder_expired'
  | 'fetch_failed'
  | 'container_expired'
  | 'server_error'
  | 'bad_thumb_offset'
  | 'restricted_after_publish'
  | 'image_too_large'
  | 'bad_format'
  | 'bad_aspect'
  | 'caption_rejected'
  | 'account_restricted'
  | 'carousel_count';

const PUBLISHING_SUBCODES: Record<number, PublishingErrorKind> = {
  2207042: 'quota_reached',
  2207027: 'not_ready',
  2207006: 'media_not_found',
  2207008: 'builder_expired',
  2207052: 'fetch_failed',
  2207003: 'fetch_failed',
  2207020: 'container_expired',
  2207001: 'server_error',
  2207032: 'server_error',
  2207053: 'server_error',
  2207057: 'bad_thumb_offset',
  2207051: 'restricted_after_publish',
  2207004: 'image_too_large',
  2207005: 'bad_format',
  2207026: 'bad_format',
  2207009: 'bad_aspect',
  2207010: 'caption_rejected',
  2207040: 'caption_rejected',
  2207050: 'account_restricted',
  2207028: 'carousel_count',
};

export class InstagramError extends Error {
  override readonly name = 'InstagramError';
  /** Set when Instagram's subcode is one of the content-publishing failures. */
  readonly publishing: PublishingErrorKind | null;

  constructor(
    readonly kind: InstagramErrorKind,
    message: string,
    readonly details: { status?: number; code?: number; subcode?: number } = {},
    readonly delivery: Delivery = 'answered',
  ) {
    super(message);
    this.publishing = details.subcode !== undefined ? (PUBLISHING_SUBCODES[details.subcode] ?? null) : null;
  }

  get transient(): boolean {
    return this.kind === 'network' || this.kind === 'server' || this.kind === 'rate_limited';
  }
}

export function isInstagramError(value: unknown): value is InstagramError {
  return value instanceof Error && value.name === 'InstagramError';
}

/** `(#4) Application request limit reached`: the app's own limit, shared by every account. */
export const APP_RATE_LIMIT_CODE = 4;
/** `(#100) …`: a parameter Instagram does not accept (fact sheet §8). */
export const INVALID_PARAMETER_CODE = 100;
const RATE_LIMIT_CODES = new Set([APP_RATE_LIMIT_CODE, 17, 32, 341, 613, 80002]);
const TRANSIENT_CODES = new Set([1, 2, -1, -2]);

/** Graph-style error body: {"error":{"message","type","code","error_subcode","is_transient"}}. */
export function classifyGraphError(status: number, body: unknown): InstagramError {
  const error = (body as { error?: Record<string, unknown> } | null)?.error;
  const code = typeof error?.code === 'number' ? error.code : undefined;
  const subcode = typeof error?.error_subcode === 'number' ? error.error_subcode : undefined;
  const message = typeof error?.message === 'string' ? error.message.slice(0, 300) : `HTTP ${status}`;
  const details = { status, ...(code !== undefined ? { code } : {}), ...(subcode !== undefined ? { subcode } : {}) };
  if (status === 429 || (code !== undefined && RATE_LIMIT_CODES.has(code))) return new InstagramError('rate_limited', message, details);
  if (status >= 500 || error?.is_transient === true || (code !== undefined && TRANSIENT_CODES.has(code))) {
    return new InstagramError('server', message, details);
  }
  if (code === 190) return new InstagramError('auth', message, details);
  if (code === 10 || (code !== undefined && code >= 200 && code <= 299)) return new InstagramError('permission', message, details);
  if (code === 101) return new InstagramError('bad_client', message, details);
  return new InstagramError('bad_request', message, details);
}

/** The api.instagram.com OAuth endpoint's own shape: {"error_type","code","error_message"}. */
export function classifyOAuthError(status: number, body: unknown): InstagramError {
  if (body && typeof body === 'object' && 'error' in body) return classifyGraphError(status, body);
  const record = (body ?? {}) as Record<string, unknown>;
  const message = typeof record.error_message === 'string' ? record.error_message.slice(0, 300) : `HTTP ${status}`;
  const details = { status, ...(typeof record.code === 'number' ? { code: record.code } : {}) };
  if (status === 429) return new InstagramError('rate_limited', message, details);
  if (status >= 500) return new InstagramError('server', message, details);
  if (/developer role/i.test(message)) return new InstagramError('insufficient_role', message, details);
  if (/redirect uri/i.test(message)) return new InstagramError('redirect_mismatch', message, details);
  if (/authorization code/i.test(message)) return new InstagramError('invalid_code', message, details);
  if (/client/i.test(message)) return new InstagramError('bad_client', message, details);
  return new InstagramError('bad_request', message, details);
}

/** Error 190 subcodes (instagram-platform.md §8) mapped to why the account must reconnect. */
export function authFailureReason(error: InstagramError): 'token_expired' | 'token_revoked' {
  return error.details.subcode === 463 ? 'token_expired' : 'token_revoked';
}
