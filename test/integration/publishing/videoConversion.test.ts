import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppEvent } from '../../../src-shared/events';
import type { Account } from '../../../src-shared/models';
import type { Post } from '../../../src-shared/posts';
import type { MediaItem } from '../../../src-main/media/library';
import { probeVideo } from '../../../src-main/media/probeVideo';
import { connectedPerTest, runUntil } from '../../helpers/connectedApp';
import { makeTestVideo } from '../../helpers/testVideos';

const withAccount = connectedPerTest();


const reel = (account: Account, media: unknown[]) => ({ accountId: account.id, kind: 'reel', caption: 'slow motion pour', media });

describe('a video Instagram would refuse as it is', () => {
  it('a 120 fps video is converted, hosted and published; the sandbox refuses the same video unconverted', async () => {
    const { h, account } = await withAccount();
    const source = await makeTestVideo(h.dataDir, 'pour-120fps', { rate: 120, audioCodec: 'libmp3lame' });
    const item = await h.value<MediaItem>('media.import', { path: source });
    expect(item.conversion).toMatchObject({ summary: '120 fps → 30 fps, MP3 → AAC' });

    // Published at once: the post waits for its conversion, which runs in the background meanwhile.
    const post = await h.value<Post>('posts.create', reel(account, [{ mediaId: item.id }]));
    await h.value('posts.publishNow', { postId: post.id });
    const done = await runUntil(h, post.id, ['published', 'failed']);
    expect(done, JSON.stringify(done.attempts)).toMatchObject({ status: 'published' });
    const ended = h.events.filter((event): event is AppEvent<'media.conversion'> => event.name === 'media.conversion').map((event) => event.payload.conversion.state);
    expect(ended.at(-1)).toBe('converted');
    const [described] = await h.value<MediaItem[]>('media.describe', { ids: [item.id] });
    expect(described!.conversion).toMatchObject({ state: 'converted', percent: 100 });
    const [media] = h.sandbox.world.publishing.mediaOf(account.igUserId);
    expect(media).toMatchObject({ mediaType: 'VIDEO', mediaProductType: 'REELS' });

    // The original, pasted as a link Postdeck sends as it is: Instagram's processing fails it.
    const original = h.sandbox.hostMedia(readFileSync(source), 'video/mp4');
    const unconverted = await h.value<Post>('posts.create', reel(account, [{ url: original.url }]));
    await h.value('posts.publishNow', { postId: unconverted.id });
    const refused = await runUntil(h, unconverted.id, ['published', 'failed']);
    expect(refused).toMatchObject({ status: 'failed', error: { code: 'container_failed' } });
    const store = h.sandbox.world.publishing;
    expect(store.statusText(store.containersOf(account.igUserId).at(-1)!)).toBe('Error: 2207026');
  });

  it('a video that cannot be converted is refused before scheduling, with the reason', async () => {
    const { h, account } = await withAccount();
    const source = await makeTestVideo(h.dataDir, 'garbled-120fps', { rate: 120 });
    // The index stays readable; the pictures are noise no decoder can read.
    const bytes = readFileSync(source);
    const { indexFirst } = await probeVideo(source);
    expect(indexFirst).toBe(true);
    const mdat = bytes.indexOf('mdat', 0, 'latin1');
    bytes.fill(0x55, mdat + 4);
    const garbled = join(h.dataDir, 'garbled.mp4');
    writeFileSync(garbled, bytes);
    const item = await h.value<MediaItem>('media.import', { path: garbled });
    await h.app.jobsIdle();
    const [described] = await h.value<MediaItem[]>('media.describe', { ids: [item.id] });
    expect(described!.conversion).toMatchObject({ state: 'failed', error: { code: 'media_conversion_failed', message: expect.any(String), action: expect.any(String) } });
    const attempt = await h.call('posts.create', { ...reel(account, [{ mediaId: item.id }]), scheduledAt: new Date(h.clock.now() + 3_600_000).toISOString() });
    expect(attempt).toMatchObject({ ok: false, error: { code: 'post_invalid', detail: expect.stringContaining('could not convert this video') } });
  });
});
