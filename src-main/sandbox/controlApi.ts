/**
 * `/__sandbox/…`: JSON control API for tests (never faulted, never logged). Bad input → 400 JSON error.
 * The server lets a request through only from its own loopback Host/Origin with the per-run token (server.ts).
 */
import { z } from 'zod';
import { HttpError, parseJson, sendJson, type Ctx } from './http';
import { permalinkOf } from './publishing/store';
import { ACCOUNT_TYPES, SandboxInputError, type MediaRecord } from './types';

const accountType = z.enum(ACCOUNT_TYPES as [string, ...string[]]).transform((v) => v as (typeof ACCOUNT_TYPES)[number]);
const igUserId = z.string().regex(/^[0-9]{1,25}$/);

const schemas = {
  person: z.object({
    username: z.string(),
    accountType,
    tester: z.boolean().optional(),
    name: z.string().max(200).optional(),
    igUserId: z.string().optional(),
    id: z.string().optional(),
    followersCount: z.number().int().min(0).optional(),
    followsCount: z.number().int().min(0).optional(),
    mediaCount: z.number().int().min(0).optional(),
  }),
  app: z.object({
    appId: z.string(),
    appSecret: z.string(),
    redirectUris: z.array(z.string()).default([]),
    mode: z.enum(['development', 'live']).default('development'),
  }),
  redirectUri: z.object({ appId: z.string(), uri: z.string() }),
  clock: z.object({ advanceMs: z.number().min(0).max(10 * 365 * 86_400_000) }),
  revoke: z.object({ igUserId, reason: z.enum(['app_removed', 'password_changed']) }),
  permission: z.object({ igUserId, scope: z.string() }),
  accountType: z.object({ igUserId, accountType }),
  token: z.object({ igUserId, issuedAt: z.number().optional(), scopes: z.array(z.string()).optional(), appId: z.string().optional() }),
  options: z.object({
    tokenResponseShape: z.enum(['flat', 'data']).optional(),
    permissionsShape: z.enum(['string', 'array']).optional(),
    retireOldTokenOnRefresh: z.boolean().optional(),
    imageProcessingMs: z.number().int().min(0).max(86_400_000).optional(),
    videoProcessingMs: z.number().int().min(0).max(86_400_000).optional(),
    publishQuotaTotal: z.number().int().min(1).max(100_000).optional(),
    mediaFetchTimeoutMs: z.number().int().min(1).max(600_000).optional(),
  }),
  containerError: z.object({ containerId: igUserId, subcode: z.number().int() }),
  viewers: z.object({ mediaId: igUserId, viewers: z.number().int().min(0) }),
  outsideMedia: z.object({ igUserId, count: z.number().int().min(1).max(1000), withinMs: z.number().int().min(1).max(400 * 86_400_000) }),
  comment: z.object({ mediaId: igUserId, igUserId, text: z.string().min(1).max(2200) }),
  incomingMessage: z.object({
    /** The account whose inbox receives it. */
    igUserId,
    from: z.object({ id: igUserId, username: z.string().min(1).max(100) }),
    text: z.string().min(1).max(1000),
    /** When it was written, sandbox time (default now). */
    at: z.number().int().nonnegative().optional(),
  }),
  usage: z.object({
    appPercent: z.number().min(0).max(100).nullable().optional(),
    accountPercent: z.number().min(0).max(100).nullable().optional(),
    regainMinutes: z.number().int().min(0).nullable().optional(),
  }),
};

/** Both option sets in one answer: the response shapes and the publishing options. */
function allOptions(ctx: Ctx): Record<string, unknown> {
  return { ...ctx.world.responseOptions, ...ctx.world.publishing.options };
}

/** Per person (by igUserId), a list: `GET /__sandbox/media` and `/__sandbox/containers`; `?igUserId=` narrows. */
function perPerson<T>(ctx: Ctx, list: (igUserId: string) => T[]): Record<string, T[]> {
  const only = ctx.url.searchParams.get('igUserId');
  const ids = only ? [only] : ctx.world.people().map((p) => p.igUserId);
  return Object.fromEntries(ids.map((id) => [id, list(id)]));
}

