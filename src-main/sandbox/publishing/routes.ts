/**
 * The content-publishing Graph paths (fact sheet §6, §7 comments): containers, their status, media_publish,
 * content_publishing_limit, the account's media, a media object's fields, and comments. Every answer carries
 * `X-App-Usage`. Objects of another account answer like objects that do not exist (100/33), as Instagram does.
 */
import { NO_PERMISSION, paramError, unsupportedRequest } from '../errors';
import { authenticate } from '../graph/tokenFlow';
import { bearer, sendGraphError, sendGraphJson, type GraphRouter } from '../graphHttp';
import { parseForm, type Ctx } from '../http';
import { BASIC_SCOPE, COMMENTS_SCOPE } from '../scopes';
import type { GraphErrorSpec, Outcome, TokenRecord } from '../types';
import { createContainer } from './containers';
import { COMMENTS_DISABLED } from '../comments/refusals';
import { permalinkOf, QUOTA_WINDOW_MS, type CommentRecord, type ContainerRecord, type MediaRecord, type PublishingStore } from './store';

export const PUBLISH_SCOPE = 'instagram_business_content_publish';

const OBJECT_PATH = /^\/([0-9]{1,25})(?:\/([a-z_]+))?\/?$/;
const DEFAULT_PAGE_SIZE = 25;
const MAX_PAGE_SIZE = 100;

/** Instagram's timestamp format: `2026-01-01T09:00:00+0000`. */
export function graphTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');
}

export type FieldReaders<T> = Readonly<Record<string, (item: T) => unknown>>;

function containerFields(store: PublishingStore): FieldReaders<ContainerRecord> {
  return { id: (c) => c.id, status_code: (c) => store.statusOf(c), status: (c) => store.statusText(c) };
}

function mediaFields(store: PublishingStore, username: (igUserId: string) => string): FieldReaders<MediaRecord> {
  return {
    id: (m) => m.id,
    caption: (m) => m.caption || undefined,
    media_type: (m) => m.mediaType,
    media_product_type: (m) => m.mediaProductType,
    timestamp: (m) => graphTime(m.timestamp),
    permalink: permalinkOf,
    shortcode: (m) => m.shortcode,
    username: (m) => username(m.igUserId),
    owner: (m) => ({ id: m.igUserId }),
    media_url: (m) => m.mediaUrl,
    thumbnail_url: (m) => m.thumbnailUrl,
    children: (m) => (m.mediaType === 'CAROUSEL_ALBUM' ? { data: m.children.map((id) => ({ id })) } : undefined),
    comments_count: (m) => store.commentsOn(m.id).length,
    like_count: () => 0,
    is_comment_enabled: (m) => !m.commentsDisabled,
  };
}

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

export const publishingRoutes: GraphRouter = (ctx) => {
  const match = OBJECT_PATH.exec(ctx.path);
  if (!match) return undefined;
  const [, objectId, edge] = match as unknown as [string, string, string | undefined];
  const { method } = ctx;
  const store = ctx.world.publishing;
  const username = (igUserId: string) => ctx.world.person(igUserId)?.username ?? '';
  const token = bearer(ctx);
  const unsupported = () => sendGraphError(ctx, unsupportedRequest(method, ctx.path), token);

  /** The token's record when it is valid, has `scope`, and (for an account path) belongs to that account. */
  const caller = (scope: string, accountId?: string): TokenRecord | undefined => {
    const access = authenticate(ctx.world, token);
    if (!access.ok) return void sendGraphError(ctx, access.error, token);
    if (accountId !== undefined && access.value.igUserId !== accountId) return void unsupported();
    if (!access.value.scopes.has(scope)) return void sendGraphError(ctx, NO_PERMISSION, token);
    return access.value;
  };
  const answer = (outcome: { ok: true; value: unknown } | { ok: false; error: GraphErrorSpec }) =>
    outcome.ok ? sendGraphJson(ctx, outcome.value, token) : sendGraphError(ctx, outcome.error, token);

  if (method === 'POST' && edge === 'media') {
    return async () => {
      if (!caller(PUBLISH_SCOPE, objectId)) return;
      const created = await createContainer(store, objectId, postParams(ctx), ctx.containerErrorSubcode);
      answer(created.ok ? { ok: true, value: { id: created.value.id } } : created);
    };
  }
  if (method === 'POST' && edge === 'media_publish') {
    return () => {
      if (!caller(PUBLISH_SCOPE, objectId)) return;
      const creationId = postParams(ctx).get('creation_id');
      if (!creationId) return sendGraphError(ctx, paramError('The parameter creation_id is required'), token);
      const published = store.publish(objectId, creationId);
      answer(published.ok ? { ok: true, value: { id: published.value.id } } : published);
    };
  }
  if (method === 'GET' && edge === 'content_publishing_limit') {
    return () => {
      if (!caller(PUBLISH_SCOPE, objectId)) return;
      const entry: Record<string, unknown> = {};
      const fields = (ctx.url.searchParams.get('fields') ?? 'quota_usage').split(',').map((f) => f.trim());
      if (fields.includes('quota_usage')) entry.quota_usage = store.quotaUsage(objectId);
      if (fields.includes('config')) entry.config = { quota_total: store.options.publishQuotaTotal, quota_duration: QUOTA_WINDOW_MS / 1000 };
      sendGraphJson(ctx, { data: [entry] }, token);
    };
  }
  if (method === 'GET' && edge === 'media') {
    return () => {
      if (!caller(BASIC_SCOPE, objectId)) return;
      const readers = mediaFields(store, username);
      answer(graphPage(ctx, store.mediaOf(objectId), (m) => readFields(m, ctx.url.searchParams.get('fields'), readers, 'IGMedia')));
    };
  }
  if (method === 'POST' && edge === 'comments') {
    return () => {
      const record = caller(COMMENTS_SCOPE);
      if (!record) return;
      const media = store.mediaById(objectId);
      if (!media || media.igUserId !== record.igUserId) return unsupported();
      const message = postParams(ctx).get('message');
      if (!message) return sendGraphError(ctx, paramError('The parameter message is required'), token);
      if (media.commentsDisabled) return sendGraphError(ctx, COMMENTS_DISABLED, token);
      sendGraphJson(ctx, { id: store.addComment(media.id, record.igUserId, message).id }, token);
    };
  }
  if (method === 'GET' && edge === undefined) {
    const container = store.container(objectId);
    const media = store.mediaById(objectId);
    const comment = store.comment(objectId);
    if (!container && !media && !comment) return undefined;
    return () => {
      const record = caller(container ? PUBLISH_SCOPE : BASIC_SCOPE);
      if (!record) return;
      const fields = ctx.url.searchParams.get('fields');
      if (container) return container.igUserId === record.igUserId ? answer(readFields(container, fields, containerFields(store), 'ShadowIGMediaBuilder')) : unsupported();
      if (media) return media.igUserId === record.igUserId ? answer(readFields(media, fields, mediaFields(store, username), 'IGMedia')) : unsupported();
      const commentedMedia = store.mediaById(comment!.mediaId);
      if (commentedMedia?.igUserId !== record.igUserId) return unsupported();
      answer(readFields(comment!, fields, commentFields(username), 'IGComment'));
    };
  }
  return undefined;
};
