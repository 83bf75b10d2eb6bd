// Contract fixed: the renderer builds on these names and shapes; change them only together with it.
/**
 * Direct messages (opt-in per account, `instagram_business_manage_messages`): the conversations Postdeck
 * polled, the reply rules Instagram enforces, and private replies to comments.
 */
import { z } from 'zod';

export interface DirectMessage {
  id: string;
  /** `me` is the connected account, `them` the other person. */
  from: 'me' | 'them';
  /** Empty for a picture sent by link. */
  text: string;
  /** The public https address of a picture the account sent by link (Instagram fetches it from there). */
  imageUrl?: string;
  /** ISO time Instagram gives for the message. */
  at: string;
}

export interface Conversation {
  id: string;
  accountId: string;
  /** The other person's Instagram username. */
  username: string;
  /** The other person's profile picture as Instagram last gave it; null when it gave none. */
  pictureUrl: string | null;
  /** ISO time of the newest message either way. */
  lastMessageAt: string;
  /** A message from them arrived after the user last opened or marked the conversation. */
  unread: boolean;
  /**
   * When the 24-hour reply window ends (their last message + 24 h), or when Instagram refused a reply as outside
   * it (its clock may run ahead of Postdeck's; closed until they write again); a past time says when it closed.
   * null when they never wrote (a conversation started by a private reply): no reply is possible.
   */
  canReplyUntil: string | null;
  /** Whether a reply can go now, judged on Postdeck's clock (the renderer's clock may differ from it). */
  canReply: boolean;
  /** Oldest first; at most the newest messages Instagram returns for a conversation. */
  messages: DirectMessage[];
}

/** Why "Reply privately" on a comment can or cannot be used. */
export interface PrivateReplyStatus {
  /**
   * `available`: one reply can go; `used`: already sent for this comment; `expired`: the comment is older than 7 days;
   * `off`: messages are not turned on for the account; `own`: the account's own comment (Instagram takes no private reply to it).
   */
  state: 'available' | 'used' | 'expired' | 'off' | 'own';
  /** ISO end of the 7 days after the comment (null when state is `off` or `own`). */
  until: string | null;
}

/** Instagram's reply window after the other person's last message. */
export const REPLY_WINDOW_MS = 24 * 60 * 60 * 1000;
/** A comment takes a private reply within this long of being written, once. */
export const PRIVATE_REPLY_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
/** Instagram takes message text of at most 1000 bytes (UTF-8); Postdeck counts characters and lets Instagram judge the rest. */
export const MESSAGE_MAX_CHARS = 1000;

export const directMessageSchema: z.ZodType<DirectMessage> = z.object({
  id: z.string(),
  from: z.enum(['me', 'them']),
  text: z.string(),
  imageUrl: z.string().optional(),
  at: z.string(),
});

export const conversationSchema: z.ZodType<Conversation> = z.object({
  id: z.string(),
  accountId: z.string(),
  username: z.string(),
  pictureUrl: z.string().nullable(),
  lastMessageAt: z.string(),
  unread: z.boolean(),
  canReplyUntil: z.string().nullable(),
  canReply: z.boolean(),
  messages: z.array(directMessageSchema),
});

export const privateReplyStatusSchema: z.ZodType<PrivateReplyStatus> = z.object({
  state: z.enum(['available', 'used', 'expired', 'off', 'own']),
  until: z.string().nullable(),
});

const accountId = z.string().uuid();
const conversationId = z.string().min(1).max(200);
const commentId = z.string().regex(/^[0-9]{1,25}$/);
const messageText = z.string().trim().min(1).max(MESSAGE_MAX_CHARS);
/** Instagram fetches a picture sent by link itself, so only a public https address can work. */
export const messageImageUrl = z
  .url({ protocol: /^https$/, hostname: z.regexes.domain, error: 'The picture must be at a public https:// address.' })
  .max(2000);
const connectStarted = z.object({ attemptId: z.string(), authorizeUrl: z.string() });

/** Merged into the one table in ipc.ts. Every messages channel refuses with `messages_not_enabled` while messages are off for the account. */
export const messagesChannels = {
  /**
   * Starts a sign-in for the same account asking the four permissions plus messages. It ends with
   * `connect.finished`; its `messages` field says `enabled`, or `stayed_off` when the user declined or
   * unticked messages (the account is then exactly as before: token, permissions, health).
   */
  'accounts.enableMessages': { input: z.object({ accountId }).strict(), output: connectStarted },
  /** Forgets the account's stored messages and turns messages off; the permission stays granted at Instagram until the user removes it there. */
  'accounts.disableMessages': { input: z.object({ accountId }).strict(), output: z.object({ removed: z.number().int().nonnegative() }) },
  /** Newest conversation first, from what the last poll stored. */
  'messages.list': {
    input: z.object({ accountId, unreadOnly: z.boolean().optional(), limit: z.number().int().min(1).max(1000).optional() }).strict(),
    output: z.array(conversationSchema),
  },
  /** Polls the account's conversations now (a user action: it never waits behind background polling). */
  'messages.refresh': { input: z.object({ accountId }).strict(), output: z.object({ refreshed: z.number().int().nonnegative() }) },
  /**
   * Sends a text reply, or a picture by its public https link (exactly one of the two); refuses with
   * `reply_window_closed` (detail: when it closed) outside the 24 hours. Answers the conversation with the reply in it.
   */
  'messages.send': {
    input: z.union([
      z.object({ accountId, conversationId, text: messageText }).strict(),
      z.object({ accountId, conversationId, imageUrl: messageImageUrl }).strict(),
    ]),
    output: conversationSchema,
  },
  'messages.markRead': { input: z.object({ conversationId }).strict(), output: z.object({ ok: z.literal(true) }) },
  /** Unread conversations (one account, or every account with messages on): the navigation's count. */
  'messages.unreadCount': { input: z.object({ accountId: accountId.optional() }).strict(), output: z.object({ unread: z.number().int().nonnegative() }) },
  /** One DM to the commenter; `private_reply_used` after the first, `private_reply_expired` after 7 days. */
  'comments.replyPrivately': {
    input: z.object({ commentId, text: messageText }).strict(),
    output: z.object({ conversationId: z.string().nullable(), privateReply: privateReplyStatusSchema }),
  },
  /** Whether "Reply privately" can be used on these comments (the inbox asks for the comments it shows). */
  'comments.privateReplyStatus': {
    input: z.object({ commentIds: z.array(commentId).min(1).max(500) }).strict(),
    output: z.record(z.string(), privateReplyStatusSchema),
  },
} as const;

/** What `connect.finished` says about messages when the attempt was `accounts.enableMessages`. */
export const MESSAGES_OUTCOMES = ['enabled', 'stayed_off'] as const;
export type MessagesOutcome = (typeof MESSAGES_OUTCOMES)[number];