function body<T extends z.ZodType>(ctx: Ctx, schema: T): z.output<T> {
  const parsed = schema.safeParse(parseJson(ctx));
  if (!parsed.success) throw new HttpError(400, z.prettifyError(parsed.error));
  return parsed.data;
}

type Handler = (ctx: Ctx) => [number, unknown];

const routes: Record<string, Handler> = {
  'POST /__sandbox/reset': (ctx) => (ctx.world.reset(), [200, { ok: true }]),
  'GET /__sandbox/people': (ctx) => [200, ctx.world.people()],
  'POST /__sandbox/people': (ctx) => [201, ctx.world.addPerson(body(ctx, schemas.person))],
  'GET /__sandbox/apps': (ctx) => [200, ctx.world.apps()],
  'POST /__sandbox/apps': (ctx) => [200, ctx.world.registerApp(body(ctx, schemas.app))],
  'POST /__sandbox/apps/redirect-uris': (ctx) => {
    const { appId, uri } = body(ctx, schemas.redirectUri);
    return [200, ctx.world.addRedirectUri(appId, uri)];
  },
  'GET /__sandbox/faults': (ctx) => [200, ctx.world.faults()],
  'POST /__sandbox/faults': (ctx) => [201, ctx.world.addFault(parseJson(ctx) as never)],
  'DELETE /__sandbox/faults': (ctx) => [200, { cleared: ctx.world.clearFaults() }],
  'GET /__sandbox/clock': (ctx) => [200, { now: ctx.world.now(), offsetMs: ctx.world.clock.offsetMs }],
  'POST /__sandbox/clock': (ctx) => [200, { now: ctx.world.advanceClock(body(ctx, schemas.clock).advanceMs) }],
  'POST /__sandbox/revoke': (ctx) => {
    const { igUserId: id, reason } = body(ctx, schemas.revoke);
    return [200, { revoked: ctx.world.revokeTokens(id, reason) }];
  },
  'POST /__sandbox/permissions/remove': (ctx) => {
    const { igUserId: id, scope } = body(ctx, schemas.permission);
    return [200, { updated: ctx.world.removePermission(id, scope) }];
  },
  'POST /__sandbox/account-type': (ctx) => {
    const { igUserId: id, accountType: type } = body(ctx, schemas.accountType);
    return [200, ctx.world.setAccountType(id, type)];
  },
  'POST /__sandbox/tokens': (ctx) => {
    const { igUserId: id, ...options } = body(ctx, schemas.token);
    return [201, ctx.world.issueLongLivedToken(id, options)];
  },
  'GET /__sandbox/options': (ctx) => [200, allOptions(ctx)],
  'POST /__sandbox/options': (ctx) => {
    const { imageProcessingMs, videoProcessingMs, publishQuotaTotal, mediaFetchTimeoutMs, ...response } = body(ctx, schemas.options);
    ctx.world.setResponseOptions(response);
    ctx.world.publishing.setOptions({ imageProcessingMs, videoProcessingMs, publishQuotaTotal, mediaFetchTimeoutMs });
    return [200, allOptions(ctx)];
  },
  'GET /__sandbox/media': (ctx) => [200, perPerson(ctx, (id) => ctx.world.publishing.mediaOf(id).map((m) => publishedMediaView(ctx, m)))],
  'GET /__sandbox/containers': (ctx) =>
    [200, perPerson(ctx, (id) => ctx.world.publishing.containersOf(id).map((c) => ({ ...c, statusCode: ctx.world.publishing.statusOf(c) })))],
  'POST /__sandbox/containers/error': (ctx) => {
    const { containerId, subcode } = body(ctx, schemas.containerError);
    const container = ctx.world.publishing.failContainer(containerId, subcode);
    return [200, { ...container, statusCode: ctx.world.publishing.statusOf(container) }];
  },
  /** A media reaches at most this many accounts: below the threshold its insights answer `#10 Not enough viewers`. */
  'POST /__sandbox/insights/viewers': (ctx) => {
    const { mediaId, viewers } = body(ctx, schemas.viewers);
    if (!ctx.world.publishing.mediaById(mediaId)) throw new SandboxInputError(`Unknown media ${mediaId}`);
    ctx.world.insights.setAudience(mediaId, viewers);
    return [200, { mediaId, viewers }];
  },
  /** `count` images the person published in the Instagram app, spread evenly over the last `withinMs` (benchmarks, tests). */
  'POST /__sandbox/media/outside': (ctx) => {
    const { igUserId: id, count, withinMs } = body(ctx, schemas.outsideMedia);
    if (!ctx.world.person(id)) throw new SandboxInputError(`Unknown person ${id}`);
    const now = ctx.world.now();
    const added = Array.from({ length: count }, (_, i) =>
      ctx.world.publishing.addOutside({ igUserId: id, kind: 'IMAGE', caption: `Posted in the Instagram app #${i + 1}`, timestamp: now - withinMs + Math.floor(((i + 1) * withinMs) / (count + 1)) }),
    );
    return [201, { added: added.length }];
  },
  /** Graph answers report this usage (percent) from now on; null or absent values go back to counting. */
  'POST /__sandbox/usage': (ctx) => {
    const { appPercent, accountPercent, regainMinutes } = body(ctx, schemas.usage);
    ctx.world.usageKnob = { appPercent: appPercent ?? null, accountPercent: accountPercent ?? null, regainMinutes: regainMinutes ?? null };
    return [200, ctx.world.usageKnob];
  },
  /** A sandbox person (the media's own account too, as in the Instagram app) comments on a media. */
  'POST /__sandbox/comments': (ctx) => {
    const { mediaId, igUserId: id, text } = body(ctx, schemas.comment);
    if (!ctx.world.publishing.mediaById(mediaId)) throw new SandboxInputError(`Unknown media ${mediaId}`);
    const person = ctx.world.person(id);
    if (!person) throw new SandboxInputError(`Unknown person ${id}`);
    const comment = ctx.world.publishing.addComment(mediaId, id, text, { username: person.username });
    return [201, { commentId: comment.id }];
  },
  /** A person outside the sandbox writes to an account: starts or continues their conversation (tests, demos). */
  'POST /__sandbox/messages/incoming': (ctx) => {
    const { igUserId: id, from, text, at } = body(ctx, schemas.incomingMessage);
    if (!ctx.world.person(id)) throw new SandboxInputError(`Unknown person ${id}`);
    const conversation = ctx.world.messaging.conversationWith(id, from);
    const message = ctx.world.messaging.addMessage(conversation, { fromBusiness: false, text, createdAt: at ?? ctx.world.now() });
    return [201, { conversationId: conversation.id, messageId: message.id }];
  },
  /** Each account's conversations with their messages, the most recently active first. */
  'GET /__sandbox/messages': (ctx) => [200, perPerson(ctx, (id) => ctx.world.messaging.conversationsOf(id))],
  'GET /__sandbox/log': (ctx) => [200, ctx.world.requestLog()],
  'DELETE /__sandbox/log': (ctx) => (ctx.world.clearRequestLog(), [200, { ok: true }]),
  'GET /__sandbox/stats': (ctx) => [200, ctx.world.stats()],
};

/** A published media object with its permalink, carousel children and comments, for tests to inspect. */
function publishedMediaView(ctx: Ctx, media: MediaRecord): Record<string, unknown> {
  const store = ctx.world.publishing;
  return {
    ...media,
    permalink: permalinkOf(media),
    children: media.children.map((id) => store.mediaById(id)),
    comments: store.commentsOn(media.id),
  };
}

export function handleControl(ctx: Ctx): void {
  const route = routes[`${ctx.method} ${ctx.path.replace(/\/+$/, '')}`];
  if (!route) return sendJson(ctx, 404, { error: { message: `No control route ${ctx.method} ${ctx.path}` } });
  try {
    const [status, value] = route(ctx);
    sendJson(ctx, status, value);
  } catch (error) {
    if (error instanceof HttpError) return sendJson(ctx, error.status, { error: { message: error.message } });
    if (error instanceof SandboxInputError) return sendJson(ctx, 400, { error: { message: error.message } });
    throw error;
  }
}
