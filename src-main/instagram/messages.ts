import { z } from 'zod';
import type { InstagramError } from './errors';
import type { AccountGraph } from './transport';

/**
 * Direct messages with Instagram Login (fact sheet §13), all needing `instagram_business_manage_messages`:
 * - `GET /me/conversations?platform=instagram` → `{data:[{id, updated_time}]}`, newest first; Requests-folder
 *   conversations idle for 30 days are not returned [doc conversations-api].
 * - `GET /{conversation-id}?fields=messages` → `{messages:{data:[{id, created_time}]}}`; only the 20 newest
 *   messages can be read in detail [doc].
 * - `GET /{message-id}?fields=id,created_time,from,to,message` → `from:{id, username}`, `to:{data:[{id, username}]}` [doc].
 * - `POST /me/messages` with `recipient={"id":IGSID}` or, for a private reply, `recipient={"comment_id":…}`, and
 *   `message={"text":…}` → `{recipient_id, message_id}` [doc messaging-api, private-replies]. Text up to 1000 bytes.
 * - A picture goes the same way by its public link: `message={"attachment":{"type":"image","payload":{"url":…}}}`;
 *   Instagram fetches the URL itself (png or jpeg, up to 8 MB) [doc messaging-api "Send a media message"].
 * - Outside the 24 hours after the person's last message Instagram answers `(#10) This message is sent outside of
 *   allowed window.`, code 10 subcode 2534022 [issues: ComposioHQ/composio#3604].
 * UNCONFIRMED, so not used: field expansion `messages{…}` in one call, the `HUMAN_AGENT` tag (7 days; needs approval),
 * the person's profile picture (User Profile API), and Instagram's exact refusal of a second private reply.
 */

/** Instagram reads at most this many newest messages of a conversation in detail. */
export const READABLE_MESSAGES = 20;
/** Code 10 with this subcode: the reply (or private reply) window has closed. */
export const OUTSIDE_WINDOW_SUBCODE = 2534022;

const conversationItem = z.object({ id: z.string(), updated_time: z.union([z.string(), z.number()]).optional() });
export type IgConversation = z.infer<typeof conversationItem>;

const messageIdsSchema = z.object({
  id: z.string().optional(),
  messages: z.object({ data: z.array(z.object({ id: z.string(), created_time: z.string().optional() })) }).optional(),
});

const party = z.object({ id: z.string(), username: z.string().optional() });
const messageSchema = z.object({
  id: z.string(),
  created_time: z.string(),
  from: party,
  to: z.object({ data: z.array(party) }).optional(),
  message: z.string().optional(),
});
export type IgMessage = z.infer<typeof messageSchema>;

const sentSchema = z.object({ recipient_id: z.string().optional(), message_id: z.string() });

/** A page of the account's conversations, newest first. */
export function conversations(graph: AccountGraph, after?: string) {
  return graph.page('/me/conversations', { platform: 'instagram', fields: 'id,updated_time' }, conversationItem, after);
}

/** The ids of a conversation's newest messages (newest first), at most the ones Instagram details. */
export async function conversationMessageIds(graph: AccountGraph, conversationId: string): Promise<string[]> {
  const answer = await graph.get(`/${conversationId}`, { fields: 'messages' }, messageIdsSchema);
  return (answer.messages?.data ?? []).slice(0, READABLE_MESSAGES).map((message) => message.id);
}

export function messageDetails(graph: AccountGraph, messageId: string): Promise<IgMessage> {
  return graph.get(`/${messageId}`, { fields: 'id,created_time,from,to,message' }, messageSchema);
}

/** What a message carries: text, or a picture Instagram fetches from a public https link. */
export type OutgoingMessage = { text: string } | { imageUrl: string };

/** A message to a person (by Instagram-scoped id) or, once per comment, to a commenter (by comment id). */
export async function sendMessage(graph: AccountGraph, recipient: { id: string } | { comment_id: string }, content: OutgoingMessage): Promise<string> {
  const message = 'text' in content ? { text: content.text } : { attachment: { type: 'image', payload: { url: content.imageUrl } } };
  const answer = await graph.post('/me/messages', { recipient: JSON.stringify(recipient), message: JSON.stringify(message) }, sentSchema);
  return answer.message_id;
}

/** Instagram's messaging refusals by meaning: the window closed, or the messages permission is missing. */
export function messagingRefusal(error: InstagramError): 'outside_window' | 'no_permission' | null {
  if (error.kind !== 'permission') return null;
  return error.details.subcode === OUTSIDE_WINDOW_SUBCODE ? 'outside_window' : 'no_permission';
}

/** Instagram's time strings (`2026-01-01T09:00:00+0000`, or epoch seconds) as ISO. */
export function isoFromGraph(value: string | number | undefined, fallback: number): string {
  if (typeof value === 'number') return new Date(value * 1000).toISOString();
  const parsed = value ? Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')) : NaN;
  return new Date(Number.isNaN(parsed) ? fallback : parsed).toISOString();
}
