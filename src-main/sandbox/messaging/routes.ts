/**
 * The messaging Graph paths (fact sheet §13), all needing `instagram_business_manage_messages`: the account's
 * conversations, a conversation's newest 20 message ids, a message in detail, and sending a text to a person
 * or a picture by its public https link (within 24 hours of their last message) or a private reply to a commenter (once per comment, within 7 days).
 */
import { DAY, HOUR } from '../../config/clock';
import { NO_PERMISSION, paramError, unsupportedRequest } from '../errors';
import { authenticate } from '../graph/tokenFlow';
import { bearer, sendGraphError, sendGraphJson, type GraphRouter } from '../graphHttp';
import { graphPage, graphTime, postParams, readFields, type FieldReaders } from '../graphFields';
import type { Ctx } from '../http';
import { MESSAGES_SCOPE } from '../scopes';
import type { GraphErrorSpec, TokenRecord } from '../types';
import { deliverSeededMessages } from './seed';
import type { SandboxConversation, SandboxMessage } from './store';

const REPLY_WINDOW_MS = 24 * HOUR;
const PRIVATE_REPLY_WINDOW_MS = 7 * DAY;
/** Instagram details only a conversation's newest 20 messages [doc conversations-api]. */
const READABLE_MESSAGES = 20;
const MAX_TEXT_BYTES = 1000;

/** Outside the reply window: `(#10) This message is sent outside of allowed window.` (code 10, subcode 2534022). */
export const OUTSIDE_WINDOW: GraphErrorSpec = { code: 10, subcode: 2534022, message: '(#10) This message is sent outside of allowed window.' };
/** A second private reply to one comment. Instagram allows one; its exact refusal is UNCONFIRMED, so the wording is the sandbox's. */
export const PRIVATE_REPLY_USED: GraphErrorSpec = { code: 100, message: '(#100) A private reply has already been sent for this comment' };
/** A recipient who never wrote to the account (Messenger's 100/2018001). */
const NO_MATCHING_USER: GraphErrorSpec = { code: 100, subcode: 2018001, message: '(#100) No matching user found' };

const EDGE_PATH = /^\/(me|[0-9]{1,25})\/(conversations|messages)\/?$/;
const OBJECT_PATH = /^\/([A-Za-z0-9_-]{8,200})\/?$/;

export const messagingRoutes: GraphRouter = (ctx) => {
  const store = ctx.world.messaging;
  const edge = EDGE_PATH.exec(ctx.path);
  if (edge) {
    const [, owner, name] = edge as unknown as [string, string, 'conversations' | 'messages'];
    if (name === 'conversations' && ctx.method === 'GET') return () => withAccess(ctx, owner, (access) => listConversations(ctx, access));
    if (name === 'messages' && ctx.method === 'POST') return () => withAccess(ctx, owner, (access) => send(ctx, access));
    return undefined;
  }
  const object = OBJECT_PATH.exec(ctx.path);
  if (!object || ctx.method !== 'GET') return undefined;
  const id = object[1]!;
  const conversation = store.conversation(id);
  const message = conversation ? undefined : store.message(id);
  if (!conversation && !message) return undefined;
  return () =>
    withAccess(ctx, 'me', (access) => {
      const owned = conversation ?? message!.conversation;
      if (owned.businessId !== access.igUserId) return sendGraphError(ctx, unsupportedRequest(ctx.method, ctx.path), bearer(ctx));
      const fields = ctx.url.searchParams.get('fields');
      const username = (igUserId: string) => ctx.world.person(igUserId)?.username ?? '';
      const read = conversation ? readFields(conversation, fields, conversationFields, 'Conversation') : readFields(message!, fields, messageFields(username), 'Message');
      return read.ok ? sendGraphJson(ctx, read.value, bearer(ctx)) : sendGraphError(ctx, read.error, bearer(ctx));
    });
};

/** The token's account, with the messages permission, for `/me/…` or its own `/{ig-user-id}/…`; seeded messages delivered first. */
function withAccess(ctx: Ctx, owner: string, work: (access: TokenRecord) => void): void {
  const token = bearer(ctx);
  const access = authenticate(ctx.world, token);
  if (!access.ok) return sendGraphError(ctx, access.error, token);
  if (!access.value.scopes.has(MESSAGES_SCOPE)) return sendGraphError(ctx, NO_PERMISSION, token);
  if (owner !== 'me' && owner !== access.value.igUserId) return sendGraphError(ctx, unsupportedRequest(ctx.method, ctx.path), token);
  deliverSeededMessages(ctx.world.messaging, access.value.igUserId, ctx.world.now());
  work(access.value);
}

const lastAt = (conversation: SandboxConversation) => conversation.messages.at(-1)?.createdAt ?? 0;

const conversationFields: FieldReaders<SandboxConversation> = {
  id: (c) => c.id,
  updated_time: (c) => graphTime(lastAt(c)),
  messages: (c) => ({ data: c.messages.slice(-READABLE_MESSAGES).reverse().map((m) => ({ id: m.id, created_time: graphTime(m.createdAt) })) }),
};

