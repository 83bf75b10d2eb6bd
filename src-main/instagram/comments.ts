import { z } from 'zod';
import type { AccountGraph } from './transport';

/** Comment moderation (fact sheet §7): a media's comments with their replies, replying, hiding, deleting, turning off. */

const replySchema = z.object({
  id: z.string(),
  text: z.string().optional(),
  username: z.string().optional(),
  timestamp: z.string().optional(),
  hidden: z.boolean().optional(),
});
export const commentItemSchema = replySchema.extend({ replies: z.object({ data: z.array(replySchema) }).optional() });
export type IgComment = z.infer<typeof commentItemSchema>;
export type IgReply = z.infer<typeof replySchema>;

const REPLY_FIELDS = 'id,text,username,timestamp,hidden';
const COMMENT_FIELDS = `${REPLY_FIELDS},replies{${REPLY_FIELDS}}`;
const PAGE_SIZE = '50';
/** A poll reads at most this many pages of one media's comments (2,500 comments); the newest come first. */
const MAX_PAGES = 50;
const success = z.object({ success: z.boolean() });

/** Every top-level comment on a media with its replies, page after page. */
export async function mediaComments(graph: AccountGraph, igMediaId: string): Promise<IgComment[]> {
  const all: IgComment[] = [];
  let after: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await graph.page(`/${igMediaId}/comments`, { fields: COMMENT_FIELDS, limit: PAGE_SIZE }, commentItemSchema, after);
    all.push(...result.items);
    if (!result.nextCursor) break;
    after = result.nextCursor;
  }
  return all;
}

export async function replyToComment(graph: AccountGraph, commentId: string, message: string): Promise<string> {
  return (await graph.post(`/${commentId}/replies`, { message }, z.object({ id: z.string() }))).id;
}

export async function hideComment(graph: AccountGraph, commentId: string, hidden: boolean): Promise<void> {
  await graph.post(`/${commentId}`, { hide: String(hidden) }, success);
}

export async function deleteComment(graph: AccountGraph, commentId: string): Promise<void> {
  await graph.delete(`/${commentId}`, success);
}

export async function setCommentsEnabled(graph: AccountGraph, igMediaId: string, enabled: boolean): Promise<void> {
  await graph.post(`/${igMediaId}`, { comment_enabled: String(enabled) }, success);
}
