import { afterEach, describe, expect, it } from 'vitest';
import type { AppEvent, EventMap } from '../../../src-shared/events';
import type { Post } from '../../../src-shared/posts';
import { MINUTE } from '../../../src-main/config/clock';
import { ManualClock } from '../../../src-main/config/manualClock';
import { localInputToIso } from '../../../src-renderer/lib/localTime';
import { connectAs, startHarness, type Harness } from '../../helpers/harness';
import { inTimeZone } from '../../helpers/timeZone';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

const IMAGE = { url: 'https://cdn.example.com/photo.jpg' };
const reachedWaiting = (postId: string) => (event: AppEvent) =>
  event.name === 'posts.changed' && (event.payload as EventMap['posts.changed']).postId === postId && (event.payload as EventMap['posts.changed']).status === 'pending_manual';

/**
 * The main process keeps the instant the composer sent and never re-derives a wall time from it, so a
 * slot picked across a DST change fires at the UTC instant of the picked wall time, whatever the main
 * process's own zone.
 */
describe.each(['Europe/Berlin', 'America/New_York'])('a slot on the day the clocks go forward, with the app in %s', (zone) => {
  inTimeZone(zone);

  it('is stored as sent and comes due at that instant, not an hour off', async () => {
    const spring = zone === 'Europe/Berlin' ? '2026-03-29' : '2026-03-08';
    const slot = localInputToIso(`${spring}T09:30`)!; // after the change: summer time
    harness = await startHarness({ clock: new ManualClock(Date.parse(slot) - 24 * 60 * MINUTE) }); // a day before, winter time
    const connected = await connectAs(harness, { username: 'maya.makes' });
    if (!connected.ok) throw new Error(connected.error.code);
    const h = harness;
    const post = await h.value<Post>('posts.create', { accountId: connected.value.id, kind: 'image', caption: 'Spring', media: [IMAGE], mode: 'manual', scheduledAt: slot });
    expect(post.scheduledAt).toBe(slot);

    await h.clock.advanceAsync(24 * 60 * MINUTE - MINUTE);
    expect((await h.value<Post>('posts.get', { postId: post.id })).status).toBe('scheduled');
    const waiting = h.waitForEvents(reachedWaiting(post.id));
    await h.clock.advanceAsync(MINUTE);
    await waiting;
    expect(await h.value<Post>('posts.get', { postId: post.id })).toMatchObject({ status: 'pending_manual', scheduledAt: slot });
  });
});
