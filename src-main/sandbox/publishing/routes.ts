/**
 * The content-publishing Graph paths (fact sheet §6, §7 comments): containers, their status, media_publish,
 * content_publishing_limit, the account's media, a media object's fields, and comments. Every answer carries
 * `X-App-Usage`. Objects of another account answer like objects that do not exist (100/33), as Instagram does.
 */
import { NO_PERMISSION, paramError, unsupportedRequest } from '../errors';
import { authenticate } from '../graph/tokenFlow';
import { bearer, sendGraphError, sendGraphJson, type GraphRouter } from '../graphHttp';
import { BASIC_SCOPE, COMMENTS_SCOPE } from '../scopes';
import type { GraphErrorSpec, MediaRecord, TokenRecord } from '../types';
import { commentFields, graphPage, graphTime, postParams, readFields, type FieldReaders } from '../graphFields';
import { createContainer } from './containers';
import { outsidePictureUrl } from './outsidePicture';
import { COMMENTS_DISABLED } from '../comments/refusals';
import { permalinkOf, QUOTA_WINDOW_MS, type ContainerRecord, type PublishingStore } from './store';

export const PUBLISH_SCOPE = 'instagram_business_content_publish';

const OBJECT_PATH = /^\/([0-9]{1,25})(?:\/([a-z_]+))?\/?$/;

function containerFields(store: PublishingStore): FieldReaders<ContainerRecord> {
  return { id: (c) => c.id, status_code: (c) => store.statusOf(c), status: (c) => store.statusText(c) };
}

function mediaFields(store: PublishingStore, username: (igUserId: string) => string, origin: string): FieldReaders<MediaRecord> {
  // Media published outside Postdeck have the sandbox's picture: a photo's own, a carousel's first photo's, a Reel's cover.
  const picture = (m: MediaRecord) => outsidePictureUrl(origin, m.mediaType === 'CAROUSEL_ALBUM' ? (store.mediaById(m.children[0] ?? '') ?? m) : m);
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
    media_url: (m) => m.mediaUrl ?? (m.mediaType === 'VIDEO' ? undefined : picture(m)),
    thumbnail_url: (m) => m.thumbnailUrl ?? (m.mediaType === 'VIDEO' ? picture(m) : undefined),
    children: (m) => (m.mediaType === 'CAROUSEL_ALBUM' ? { data: m.children.map((id) => ({ id })) } : undefined),
    comments_count: (m) => store.commentsOn(m.id).length,
    like_count: () => 0,
    is_comment_enabled: (m) => !m.commentsDisabled,
    is_shared_to_feed: (m) => (m.mediaProductType === 'REELS' ? (m.shareToFeed ?? true) : undefined),
    // What the container was sent, as the sandbox keeps it; Instagram shows these in its app.
    user_tags: (m) => (m.userTags ? { data: m.userTags } : undefined),
    audio_name: (m) => m.audioName,
    trial_params: (m) => (m.trialStrategy ? { graduation_strategy: m.trialStrategy } : undefined),
  };
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
      const accountType = ctx.world.person(objectId)?.accountType ?? 'MEDIA_CREATOR';
      const created = await createContainer(store, objectId, postParams(ctx), accountType, ctx.containerErrorSubcode);
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
  if (method === 'GET' && edge === 'collaborators') {
    const media = store.mediaById(objectId);
    if (!media) return undefined;
    return () => {
      const record = caller(BASIC_SCOPE);
      if (!record) return;
      if (media.igUserId !== record.igUserId) return unsupported();
      // Invitations stay pending in the sandbox: nobody outside it accepts them.
      sendGraphJson(ctx, { data: (media.collaborators ?? []).map((username) => ({ username, invite_status: 'Pending' })) }, token);
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
      const readers = mediaFields(store, username, `http://127.0.0.1:${ctx.req.socket.localPort}`);
      // Stories are not on the media edge (Instagram lists them under /stories while they last).
      answer(graphPage(ctx, store.mediaOf(objectId).filter((m) => m.mediaProductType !== 'STORY'), (m) => readFields(m, ctx.url.searchParams.get('fields'), readers, 'IGMedia')));
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
      if (media) return media.igUserId === record.igUserId ? answer(readFields(media, fields, mediaFields(store, username, `http://127.0.0.1:${ctx.req.socket.localPort}`), 'IGMedia')) : unsupported();
      const commentedMedia = store.mediaById(comment!.mediaId);
      if (commentedMedia?.igUserId !== record.igUserId) return unsupported();
      answer(readFields(comment!, fields, commentFields(username), 'IGComment'));
    };
  }
  return undefined;
};
