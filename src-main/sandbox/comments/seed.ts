/**
 * Conversations that arrive over time (sandbox clock) on every media, so an inbox has something to poll: other
 * people comment, the account answers some of them, and others join a thread, a few minutes to a day after
 * the media was published. Each is written into the store when the media's comments are read, so a deleted one
 * does not come back.
 */
import { HOUR, MINUTE } from '../../config/clock';
import type { MediaRecord } from '../types';
import type { SandboxWorld } from '../world';

/** People who are not the sandbox's own, with ids of the same shape as Instagram's (`from.id` of their comments); they write direct messages too (messaging/seed.ts). */
export const COMMENTERS = [
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

const OPENERS = [
  'Love this! The light is unreal ✨',
  'Where was this taken? Adding it to my list',
  'So good 🔥',
  'Can you share more about how you made this? Would love a tutorial',
  'Beautiful colours, what preset do you use?',
  'This made my morning 🙌',
  'Is this available to order?',
  'Wow, the details 😍',
] as const;
const ANSWERS = ['Thank you so much! 🙏', 'Thanks! More on this in Friday’s post', 'Yes! Link in bio, ships next week', 'Appreciate you 💛'] as const;
const FOLLOW_UPS = ['Same question here!', 'Saving this for later 🙌', 'Agreed, this is one of your best', '+1 would love that too'] as const;

/** One step of a media's conversation: who, when after publishing, and (for a reply) which earlier step it answers. */
type Step = { afterMs: number; kind: 'opener' } | { afterMs: number; kind: 'answer' | 'follow-up'; repliesTo: number };
/**
 * In time order; a media gets the first 7, 3, 5 or 1 steps by its place among the account's media (oldest
 * first), so every account has threads that stay single and threads that grow, the same on every run.
 */
const CONVERSATION: readonly Step[] = [
  { afterMs: 4 * MINUTE, kind: 'opener' },
  { afterMs: 25 * MINUTE, kind: 'opener' },
  { afterMs: 50 * MINUTE, kind: 'answer', repliesTo: 0 },
  { afterMs: 3 * HOUR, kind: 'opener' },
  { afterMs: 4 * HOUR, kind: 'follow-up', repliesTo: 0 },
  { afterMs: 26 * HOUR, kind: 'opener' },
  { afterMs: 27 * HOUR, kind: 'follow-up', repliesTo: 3 },
];
const CONVERSATION_LENGTHS = [7, 3, 5, 1] as const;

/** Stable per media: who speaks and what they say. */
function seedOf(mediaId: string): number {
  let hash = 0;
  for (const char of mediaId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash;
}

export function deliverSeededComments(store: SandboxWorld['publishing'], media: MediaRecord, now: number): void {
  if (media.isChild) return;
  const seed = seedOf(media.id);
  const place = store.mediaOf(media.igUserId).filter((m) => !m.isChild && m.timestamp <= media.timestamp).length - 1;
  const steps = CONVERSATION.slice(0, CONVERSATION_LENGTHS[place % CONVERSATION_LENGTHS.length]);
  const due = steps.filter((step) => media.timestamp + step.afterMs <= now).length;
  const delivered = media.seededComments ?? 0;
  for (let index = delivered; index < due; index++) {
    const step = steps[index]!;
    const timestamp = media.timestamp + step.afterMs;
    const commenter = COMMENTERS[(seed + index) % COMMENTERS.length]!;
    if (step.kind === 'opener') {
      const text = OPENERS[(seed + index) % OPENERS.length]!;
      store.addComment(media.id, commenter.igUserId, text, { username: commenter.username, timestamp });
      continue;
    }
    // The comment it answers, unless it was deleted meanwhile (its replies went with it).
    const parentTime = media.timestamp + steps[step.repliesTo]!.afterMs;
    const parent = store.commentsOn(media.id).find((c) => !c.parentId && c.timestamp === parentTime);
    if (!parent) continue;
    if (step.kind === 'answer') store.addComment(media.id, media.igUserId, ANSWERS[seed % ANSWERS.length]!, { parentId: parent.id, timestamp });
    else store.addComment(media.id, commenter.igUserId, FOLLOW_UPS[seed % FOLLOW_UPS.length]!, { parentId: parent.id, username: commenter.username, timestamp });
  }
  if (due > delivered) store.markSeeded(media.id, due);
}
