import { z } from 'zod';
import type { IgMedia } from '../../src-shared/insights';
import type { AccountGraph, GraphPage } from './transport';

/** The account's media edge (fact sheet §6–§7): everything it published, whoever published it, newest first. */

export const mediaItemSchema = z.object({
  id: z.string(),
  caption: z.string().optional(),
  media_type: z.string().optional(),
  media_product_type: z.string().optional(),
  timestamp: z.string().optional(),
  permalink: z.string().optional(),
  thumbnail_url: z.string().optional(),
  media_url: z.string().optional(),
  is_comment_enabled: z.boolean().optional(),
});
export type MediaItem = z.infer<typeof mediaItemSchema>;

const LIST_FIELDS = 'id,caption,media_type,media_product_type,timestamp,permalink,thumbnail_url';
/** The list's fields and an image's own URL, which stands in for its thumbnail (Instagram gives videos one only). */
export const PICTURED_MEDIA_FIELDS = `${LIST_FIELDS},media_url`;
/** What the comments inbox shows of a post: an image's own URL stands in for its thumbnail. */
export const INBOX_MEDIA_FIELDS = `${PICTURED_MEDIA_FIELDS},is_comment_enabled`;

/** One page of `GET /{ig-user-id}/media`; pass `nextCursor` back as `after` for the next. */
export function listMedia(graph: AccountGraph, igUserId: string, options: { after?: string | undefined; limit?: number; fields?: string } = {}): Promise<GraphPage<MediaItem>> {
  return graph.page(`/${igUserId}/media`, { fields: options.fields ?? LIST_FIELDS, limit: String(options.limit ?? 25) }, mediaItemSchema, options.after);
}

export async function recentMedia(graph: AccountGraph, igUserId: string, limit = 25): Promise<MediaItem[]> {
  return (await listMedia(graph, igUserId, { limit })).items;
}

/** A media item as the renderer sees it. */
export function toIgMedia(item: MediaItem): IgMedia {
  return {
    id: item.id,
    caption: item.caption ?? null,
    mediaType: item.media_type ?? 'IMAGE',
    mediaProductType: item.media_product_type ?? null,
    timestamp: item.timestamp ?? null,
    permalink: item.permalink ?? null,
    thumbnailUrl: item.thumbnail_url ?? null,
  };
}

/** A media item with a picture to show: a video's thumbnail, else an image's or a carousel's own URL. */
export function toPicturedIgMedia(item: MediaItem): IgMedia {
  return { ...toIgMedia(item), thumbnailUrl: item.thumbnail_url ?? item.media_url ?? null };
}

const mediaKindSchema = z.object({
  media_type: z.string(),
  media_product_type: z.string().optional(),
  children: z.object({ data: z.array(z.object({ id: z.string() })) }).optional(),
});

/** What kind of media an id is, and a carousel's children (whose insights Instagram does not keep). */
export async function mediaKind(graph: AccountGraph, mediaId: string): Promise<{ mediaType: string; productType: string | null; children: string[] }> {
  const answer = await graph.get(`/${mediaId}`, { fields: 'media_type,media_product_type,children' }, mediaKindSchema);
  return { mediaType: answer.media_type, productType: answer.media_product_type ?? null, children: answer.children?.data.map((c) => c.id) ?? [] };
}
