import sharp from 'sharp';
import { afterEach } from 'vitest';
import type { Account } from '../../src-shared/models';
import type { Post, PostStatus } from '../../src-shared/posts';
import { SECOND } from '../../src-main/config/clock';
import { startConnected, type Harness } from './harness';

/** For a test file whose tests each start one connected app: starts it, and closes it after each test. */
export function connectedPerTest(): (...args: Parameters<typeof startConnected>) => Promise<{ h: Harness; account: Account }> {
  let harness: Harness | null = null;
  afterEach(async () => {
    await harness?.close();
    harness = null;
  });
  return async (...args) => {
    const started = await startConnected(...args);
    harness = started.h;
    return started;
  };
}

/** Lets jobs run (a conversion runs in real time) and moves the clocks on a second at a time, until the post reaches one of `statuses`. */
export async function runUntil(h: Harness, postId: string, statuses: PostStatus[]): Promise<Post> {
  for (let waited = 0; ; waited += SECOND) {
    await h.app.jobsIdle();
    const post = await h.value<Post>('posts.get', { postId });
    if (statuses.includes(post.status)) return post;
    if (waited > 10 * 60 * SECOND) throw new Error(`post still ${post.status}: ${JSON.stringify(post.attempts)}`);
    await h.clock.advanceAsync(SECOND);
  }
}

/** The address of a square JPEG the app's sandbox hosts, as a creator pastes one. */
export async function hostedImage(h: Harness): Promise<string> {
  const jpeg = await sharp({ create: { width: 1080, height: 1080, channels: 3, background: '#c96' } }).jpeg().toBuffer();
  return h.sandbox.hostMedia(jpeg, 'image/jpeg').url;
}
