/**
 * Comments from other people that arrive over time (sandbox clock) on every media, so an inbox has something
 * to poll: each media gets one to four, a few minutes to a day after it was published. They are written into
 * the store when the media's comments are read, so a deleted one does not come back.
 */
import { HOUR, MINUTE } from '../../config/clock';
import type { MediaRecord } from '../types';
import type { SandboxWorld } from '../world';

/** After publishing: 4 min, 25 min, 3 h, 26 h. */
export const SEEDED_ARRIVALS_MS = [4 * MINUTE, 25 * MINUTE, 3 * HOUR, 26 * HOUR] as const;
/** People who are not the sandbox's own, with ids of the same shape as Instagram's (`from.id` of their comments). */
const COMMENTERS = [
  { username: 'mara.draws', igUserId: '17841488800000001' },
  { username: 'tom_outdoors', igUserId: '17841488800000002' },
  { username: 'lina.eats', igUserId: '17841488800000003' },
  { username: 'kofi.snaps', igUserId: '17841488800000004' },
  { username: 'ruth_reads', igUserId: '17841488800000005' },
] as const;

/** A seeded commenter's id by name (state files written before they had one stored it empty). */
export function seededCommenterId(username: string | undefined): string | undefined {
  return COMMENTERS.find((commenter) => commenter.username === username)?.igUserId;
}
const TEXTS = ['Love this!', 'Where was this taken?', 'So good 🔥', 'Can you share more about this?', 'Beautiful colours'];

/** Stable per media: the same media always gets the same number of comments. */
function seededCount(mediaId: string): number {
  let hash = 0;
  for (const char of mediaId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return 1 + (hash % SEEDED_ARRIVALS_MS.length);
}

export function deliverSeededComments(store: SandboxWorld['publishing'], media: MediaRecord, now: number): void {
  if (media.isChild) return;
  const due = SEEDED_ARRIVALS_MS.slice(0, seededCount(media.id)).filter((after) => media.timestamp + after <= now).length;
  const delivered = media.seededComments ?? 0;
  for (let index = delivered; index < due; index++) {
    const pick = (index + media.id.length) % COMMENTERS.length;
    const commenter = COMMENTERS[pick]!;
    store.addComment(media.id, commenter.igUserId, TEXTS[pick]!, { username: commenter.username, timestamp: media.timestamp + SEEDED_ARRIVALS_MS[index]! });
  }
  if (due > delivered) store.markSeeded(media.id, due);
}