/** `from` and `to` name both sides by id and username; the account's own username comes from the world. */
function messageFields(username: (igUserId: string) => string): FieldReaders<{ conversation: SandboxConversation; message: SandboxMessage }> {
  const person = (c: SandboxConversation) => ({ id: c.personId, username: c.personUsername });
  const business = (c: SandboxConversation) => ({ id: c.businessId, username: username(c.businessId) });
  return {
    id: ({ message }) => message.id,
    created_time: ({ message }) => graphTime(message.createdAt),
    message: ({ message }) => message.text,
    from: ({ conversation, message }) => (message.fromBusiness ? business(conversation) : person(conversation)),
    to: ({ conversation, message }) => ({ data: [message.fromBusiness ? person(conversation) : business(conversation)] }),
  };
}

function listConversations(ctx: Ctx, access: TokenRecord): void {
  const token = bearer(ctx);
  const userId = ctx.url.searchParams.get('user_id');
  const all = ctx.world.messaging.conversationsOf(access.igUserId).filter((c) => userId === null || c.personId === userId);
  const page = graphPage(ctx, all, (c) => readFields(c, ctx.url.searchParams.get('fields') ?? 'id,updated_time', conversationFields, 'Conversation'));
  return page.ok ? sendGraphJson(ctx, page.value, token) : sendGraphError(ctx, page.error, token);
}

function parseJsonParam(params: URLSearchParams, name: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(params.get(name) ?? '');
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * The message's content: `{text}` (at most 1000 bytes), or `{attachment:{type:'image',payload:{url}}}` with a
 * public https address Instagram can fetch [doc messaging-api]. Instagram's exact wording for a bad link is
 * UNCONFIRMED, so the refusal is the usual invalid-parameter error with the sandbox's words.
 */
function messageContent(message: Record<string, unknown> | null): { ok: true; text: string; imageUrl?: string } | { ok: false; error: GraphErrorSpec } {
  const attachment = message?.attachment as { type?: unknown; payload?: { url?: unknown } } | undefined;
  if (attachment && typeof attachment === 'object') {
    if (attachment.type !== 'image') return { ok: false, error: paramError('param message[attachment][type] must be one of {image, audio, video, file}.') };
    const url = attachment.payload?.url;
    if (typeof url !== 'string' || !isPublicHttps(url)) return { ok: false, error: paramError('param message[attachment][payload][url] must be a valid https URL.') };
    return { ok: true, text: '', imageUrl: url };
  }
  const text = message?.text;
  if (typeof text !== 'string' || text.length === 0) return { ok: false, error: paramError('param message must be non-empty.') };
  if (Buffer.byteLength(text, 'utf8') > MAX_TEXT_BYTES) return { ok: false, error: paramError(`Length of param message[text] must be less than or equal to ${MAX_TEXT_BYTES}`) };
  return { ok: true, text };
}

function isPublicHttps(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}

function send(ctx: Ctx, access: TokenRecord): void {
  const token = bearer(ctx);
  const fail = (spec: GraphErrorSpec) => sendGraphError(ctx, spec, token);
  const params = postParams(ctx);
  const recipient = parseJsonParam(params, 'recipient');
  const message = parseJsonParam(params, 'message');
  if (!recipient) return fail(paramError('param recipient must be non-empty.'));
  const content = messageContent(message);
  if (!content.ok) return fail(content.error);
  const { text } = content;
  const store = ctx.world.messaging;
  const now = ctx.world.now();

  if (typeof recipient.comment_id === 'string') {
    // A private reply is text [doc private-replies].
    if (content.imageUrl) return fail(paramError('param message must be non-empty.'));
    const comment = ctx.world.publishing.comment(recipient.comment_id);
    const media = comment ? ctx.world.publishing.mediaById(comment.mediaId) : undefined;
    if (!comment || media?.igUserId !== access.igUserId || comment.igUserId === access.igUserId) return fail(unsupportedRequest('post', `/${recipient.comment_id}`));
    if (store.hasPrivateReply(comment.id)) return fail(PRIVATE_REPLY_USED);
    if (now > comment.timestamp + PRIVATE_REPLY_WINDOW_MS) return fail(OUTSIDE_WINDOW);
    const username = comment.username ?? ctx.world.person(comment.igUserId)?.username ?? '';
    const conversation = store.conversationWith(access.igUserId, { id: comment.igUserId, username });
    const sent = store.addMessage(conversation, { fromBusiness: true, text, createdAt: now });
    store.recordPrivateReply(comment.id);
    return sendGraphJson(ctx, { recipient_id: comment.igUserId, message_id: sent.id }, token);
  }

  if (typeof recipient.id !== 'string') return fail(paramError('param recipient must have an id or a comment_id.'));
  const conversation = store.conversationsOf(access.igUserId).find((c) => c.personId === recipient.id);
  if (!conversation) return fail(NO_MATCHING_USER);
  const theirLast = conversation.messages.filter((m) => !m.fromBusiness).at(-1);
  if (!theirLast || now > theirLast.createdAt + REPLY_WINDOW_MS) return fail(OUTSIDE_WINDOW);
  const sent = store.addMessage(conversation, { fromBusiness: true, text, ...(content.imageUrl ? { imageUrl: content.imageUrl } : {}), createdAt: now });
  return sendGraphJson(ctx, { recipient_id: conversation.personId, message_id: sent.id }, token);
}
