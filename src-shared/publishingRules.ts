/**
 * What Instagram refuses, checked before anything is scheduled (instagram-platform.md §6). Pure: the
 * composer counts live with these and main checks again before publishing. Each problem has a stable
 * `code` to match on and a sentence a creator understands.
 */

export const instagramLimits = {
  captionCharacters: 2200,
  hashtags: 30,
  /** Instagram announced a 5-hashtag cap in Dec 2025; whether the API enforces it is unknown, so only warn. */
  hashtagsBeforeWarning: 5,
  mentions: 20,
  imageAspectMin: 4 / 5,
  imageAspectMax: 1.91,
  imageMaxWidth: 1440,
  imageMaxBytes: 8 * 1024 * 1024,
  carouselMinItems: 2,
  carouselMaxItems: 10,
  reelMinMs: 3_000,
  reelMaxMs: 15 * 60_000,
  /** Meta writes "300 MB"; the decimal reading is the stricter one. */
  reelMaxBytes: 300_000_000,
  reelAspectMin: 0.01,
  reelAspectMax: 10,
  reelMaxWidth: 1920,
  storyVideoMinMs: 3_000,
  storyVideoMaxMs: 60_000,
  /** Meta's Facebook Login page says 5; the Instagram Login pages and peers say 3. Instagram's refusal wins over this. */
  collaborators: 3,
  /** Per photo, Reel or Story, as Instagram's app allows. */
  userTagsPerItem: 20,
} as const;

export type ProblemCode =
  | 'caption_too_long'
  | 'caption_too_many_hashtags'
  | 'caption_many_hashtags'
  | 'caption_too_many_mentions'
  | 'image_aspect_out_of_range'
  | 'image_heic_converted'
  | 'carousel_too_few_items'
  | 'carousel_too_many_items'
  | 'reel_too_short'
  | 'reel_too_long'
  | 'reel_too_large'
  | 'reel_codec_unsupported'
  | 'reel_aspect_out_of_range'
  | 'reel_too_wide'
  | 'reel_index_at_end'
  | 'video_conversion_failed'
  | 'cover_offset_out_of_range'
  | 'username_invalid'
  | 'too_many_collaborators'
  | 'collaborators_not_allowed'
  | 'too_many_user_tags'
  | 'user_tags_misplaced'
  | 'user_tag_position'
  | 'reel_option_not_reel'
  | 'story_one_item'
  | 'story_no_first_comment'
  | 'story_video_length';

export type AspectFit = 'crop' | 'pad';

export interface Problem {
  code: ProblemCode;
  /** `error`: Instagram would refuse it as it is. `warning`: it goes out, but the creator should know. */
  severity: 'error' | 'warning';
  message: string;
  /** The ways Postdeck can fix it, when there are any (an image's aspect: crop or pad). */
  choices?: AspectFit[];
  /** The post field it is about, as a path into the post (`collaborators`, `media.1.userTags`), when the rule knows. */
  field?: string;
}

export interface Size {
  width: number;
  height: number;
}

/** A rectangle in source pixels. */
export interface Rect extends Size {
  left: number;
  top: number;
}

const count = (value: number) => value.toLocaleString('en-US');

// ---------------------------------------------------------------------------------------------------
// Captions

export interface CaptionStats {
  characters: number;
  hashtags: number;
  mentions: number;
}

/**
 * Characters are counted as Unicode code points: "é" is 1, an emoji is 1, a family emoji made of
 * several people joined by zero-width joiners counts each of its parts. Meta does not say how it
 * counts; code points are what its servers' string lengths count, and they never count less than
 * what the user sees (graphemes), so a caption we pass is not one Instagram cuts.
 */
export function countCaptionCharacters(caption: string): number {
  let characters = 0;
  for (const _ of caption) characters++;
  return characters;
}

