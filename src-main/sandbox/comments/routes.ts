/**
 * The comment-moderation Graph paths (fact sheet §7): a media's comments (paged, with `replies{…}`), a
 * comment's replies, replying, hiding, deleting, and turning a media's comments off. Replies go to top-level,
 * visible comments only; objects of another account answer like objects that do not exist.
 */
import { NO_PERMISSION, paramError, unsupportedRequest } from '../errors';
import { authenticate } from '../graph/tokenFlow';
import { bearer, sendGraphError, sendGraphJson, type GraphRouter } from '../graphHttp';
import { commentFields, graphPage, postParams, readFields } from '../graphFields';
import { COMMENTS_SCOPE } from '../scopes';
import type { CommentRecord, MediaRecord, Outcome } from '../types';
import { COMMENTS_DISABLED, REPLY_TO_HIDDEN, REPLY_TO_REPLY } from './refusals';
import { deliverSeededComments } from './seed';

const OBJECT_PATH = /^\/([0-9]{1,25})(?:\/(comments|replies))?\/?$/;

/** `id,text,replies{id,text}` → top-level names, each with its nested field list when it has one. */
function splitFields(raw: string): Array<{ name: string; nested: string | null }> {
  const out: Array<{ name: string; nested: string | null }> = [];
  let depth = 0;
  let current = '';
  for (const char of `${raw},`) {
    if (char === ',' && depth === 0) {
      const match = /^\s*([a-z_]+)\s*(?:\{(.*)\})?\s*$/.exec(current);
      if (current.trim()) out.push(match ? { name: match[1]!, nested: match[2] ?? null } : { name: current.trim(), nested: null });
      current = '';
      continue;
    }
    if (char === '{') depth++;
    if (char === '}') depth--;
    current += char;
  }
  return out;
}

function isTrueOrFalse(value: string | null): value is 'true' | 'false' {
  return value === 'true' || value === 'false';
}

export const commentsRoutes: GraphRouter = (ctx) => {
  const match = OBJECT_PATH.exec(ctx.path);
  if (!match) return undefined;
  const [, objectId, edge] = match as unknown as [string, string, 'comments' | 'replies' | undefined];
  const store = ctx.world.publishing;
  const media = store.mediaById(objectId);
  const comment = media ? undefined : store.comment(objectId);
  const params = () => postParams(ctx);
  const isModeration = ctx.method === 'DELETE' || (ctx.method === 'POST' && edge === undefined && (params().has('hide') || params().has('comment_enabled')));
  const handled = (ctx.method === 'GET' && edge !== undefined) || (ctx.method === 'POST' && edge === 'replies') || isModeration;
  if (!handled || (edge === 'comments' && !media) || (edge === 'replies' && !comment)) return undefined;

  return () => {
    const token = bearer(ctx);
    const answer = (outcome: Outcome<unknown>) => (outcome.ok ? sendGraphJson(ctx, outcome.value, token) : sendGraphError(ctx, outcome.error, token));
    const unsupported = () => sendGraphError(ctx, unsupportedRequest(ctx.method, ctx.path), token);
    const access = authenticate(ctx.world, token);
    if (!access.ok) return sendGraphError(ctx, access.error, token);
    if (!access.value.scopes.has(COMMENTS_SCOPE)) return sendGraphError(ctx, NO_PERMISSION, token);
    const owner = access.value.igUserId;
    const mediaOfComment = comment ? store.mediaById(comment.mediaId) : undefined;
    const ownMedia: MediaRecord | undefined = media?.igUserId === owner ? media : mediaOfComment?.igUserId === owner ? mediaOfComment : undefined;
    if (!ownMedia) return unsupported();
    deliverSeededComments(store, ownMedia, ctx.world.now());

    const username = (igUserId: string) => ctx.world.person(igUserId)?.username ?? '';
    const readers = commentFields(username);
    const readComment = (item: CommentRecord, fieldsParam: string | null): Outcome<Record<string, unknown>> => {
      const fields = splitFields(fieldsParam ?? 'id,text,timestamp');
      const plain = readFields(item, fields.filter((f) => f.nested === null && f.name !== 'replies').map((f) => f.name).join(',') || 'id', readers, 'IGComment');
      if (!plain.ok) return plain;
      const replies = fields.find((f) => f.name === 'replies');
      if (!replies) return plain;
      const data: Record<string, unknown>[] = [];
      for (const reply of repliesOf(item.id)) {
        const read = readFields(reply, replies.nested ?? 'id', readers, 'IGComment');
        if (!read.ok) return read;
        data.push(read.value);
      }
      return { ok: true, value: { ...plain.value, replies: { data } } };
    };
    const repliesOf = (id: string) => store.commentsOn(ownMedia.id).filter((c) => c.parentId === id).sort((a, b) => a.timestamp - b.timestamp);
    const fields = ctx.url.searchParams.get('fields');

    if (ctx.method === 'GET' && edge === 'comments') {
      const topLevel = store.commentsOn(ownMedia.id).filter((c) => !c.parentId).sort((a, b) => b.timestamp - a.timestamp);
      return answer(graphPage(ctx, topLevel, (c) => readComment(c, fields)));
    }
    if (ctx.method === 'GET' && edge === 'replies') return answer(graphPage(ctx, repliesOf(comment!.id), (c) => readComment(c, fields)));
    if (ctx.method === 'POST' && edge === 'replies') {
      const message = params().get('message');
      if (!message) return sendGraphError(ctx, paramError('The parameter message is required'), token);
      if (comment!.parentId) return sendGraphError(ctx, REPLY_TO_REPLY, token);
      if (comment!.hidden) return sendGraphError(ctx, REPLY_TO_HIDDEN, token);
      if (ownMedia.commentsDisabled) return sendGraphError(ctx, COMMENTS_DISABLED, token);
      return sendGraphJson(ctx, { id: store.addComment(ownMedia.id, owner, message, { parentId: comment!.id }).id }, token);
    }
    if (ctx.method === 'DELETE') {
      if (!comment) return unsupported();
      store.deleteComment(comment.id);
      return sendGraphJson(ctx, { success: true }, token);
    }
    if (comment) {
      const hide = params().get('hide');
      if (!isTrueOrFalse(hide)) return sendGraphError(ctx, paramError('hide must be true or false'), token);
      store.setCommentHidden(comment.id, hide === 'true');
      return sendGraphJson(ctx, { success: true }, token);
    }
    const enabled = params().get('comment_enabled');
    if (!isTrueOrFalse(enabled)) return sendGraphError(ctx, paramError('comment_enabled must be true or false'), token);
    store.setCommentsEnabled(ownMedia.id, enabled === 'true');
    return sendGraphJson(ctx, { success: true }, token);
  };
};
