/** Media every seeded person "published outside Postdeck", so lists, insights and comments cover the whole account. */
import { DAY } from '../../config/clock';
import type { PublishingStore } from './store';
import type { SandboxPerson } from '../types';

const KINDS = ['IMAGE', 'REELS', 'CAROUSEL'] as const;

/**
 * `count` media per person, the oldest 400 days ago (before `reposts` existed), the rest one every three days
 * up to yesterday; image, Reel and carousel in turn.
 */
export function seedOutsideMedia(store: PublishingStore, people: readonly SandboxPerson[], now: number, count: number): void {
  for (const person of people) {
    for (let i = 0; i < count; i++) {
      const daysAgo = i === 0 ? 400 : (count - i) * 3 - 2;
      const kind = KINDS[i % KINDS.length]!;
      store.addOutside({ igUserId: person.igUserId, kind, caption: `Posted in the Instagram app #${i + 1}`, timestamp: now - daysAgo * DAY });
    }
  }
}