// A hashtag starts after a space or punctuation (not inside a word, "C#" or "a#b") and needs a letter
// or an underscore: Instagram does not link "#1".
const HASHTAG = /(?<![\p{L}\p{M}\p{N}_#])#([\p{L}\p{M}\p{N}_]+)/gu;
const HASHTAG_NEEDS = /[\p{L}_]/u;
// Usernames: letters, digits, "." and "_", at most 30; not inside a word, so e-mail addresses do not count.
const MENTION = /(?<![\p{L}\p{M}\p{N}_.@])@([A-Za-z0-9._]{1,30})/gu;

/** Every hashtag occurrence (repeats count: the limit is on what the caption contains). */
export function findHashtags(caption: string): string[] {
  return [...caption.matchAll(HASHTAG)].map((match) => match[1]!).filter((tag) => HASHTAG_NEEDS.test(tag));
}

/** Every @-mention occurrence; a sentence's final "." is not part of the name. */
export function findMentions(caption: string): string[] {
  return [...caption.matchAll(MENTION)].map((match) => match[1]!.replace(/\.+$/, '')).filter((name) => name.length > 0);
}

export function captionStats(caption: string): CaptionStats {
  return {
    characters: countCaptionCharacters(caption),
    hashtags: findHashtags(caption).length,
    mentions: findMentions(caption).length,
  };
}

/** `subject` names the text in the sentences: "caption", or "first comment" for the same limits on the comment. */
export function captionProblems(caption: string, subject = 'caption'): Problem[] {
  const stats = captionStats(caption);
  const problems: Problem[] = [];
  if (stats.characters > instagramLimits.captionCharacters) {
    problems.push({
      code: 'caption_too_long',
      severity: 'error',
      message: `The ${subject} has ${count(stats.characters)} characters; Instagram allows ${count(instagramLimits.captionCharacters)}. Shorten it by ${count(stats.characters - instagramLimits.captionCharacters)}.`,
    });
  }
  if (stats.hashtags > instagramLimits.hashtags) {
    problems.push({
      code: 'caption_too_many_hashtags',
      severity: 'error',
      message: `The ${subject} has ${stats.hashtags} hashtags; Instagram allows ${instagramLimits.hashtags}. Remove ${stats.hashtags - instagramLimits.hashtags}.`,
    });
  } else if (stats.hashtags > instagramLimits.hashtagsBeforeWarning) {
    problems.push({
      code: 'caption_many_hashtags',
      severity: 'warning',
      message: `The ${subject} has ${stats.hashtags} hashtags. Instagram now recommends at most ${instagramLimits.hashtagsBeforeWarning} and may stop accepting more.`,
    });
  }
  if (stats.mentions > instagramLimits.mentions) {
    problems.push({
      code: 'caption_too_many_mentions',
      severity: 'error',
      message: `The ${subject} mentions ${stats.mentions} accounts; Instagram allows ${instagramLimits.mentions}. Remove ${stats.mentions - instagramLimits.mentions} @-mentions.`,
    });
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------
// Images and their geometry

export const aspectOf = (size: Size): number => size.width / size.height;

/** "1.25:1", the way Instagram's help pages write ratios. */
export function formatAspect(aspect: number): string {
  return `${Number(aspect.toFixed(2))}:1`;
}

export function isFeedAspect(aspect: number): boolean {
  return aspect >= instagramLimits.imageAspectMin && aspect <= instagramLimits.imageAspectMax;
}

/** The nearest aspect Instagram accepts for a feed image (the image's own when it is already fine). */
export function nearestFeedAspect(aspect: number): number {
  return Math.min(instagramLimits.imageAspectMax, Math.max(instagramLimits.imageAspectMin, aspect));
}

/** Instagram crops every carousel image to the first one's aspect, so Postdeck prepares them all to it. */
export function carouselAspect(first: Size): number {
  return nearestFeedAspect(aspectOf(first));
}

export function imageAspectProblem(size: Size): Problem | null {
  const aspect = aspectOf(size);
  if (isFeedAspect(aspect)) return null;
  const shape = aspect > instagramLimits.imageAspectMax ? 'wide' : 'tall';
  const limit = shape === 'wide' ? '1.91:1 (landscape)' : '4:5 (portrait)';
  return {
    code: 'image_aspect_out_of_range',
    severity: 'error',
    message: `This image is ${formatAspect(aspect)}, too ${shape} for Instagram, which allows up to ${limit}. Crop it, or pad it with borders.`,
    choices: ['crop', 'pad'],
  };
}

/**
 * The side that goes with `width` at `aspect`, rounded to the nearest pixel; when `aspect` is one
 * Instagram accepts, rounding may not carry the result a pixel outside 4:5–1.91:1.
 */
function heightFor(width: number, aspect: number): number {
  let height = Math.max(1, Math.round(width / aspect));
  if (isFeedAspect(aspect) && !isFeedAspect(width / height)) height += width / height > instagramLimits.imageAspectMax ? 1 : -1;
  return height;
}

function widthFor(height: number, aspect: number): number {
  let width = Math.max(1, Math.round(height * aspect));
  if (isFeedAspect(aspect) && !isFeedAspect(width / height)) width += width / height > instagramLimits.imageAspectMax ? -1 : 1;
  return width;
}

/** The centred part of `source` with the target aspect, in source pixels: what a crop keeps, for the composer's preview. */
export function cropRect(source: Size, targetAspect: number): Rect {
  if (aspectOf(source) > targetAspect) {
    const width = Math.min(source.width, widthFor(source.height, targetAspect));
    return { left: Math.floor((source.width - width) / 2), top: 0, width, height: source.height };
  }
  const height = Math.min(source.height, heightFor(source.width, targetAspect));
  return { left: 0, top: Math.floor((source.height - height) / 2), width: source.width, height };
}

/** The canvas a pad puts `source` on (centred), in source pixels. */
export function padCanvas(source: Size, targetAspect: number): Size {
  return aspectOf(source) > targetAspect
    ? { width: source.width, height: Math.max(source.height, heightFor(source.width, targetAspect)) }
    : { width: Math.max(source.width, widthFor(source.height, targetAspect)), height: source.height };
}

/** The pixel size of the JPEG Postdeck sends: the cropped or padded region, scaled down (never up) to at most `maxWidth`. */
export function preparedImageSize(source: Size, targetAspect: number, fit: AspectFit, maxWidth: number = instagramLimits.imageMaxWidth): Size {
  const region = fit === 'crop' ? cropRect(source, targetAspect) : padCanvas(source, targetAspect);
  const width = Math.min(region.width, maxWidth);
  return { width, height: heightFor(width, targetAspect) };
}

// ---------------------------------------------------------------------------------------------------
// Carousels

export function carouselProblems(itemCount: number): Problem[] {
  if (itemCount < instagramLimits.carouselMinItems) {
    return [{ code: 'carousel_too_few_items', severity: 'error', message: `A carousel needs at least ${instagramLimits.carouselMinItems} photos or videos; this one has ${itemCount}.` }];
  }
  if (itemCount > instagramLimits.carouselMaxItems) {
    return [{ code: 'carousel_too_many_items', severity: 'error', message: `A carousel holds at most ${instagramLimits.carouselMaxItems} photos or videos; this one has ${itemCount}. Remove ${itemCount - instagramLimits.carouselMaxItems}.` }];
  }
  return [];
}

// ---------------------------------------------------------------------------------------------------
// Reels

export interface VideoFacts extends Size {
  durationMs: number;
  bytes: number;
  /** The RFC 6381 codec string of the video track, e.g. `avc1.640028` or `hvc1.1.6.L93.B0`. */
  codec: string;
  /** Whether the file's index (the `moov` box) comes before the media data. */
  indexFirst: boolean;
}

/** H.264 and HEVC are the codecs Instagram takes; anything else needs re-exporting. */
export function videoCodecName(codec: string): 'H.264' | 'HEVC' | null {
  const fourcc = codec.slice(0, 4);
  if (fourcc === 'avc1' || fourcc === 'avc3') return 'H.264';
  if (fourcc === 'hvc1' || fourcc === 'hev1') return 'HEVC';
  return null;
}

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`;
const megabytes = (bytes: number) => `${Math.round(bytes / 1_000_000)} MB`;

export function reelProblems(video: VideoFacts): Problem[] {
  const problems: Problem[] = [];
  const limits = instagramLimits;
  if (video.durationMs < limits.reelMinMs) {
    problems.push({ code: 'reel_too_short', severity: 'error', message: `This video is ${seconds(video.durationMs)} long; Instagram needs at least 3 seconds.` });
  }
  if (video.durationMs > limits.reelMaxMs) {
    problems.push({ code: 'reel_too_long', severity: 'error', message: `This video is ${Math.ceil(video.durationMs / 60_000)} minutes long; Instagram allows at most 15 minutes. Trim it.` });
  }
  if (video.bytes > limits.reelMaxBytes) {
    problems.push({ code: 'reel_too_large', severity: 'error', message: `This video is ${megabytes(video.bytes)}; Instagram allows at most 300 MB. Export it at a lower bitrate.` });
  }
  if (videoCodecName(video.codec) === null) {
    problems.push({ code: 'reel_codec_unsupported', severity: 'error', message: `This video is encoded as "${video.codec.slice(0, 4)}"; Instagram takes H.264 or HEVC only. Export it again as H.264.` });
  }
  const aspect = aspectOf(video);
  if (aspect < limits.reelAspectMin || aspect > limits.reelAspectMax) {
    problems.push({ code: 'reel_aspect_out_of_range', severity: 'error', message: `This video is ${formatAspect(aspect)}; Instagram takes videos from 0.01:1 to 10:1 (9:16 fits Reels best).` });
  }
  if (video.width > limits.reelMaxWidth) {
    problems.push({ code: 'reel_too_wide', severity: 'error', message: `This video is ${video.width} pixels wide; Instagram allows at most ${limits.reelMaxWidth}. Export it at 1080p.` });
  }
  if (!video.indexFirst) {
    problems.push({
      code: 'reel_index_at_end',
      severity: 'warning',
      message: 'This video keeps its index at the end of the file; Instagram asks for it at the start and may refuse it. If it does, export it again with "Optimize for web" or "Fast start".',
    });
  }
  return problems;
}

/** A Reel's cover taken from the video itself: the offset must fall inside the video. */
export function coverOffsetProblem(offsetMs: number, durationMs: number): Problem | null {
  if (Number.isInteger(offsetMs) && offsetMs >= 0 && offsetMs < durationMs) return null;
  return {
    code: 'cover_offset_out_of_range',
    severity: 'error',
    message: `The cover frame must be a moment inside the video, between 0 and ${seconds(durationMs)}.`,
  };
}

export const hasErrors = (problems: readonly Problem[]): boolean => problems.some((problem) => problem.severity === 'error');

// ---------------------------------------------------------------------------------------------------
// Collaborators, user tags, Reel options, Stories (instagram-platform.md §13)

/** Letters, digits, "." and "_", at most 30; no "." at either end or twice in a row. */
const USERNAME = /^(?!\.)(?!.*\.\.)[A-Za-z0-9._]{1,30}(?<!\.)$/;

/** What the user typed, as Instagram takes it: spaces and a leading @ dropped. */
export function normalizeUsername(typed: string): string {
  return typed.trim().replace(/^@/, '');
}

export function isInstagramUsername(name: string): boolean {
  return USERNAME.test(name);
}

export interface TaggablePost {
  kind: 'image' | 'reel' | 'carousel' | 'story';
  media: ReadonlyArray<{ userTags?: ReadonlyArray<{ username: string; x: number; y: number }> }>;
  collaborators: readonly string[];
  userTags: ReadonlyArray<{ username: string; x?: number; y?: number }>;
  shareToFeed: boolean;
  audioName: string | null;
  trialReel: string | null;
  firstComment: string | null;
}

const kindName = { image: 'a photo post', reel: 'a Reel', carousel: 'a carousel', story: 'a Story' } as const;
const inUnit = (value: number | undefined) => value === undefined || (value >= 0 && value <= 1);

function usernameProblems(names: readonly string[], field: string): Problem[] {
  return names
    .filter((name) => !isInstagramUsername(name))
    .map((name) => ({
      code: 'username_invalid' as const,
      severity: 'error' as const,
      message: `"${name}" is not an Instagram username: usernames have at most 30 letters, digits, periods and underscores.`,
      field,
    }));
}

function tagListProblems(tags: ReadonlyArray<{ username: string; x?: number; y?: number }>, where: string, field: string): Problem[] {
  const problems = usernameProblems(tags.map((tag) => tag.username), field);
  if (tags.length > instagramLimits.userTagsPerItem) {
    problems.push({ code: 'too_many_user_tags', severity: 'error', message: `${where} tags ${tags.length} people; Instagram allows ${instagramLimits.userTagsPerItem}. Remove ${tags.length - instagramLimits.userTagsPerItem}.`, field });
  }
  if (tags.some((tag) => !inUnit(tag.x) || !inUnit(tag.y))) {
    problems.push({ code: 'user_tag_position', severity: 'error', message: `A tag on ${where.toLowerCase()} is outside the picture: x and y go from 0 to 1.`, field });
  }
  return problems;
}

/**
 * Collaborators on feed photos, Reels and the carousel as a whole (never on Stories); people tagged on each
 * photo at a spot, on a Reel by name only, on a Story by name with an optional spot; Reel options on Reels
 * only; a Story is one photo or video without a first comment. Usernames are expected normalized.
 */
export function taggingProblems(post: TaggablePost): Problem[] {
  const problems: Problem[] = [...usernameProblems(post.collaborators, 'collaborators')];
  if (post.collaborators.length > 0 && post.kind === 'story') {
    problems.push({ code: 'collaborators_not_allowed', severity: 'error', message: 'A Story cannot have collaborators; Instagram invites them on feed photos, Reels and carousels only.', field: 'collaborators' });
  } else if (post.collaborators.length > instagramLimits.collaborators) {
    problems.push({ code: 'too_many_collaborators', severity: 'error', message: `The post invites ${post.collaborators.length} collaborators; Instagram allows ${instagramLimits.collaborators}. Remove ${post.collaborators.length - instagramLimits.collaborators}.`, field: 'collaborators' });
  }
  const onPhotos = post.kind === 'image' || post.kind === 'carousel';
  if (post.userTags.length > 0 && onPhotos) {
    problems.push({ code: 'user_tags_misplaced', severity: 'error', message: `On ${kindName[post.kind]}, people are tagged on each photo at a spot, not on the post.`, field: 'userTags' });
  }
  if (post.userTags.length > 0 && post.kind === 'reel' && post.userTags.some((tag) => tag.x !== undefined || tag.y !== undefined)) {
    problems.push({ code: 'user_tag_position', severity: 'error', message: 'People are tagged on a Reel by name only, without a spot.', field: 'userTags' });
  }
  problems.push(...tagListProblems(post.userTags, kindName[post.kind].replace(/^a /, 'The '), 'userTags'));
  post.media.forEach((item, index) => {
    const tags = item.userTags ?? [];
    if (tags.length === 0) return;
    const field = `media.${index}.userTags`;
    if (!onPhotos) {
      problems.push({ code: 'user_tags_misplaced', severity: 'error', message: `On ${kindName[post.kind]}, people are tagged on the post by name, not on its media.`, field });
      return;
    }
    problems.push(...tagListProblems(tags, post.media.length > 1 ? `Media ${index + 1}` : 'The photo', field));
  });
  if (post.kind !== 'reel' && (!post.shareToFeed || post.audioName !== null || post.trialReel !== null)) {
    // Three fields at once: it belongs to none of them alone.
    problems.push({ code: 'reel_option_not_reel', severity: 'error', message: 'Share to feed, audio name and trial Reels are options of a Reel only.' });
  }
  if (post.kind === 'story' && post.media.length !== 1) {
    problems.push({ code: 'story_one_item', severity: 'error', message: `A Story is one photo or one video; this one has ${post.media.length}.`, field: 'media' });
  }
  if (post.kind === 'story' && post.firstComment !== null) {
    problems.push({ code: 'story_no_first_comment', severity: 'error', message: 'A Story has no comments, so it cannot have a first comment.', field: 'firstComment' });
  }
  return problems;
}

/** A Story video lasts 3 to 60 seconds. */
export function storyVideoProblem(durationMs: number): Problem | null {
  if (durationMs >= instagramLimits.storyVideoMinMs && durationMs <= instagramLimits.storyVideoMaxMs) return null;
  return { code: 'story_video_length', severity: 'error', message: `This video is ${seconds(durationMs)} long; a Story video lasts 3 to 60 seconds. Trim it, or post it as a Reel.` };
}
