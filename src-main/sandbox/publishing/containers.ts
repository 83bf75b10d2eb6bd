/**
 * `POST /{ig-user-id}/media`: the form's checks in Instagram's order (kind and parameters, caption, the
 * carousel's children, then fetching the media), then the container (fact sheet §6).
 */
import { paramError } from '../errors';
import type { AccountType, GraphErrorSpec, Outcome } from '../types';
import { PUBLISHING_ERRORS, STORY_NEEDS_BUSINESS } from './errors';
import { parseExtras } from './extras';
import { checkImageUrl, checkVideoUrl } from './mediaFetch';
import type { ContainerDraft, ContainerRecord, PublishingStore } from './store';

const MAX_CAPTION_CHARS = 2_200;
const MAX_HASHTAGS = 30;
const MAX_MENTIONS = 20;
const MIN_CAROUSEL_ITEMS = 2;
const MAX_CAROUSEL_ITEMS = 10;

const fail = (error: GraphErrorSpec): Outcome<never> => ({ ok: false, error });

/** Too long, too many #hashtags or too many @mentions: the refusal, else undefined. */
export function checkCaption(caption: string): GraphErrorSpec | undefined {
  if ([...caption].length > MAX_CAPTION_CHARS) return PUBLISHING_ERRORS.captionTooLong;
  if ((caption.match(/#[\p{L}\p{N}_]+/gu) ?? []).length > MAX_HASHTAGS) return PUBLISHING_ERRORS.tooManyHashtags;
  if ((caption.match(/(?<![\p{L}\p{N}_])@[A-Za-z0-9._]+/gu) ?? []).length > MAX_MENTIONS) return PUBLISHING_ERRORS.tooManyMentions;
  return undefined;
}

interface Parsed {
  draft: ContainerDraft;
  /** The media to fetch before the container exists. */
  image?: string;
  video?: string;
  cover?: string;
}

function parse(igUserId: string, params: URLSearchParams): Outcome<Parsed> {
  const mediaType = params.get('media_type') ?? 'IMAGE';
  const isCarouselItem = params.get('is_carousel_item') === 'true';
  const caption = isCarouselItem ? '' : (params.get('caption') ?? '');
  const base = { igUserId, isCarouselItem, caption, children: [] as string[] };
  const required = (name: string): Outcome<string> => {
    const value = params.get(name);
    return value ? { ok: true, value } : fail(paramError(`The parameter ${name} is required`));
  };
  switch (mediaType) {
    case 'IMAGE': {
      const url = required('image_url');
      if (!url.ok) return url;
      const altText = params.get('alt_text');
      return { ok: true, value: { draft: { ...base, kind: 'IMAGE', mediaUrl: url.value, ...(altText ? { altText } : {}) }, image: url.value } };
    }
    case 'VIDEO': {
      if (!isCarouselItem) return fail(paramError('media_type VIDEO is only for carousel items; publish a single video with media_type REELS'));
      const url = required('video_url');
      if (!url.ok) return url;
      return { ok: true, value: { draft: { ...base, kind: 'VIDEO', mediaUrl: url.value }, video: url.value } };
    }
    case 'REELS': {
      if (isCarouselItem) return fail(paramError('Reels cannot be carousel items'));
      const url = required('video_url');
      if (!url.ok) return url;
      const cover = params.get('cover_url') ?? undefined;
      const offsetText = params.get('thumb_offset');
      const thumbOffsetMs = offsetText === null ? undefined : Number(offsetText);
      if (thumbOffsetMs !== undefined && (!/^[0-9]{1,10}$/.test(offsetText!) || !Number.isSafeInteger(thumbOffsetMs))) {
        return fail(paramError('thumb_offset must be a whole number of milliseconds'));
      }
      const draft: ContainerDraft = {
        ...base,
        kind: 'REELS',
        mediaUrl: url.value,
        shareToFeed: params.get('share_to_feed') !== 'false',
        ...(cover ? { coverUrl: cover } : {}),
        ...(thumbOffsetMs !== undefined && !cover ? { thumbOffsetMs } : {}),
      };
      return { ok: true, value: { draft, video: url.value, ...(cover ? { cover } : {}) } };
    }
    case 'CAROUSEL': {
      if (isCarouselItem) return fail(paramError('A carousel cannot be a carousel item'));
      const children = (params.get('children') ?? '').split(',').map((id) => id.trim()).filter(Boolean);
      return { ok: true, value: { draft: { ...base, kind: 'CAROUSEL', children } } };
    }
    case 'STORIES': {
      if (isCarouselItem) return fail(paramError('Stories cannot be carousel items'));
      // Instagram ignores a Story's caption.
      const story = { ...base, caption: '', kind: 'STORIES' as const };
      const image = params.get('image_url');
      if (image) return { ok: true, value: { draft: { ...story, mediaUrl: image }, image } };
      const video = required('video_url');
      if (!video.ok) return fail(paramError('The parameter image_url or video_url is required'));
      return { ok: true, value: { draft: { ...story, mediaUrl: video.value, isVideo: true }, video: video.value } };
    }
    default:
      return fail(paramError(`Invalid media_type ${mediaType}: expected IMAGE, VIDEO (carousel items), REELS, CAROUSEL or STORIES`));
  }
}

/** Carousel parent: 2–10 distinct FINISHED item containers of this person. */
function checkChildren(store: PublishingStore, draft: ContainerDraft): GraphErrorSpec | undefined {
  const { children } = draft;
  if (children.length < MIN_CAROUSEL_ITEMS || children.length > MAX_CAROUSEL_ITEMS) return PUBLISHING_ERRORS.carouselCount;
  if (new Set(children).size !== children.length) return paramError('children lists the same container twice');
  for (const id of children) {
    const child = store.container(id);
    if (!child || child.igUserId !== draft.igUserId || !child.isCarouselItem) return PUBLISHING_ERRORS.mediaNotFound;
    const refusal = store.notPublishable(child);
    if (refusal) return refusal;
  }
  return undefined;
}

/**
 * Checks and creates a container. `errorSubcode` (a `container_error` fault) makes it end in ERROR with
 * that subcode once processed.
 */
export async function createContainer(
  store: PublishingStore,
  igUserId: string,
  params: URLSearchParams,
  accountType: AccountType,
  errorSubcode?: number,
): Promise<Outcome<ContainerRecord>> {
  const parsed = parse(igUserId, params);
  if (!parsed.ok) return parsed;
  const { image, video, cover } = parsed.value;
  if (parsed.value.draft.kind === 'STORIES' && accountType !== 'BUSINESS') return fail(STORY_NEEDS_BUSINESS);
  const extras = parseExtras(params, parsed.value.draft.kind, parsed.value.draft.isCarouselItem);
  if (!extras.ok) return extras;
  const draft: ContainerDraft = { ...parsed.value.draft, ...extras.value };
  const captionRefusal = checkCaption(draft.caption);
  if (captionRefusal) return fail(captionRefusal);
  if (draft.kind === 'CAROUSEL') {
    const refusal = checkChildren(store, draft);
    if (refusal) return fail(refusal);
  }
  const timeoutMs = store.options.mediaFetchTimeoutMs;
  const videoCheck = video !== undefined ? await checkVideoUrl(video, timeoutMs, draft.kind === 'STORIES' || draft.kind === 'REELS' ? draft.kind : 'VIDEO') : undefined;
  const fetchRefusal =
    (image !== undefined ? await checkImageUrl(image, timeoutMs, { checkAspect: true }) : undefined) ??
    (videoCheck && 'refusal' in videoCheck ? videoCheck.refusal : undefined) ??
    (cover !== undefined ? await checkImageUrl(cover, timeoutMs, { checkAspect: false }) : undefined);
  if (fetchRefusal) return fail(fetchRefusal);
  // A video Instagram cannot take still gets its container, which fails while it processes.
  const failsWith = videoCheck && 'processingFails' in videoCheck ? videoCheck.processingFails.subcode : errorSubcode;
  return store.createContainer({ ...draft, ...(failsWith !== undefined ? { errorSubcode: failsWith } : {}) });
}
