import type { PhotoUserTag } from '../../../src-shared/posts';
import { instagramLimits, isInstagramUsername, normalizeUsername } from '../../../src-shared/publishingRules';

/** A username typed into a chip field: taken as Instagram takes it, or refused with the sentence to show. */
export type UsernameEntry = { ok: true; username: string } | { ok: false; reason: string };

/**
 * What the user typed, checked before it becomes a chip or a tag: a leading @ and spaces go; an invalid name,
 * one already there (Instagram's usernames ignore case) or one past `max` is refused with a plain sentence.
 */
export function parseUsernameEntry(typed: string, existing: readonly string[], max: number, what: string): UsernameEntry {
  const username = normalizeUsername(typed);
  if (username === '') return { ok: false, reason: 'Type an Instagram username first.' };
  if (!isInstagramUsername(username)) {
    return { ok: false, reason: `"${username}" is not an Instagram username: use at most 30 letters, digits, periods and underscores.` };
  }
  if (existing.some((name) => name.toLowerCase() === username.toLowerCase())) return { ok: false, reason: `@${username} is already in the list.` };
  if (existing.length >= max) return { ok: false, reason: limitReached(max, what) };
  return { ok: true, username };
}

/** "Instagram allows 3 collaborators; remove one to add another." */
export function limitReached(max: number, what: string): string {
  return `Instagram allows ${max} ${what}; remove one to add another.`;
}

/** The people one photo may tag, and the sentence that says it when they are all there. */
export const PHOTO_TAGS_LIMIT = instagramLimits.userTagsPerItem;
export const PHOTO_TAGS_WHAT = 'people tagged per photo';

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Three decimals: a thousandth of the picture is finer than a finger, and keeps the saved numbers short. */
const round = (value: number) => Math.round(value * 1000) / 1000;
const unit = (value: number) => round(Math.min(1, Math.max(0, value)));

/**
 * Where a click on the picture lands, as Instagram's x and y: 0 at the left or top edge, 1 at the right or
 * bottom. `box` is the picture as shown (the preview frame, which has the published picture's shape).
 */
export function tagPointFromClick(clientX: number, clientY: number, box: Box): { x: number; y: number } {
  return { x: unit((clientX - box.left) / Math.max(1, box.width)), y: unit((clientY - box.top) / Math.max(1, box.height)) };
}

/** A tag added from the list, without pointing: the middle of the picture. */
export const CENTRE = { x: 0.5, y: 0.5 } as const;

/** Percentages for CSS `left` / `top`, so a pill sits where its tag is whatever size the preview is drawn at. */
export function tagPosition(tag: Pick<PhotoUserTag, 'x' | 'y'>): { left: string; top: string } {
  return { left: `${round(tag.x * 100)}%`, top: `${round(tag.y * 100)}%` };
}

/** Where a tag sits, in words for the list and screen readers: "centre", "top left", "bottom right"… */
export function tagPlace(tag: Pick<PhotoUserTag, 'x' | 'y'>): string {
  const third = (value: number) => (value < 1 / 3 ? 0 : value > 2 / 3 ? 2 : 1);
  const row = ['top', '', 'bottom'][third(tag.y)]!;
  const column = ['left', '', 'right'][third(tag.x)]!;
  return [row, column].filter(Boolean).join(' ') || 'centre';
}

/**
 * Whether a media item is a photo (people are tagged on photos at a spot; alt text describes photos): a file by
 * what the library says it is (`known`, unknown while loading), a link unless it names a video file.
 */
export function isPhoto(item: { url: string } | { mediaId: string }, known: { kind: 'image' | 'video' } | null | undefined): boolean {
  if ('url' in item) return !/\.(mp4|mov)(\?|$)/i.test(item.url);
  return known?.kind === 'image';
}
