import { DAY, HOUR, MINUTE } from '../config/clock';

/** Instagram's figures settle over 48 h (fact sheet §7): checked often then, daily for 30 days, then on demand only. */
export const FIRST_CHECK_AFTER_PUBLISH_MS = 10 * MINUTE;
export const EARLY_PERIOD_MS = 48 * HOUR;
export const EARLY_INTERVAL_MS = 3 * HOUR;
export const DAILY_PERIOD_MS = 30 * DAY;
export const ACCOUNT_INTERVAL_MS = DAY;
/** A newly connected account (or one found at start) is first checked this much later, off the busy start. */
export const FIRST_ACCOUNT_CHECK_MS = 5 * MINUTE;

/** A Story's figures vanish 24 hours after it went up: the last read is taken this long after. */
export const STORY_LAST_READ_MS = 23 * HOUR;

/** When a post's figures are next fetched in the background, or null once only the user asks. */
export function nextMediaCheck(publishedAt: number, now: number, story = false): number | null {
  const age = now - publishedAt;
  if (story) return age < STORY_LAST_READ_MS ? Math.min(now + EARLY_INTERVAL_MS, publishedAt + STORY_LAST_READ_MS) : null;
  if (age < EARLY_PERIOD_MS) return now + EARLY_INTERVAL_MS;
  if (age < DAILY_PERIOD_MS) return now + DAY;
  return null;
}
