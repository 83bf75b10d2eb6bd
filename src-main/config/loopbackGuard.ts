import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/**
 * What a loopback-only HTTP service checks before anything else (DESIGN.md §1): the `Host` is its own
 * address (stops DNS rebinding), an `Origin`, when sent, is its own too (stops cross-site requests), and
 * the per-run token comes as `Authorization: Bearer …`. The sandbox's control API uses these rules; they
 * are the browser host's (src-main/web/server.ts).
 */
export interface LoopbackRefusal {
  status: 401 | 403;
  message: string;
}

export function ownOrigins(port: number): string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}

/** Why a request from somewhere else is refused (403), or null when Host and Origin are this service's own. */
export function foreignCaller(headers: IncomingHttpHeaders, port: number): string | null {
  const own = ownOrigins(port);
  if (!own.includes(`http://${headers.host ?? ''}`)) return 'Unexpected Host header.';
  if (headers.origin !== undefined && !own.includes(headers.origin)) return 'Requests from other sites are refused.';
  return null;
}

export function bearerToken(headers: IncomingHttpHeaders): string | null {
  const header = headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : null;
}

/** Constant-time comparison, so the answer's timing does not leak how much of a guess was right. */
export function tokenMatches(presented: string | null | undefined, expected: string): boolean {
  if (!presented) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** All three checks: 403 for a foreign Host or Origin, then 401 without the token. */
export function refuseLoopbackCaller(headers: IncomingHttpHeaders, port: number, token: string): LoopbackRefusal | null {
  const foreign = foreignCaller(headers, port);
  if (foreign) return { status: 403, message: foreign };
  if (!tokenMatches(bearerToken(headers), token)) return { status: 401, message: 'Missing or wrong token.' };
  return null;
}
