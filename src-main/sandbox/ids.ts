/** Random identifiers: tokens, codes, ids, trace ids. Tokens and codes are opaque and url-safe. */
import { randomBytes, randomInt } from 'node:crypto';

/** `IGAA` + 128 base64url chars (96 random bytes). */
export function newAccessToken(): string {
  return `IGAA${randomBytes(96).toString('base64url')}`;
}

/** Authorization code: opaque, url-safe, 66 chars. */
export function newAuthorizationCode(): string {
  return `AQ${randomBytes(48).toString('base64url')}`;
}

export function newFbtraceId(): string {
  return randomBytes(8).toString('base64url');
}

function randomDigits(count: number): string {
  let out = '';
  while (out.length < count) out += randomInt(0, 1_000_000_000).toString().padStart(9, '0');
  return out.slice(0, count);
}

/**
 * Professional account id: 17 digits starting `1784`, always odd, so it lies above
 * Number.MAX_SAFE_INTEGER and cannot be represented exactly as a double (a lossy parse shows).
 */
export function newIgUserId(): string {
  const body = randomDigits(12);
  const last = (randomInt(0, 5) * 2 + 1).toString();
  return `1784${body}${last}`;
}

/** App-scoped user id: 16 digits starting with 2 (unlike the `1784…` professional ids). */
export function newAppScopedId(): string {
  return `2${randomDigits(15)}`;
}

/** Container, media and comment ids: 17 digits starting `17`, like Instagram's (`17889455560051444`). */
export function newGraphObjectId(): string {
  return `17${randomDigits(15)}`;
}

const SHORTCODE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** The 11 characters of a permalink: `https://www.instagram.com/p/<shortcode>/`. */
export function newShortcode(): string {
  let out = '';
  for (let i = 0; i < 11; i++) out += SHORTCODE_ALPHABET[randomInt(0, SHORTCODE_ALPHABET.length)];
  return out;
}

/** 256 random bits, url-safe: the unguessable path of a hosted media file. */
export function newMediaSecret(): string {
  return randomBytes(32).toString('base64url');
}
