/**
 * What Graph answers share across the sandbox's domains: Instagram's timestamp format, `fields=` selection,
 * form-or-query parameters on a POST, and cursor paging.
 */
import { paramError } from './errors';
import { parseForm, type Ctx } from './http';
import type { CommentRecord, GraphErrorSpec, Outcome } from './types';

const DEFAULT_PAGE_SIZE = 25;
const MAX_PAGE_SIZE = 100;

/** Instagram's timestamp format: `2026-01-01T09:00:00+0000`. */
export function graphTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');
}

export type FieldReaders<T> = Readonly<Record<string, (item: T) => unknown>>;

export function commentFields(username: (igUserId: string) => string): FieldReaders<CommentRecord> {
  return {
    id: (c) => c.id,
    text: (c) => c.text,
    timestamp: (c) => graphTime(c.timestamp),
    username: (c) => c.username ?? username(c.igUserId),
    from: (c) => ({ id: c.igUserId, username: c.username ?? username(c.igUserId) }),
    hidden: (c) => c.hidden === true,
    media: (c) => ({ id: c.mediaId }),
  };
}

/** Only the requested fields (default `id`); an unknown field fails the call as on Instagram. */
export function readFields<T>(item: T, fieldsParam: string | null, readers: FieldReaders<T>, nodeType: string): { ok: true; value: Record<string, unknown> } | { ok: false; error: GraphErrorSpec } {
  const fields = fieldsParam ? [...new Set(fieldsParam.split(',').map((f) => f.trim()).filter(Boolean))] : ['id'];
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    const read = Object.hasOwn(readers, field) ? readers[field] : undefined;
    if (!read) return { ok: false, error: paramError(`Tried accessing nonexisting field (${field}) on node type (${nodeType})`) };
    const value = read(item);
    if (value !== undefined) out[field] = value;
  }
  return { ok: true, value: out };
}

/** Query and form parameters together (Instagram takes either on a POST); the form wins. */
export function postParams(ctx: Ctx): URLSearchParams {
  const params = new URLSearchParams(ctx.url.searchParams);
  params.delete('access_token');
  for (const [key, value] of parseForm(ctx)) params.set(key, value);
  return params;
}

function cursorOf(id: string): string {
  return Buffer.from(id, 'utf8').toString('base64url');
}

/**
 * One page of a Graph edge in the order given: `limit` per page, `paging.cursors.after` and `paging.next`
 * (the account's media, a media's comments, a comment's replies).
 */
export function graphPage<T extends { id: string }>(ctx: Ctx, all: readonly T[], read: (item: T) => Outcome<Record<string, unknown>>): Outcome<unknown> {
  const query = ctx.url.searchParams;
  const limitText = query.get('limit');
  const limit = limitText === null ? DEFAULT_PAGE_SIZE : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1) return { ok: false, error: paramError('limit must be a positive whole number') };
  const after = query.get('after');
  let start = 0;
  if (after !== null) {
    const id = Buffer.from(after, 'base64url').toString('utf8');
    const index = all.findIndex((m) => m.id === id);
    if (index < 0) return { ok: false, error: paramError('Invalid after cursor') };
    start = index + 1;
  }
  const items = all.slice(start, start + Math.min(limit, MAX_PAGE_SIZE));
  const data: Record<string, unknown>[] = [];
  for (const item of items) {
    const fields = read(item);
    if (!fields.ok) return fields;
    data.push(fields.value);
  }
  if (items.length === 0) return { ok: true, value: { data } };
  const afterCursor = cursorOf(items.at(-1)!.id);
  const paging: Record<string, unknown> = { cursors: { before: cursorOf(items[0]!.id), after: afterCursor } };
  if (start + items.length < all.length) {
    const next = new URL(`http://${ctx.req.headers.host ?? '127.0.0.1'}${ctx.rawPath}`);
    for (const [key, value] of query) if (key !== 'access_token' && key !== 'after') next.searchParams.set(key, value);
    next.searchParams.set('after', afterCursor);
    paging.next = next.toString();
  }
  return { ok: true, value: { data, paging } };
}

