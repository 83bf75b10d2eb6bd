import { z } from 'zod';
import type { AccountGraph } from './transport';

/** The content-publishing calls of instagram-platform.md §6, one function each. */

const idSchema = z.object({ id: z.string() });

export type ContainerStatus = 'IN_PROGRESS' | 'FINISHED' | 'PUBLISHED' | 'ERROR' | 'EXPIRED';

export interface ContainerInput {
  /** image | reel | carousel item (image or video) | carousel parent | story (image or video) */
  kind: 'image' | 'reel' | 'carousel_item_image' | 'carousel_item_video' | 'carousel' | 'story_image' | 'story_video';
  url?: string;
  caption?: string;
  altText?: string;
  children?: string[];
  coverUrl?: string;
  thumbOffsetMs?: number;
  /** Feed photos, Reels and carousel parents only (§13). */
  collaborators?: readonly string[];
  /** Photos: x and y; Reels: usernames only; Stories: x and y optional (§13). */
  userTags?: ReadonlyArray<{ username: string; x?: number; y?: number }>;
  /** Reels: sent as given (Instagram's default is true). */
  shareToFeed?: boolean;
  audioName?: string;
  trialStrategy?: 'MANUAL' | 'SS_PERFORMANCE';
}

const TAKES_COLLABORATORS: ReadonlySet<ContainerInput['kind']> = new Set(['image', 'reel', 'carousel']);
const TAKES_USER_TAGS: ReadonlySet<ContainerInput['kind']> = new Set(['image', 'carousel_item_image', 'reel', 'story_image', 'story_video']);

/** The form fields for one container (URLs travel percent-encoded in the form body; §6). */
export function containerForm(input: ContainerInput): Record<string, string> {
  const form: Record<string, string> = {};
  switch (input.kind) {
    case 'story_image':
      form.media_type = 'STORIES';
      form.image_url = input.url!;
      break;
    case 'story_video':
      form.media_type = 'STORIES';
      form.video_url = input.url!;
      break;
    case 'image':
      form.image_url = input.url!;
      break;
    case 'carousel_item_image':
      form.image_url = input.url!;
      form.is_carousel_item = 'true';
      break;
    case 'carousel_item_video':
      form.media_type = 'VIDEO';
      form.video_url = input.url!;
      form.is_carousel_item = 'true';
      break;
    case 'reel':
      form.media_type = 'REELS';
      form.video_url = input.url!;
      form.share_to_feed = String(input.shareToFeed ?? true);
      if (input.audioName) form.audio_name = input.audioName;
      if (input.trialStrategy) form.trial_params = JSON.stringify({ graduation_strategy: input.trialStrategy });
      if (input.coverUrl) form.cover_url = input.coverUrl;
      else if (input.thumbOffsetMs !== undefined) form.thumb_offset = String(input.thumbOffsetMs);
      break;
    case 'carousel':
      form.media_type = 'CAROUSEL';
      form.children = (input.children ?? []).join(',');
      break;
  }
  if (input.caption && (input.kind === 'image' || input.kind === 'reel' || input.kind === 'carousel')) form.caption = input.caption;
  if (input.altText && (input.kind === 'image' || input.kind === 'carousel_item_image')) form.alt_text = input.altText;
  if (input.collaborators?.length && TAKES_COLLABORATORS.has(input.kind)) form.collaborators = JSON.stringify(input.collaborators);
  if (input.userTags?.length && TAKES_USER_TAGS.has(input.kind)) {
    const byName = input.kind === 'reel';
    form.user_tags = JSON.stringify(input.userTags.map((tag) => (byName || tag.x === undefined || tag.y === undefined ? { username: tag.username } : { username: tag.username, x: tag.x, y: tag.y })));
  }
  return form;
}

export async function createContainer(graph: AccountGraph, igUserId: string, input: ContainerInput): Promise<string> {
  return (await graph.post(`/${igUserId}/media`, containerForm(input), idSchema)).id;
}

const statusSchema = z.object({
  status_code: z.enum(['IN_PROGRESS', 'FINISHED', 'PUBLISHED', 'ERROR', 'EXPIRED']),
  status: z.string().optional(),
});

export async function containerStatus(graph: AccountGraph, containerId: string): Promise<{ code: ContainerStatus; detail: string | null }> {
  const answer = await graph.get(`/${containerId}`, { fields: 'status_code,status' }, statusSchema);
  return { code: answer.status_code, detail: answer.status ?? null };
}

/** media_publish: never retried blindly by callers (instagram-platform.md §6). */
export async function publishContainer(graph: AccountGraph, igUserId: string, containerId: string): Promise<string> {
  return (await graph.post(`/${igUserId}/media_publish`, { creation_id: containerId }, idSchema)).id;
}

const limitSchema = z.object({
  data: z.array(
    z.object({
      quota_usage: z.number(),
      config: z.object({ quota_total: z.number(), quota_duration: z.number() }).partial().optional(),
    }),
  ),
});

/** Meta's pages disagree on the total (25/50/100): read it, fall back to 50 (§6). */
export const DEFAULT_PUBLISH_QUOTA = 50;

export async function publishingLimit(graph: AccountGraph, igUserId: string): Promise<{ used: number; total: number; windowSeconds: number }> {
  const answer = await graph.get(`/${igUserId}/content_publishing_limit`, { fields: 'quota_usage,config' }, limitSchema);
  const entry = answer.data[0];
  return {
    used: entry?.quota_usage ?? 0,
    total: entry?.config?.quota_total ?? DEFAULT_PUBLISH_QUOTA,
    windowSeconds: entry?.config?.quota_duration ?? 86_400,
  };
}

export async function mediaPermalink(graph: AccountGraph, mediaId: string): Promise<string | null> {
  return (await graph.get(`/${mediaId}`, { fields: 'permalink' }, z.object({ permalink: z.string().optional() }))).permalink ?? null;
}

export async function commentOnMedia(graph: AccountGraph, mediaId: string, message: string): Promise<string> {
  return (await graph.post(`/${mediaId}/comments`, { message }, idSchema)).id;
}
