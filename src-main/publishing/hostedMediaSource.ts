import type { PostMediaRef } from '../../src-shared/posts';
import type { AspectFit } from '../../src-shared/publishingRules';
import type { HostedItem, PostRecord } from '../db/postsRepo';
import type { LocalMediaFile, MediaPublisher, RemoteMedia } from '../media/hosting/types';
import type { MediaSource, ReelCoverSource } from './mediaSource';

/** The file behind an imported media item, converted for Instagram. */
export interface MediaFiles {
  /** `aspectOf`: another item whose aspect this one takes (a carousel's images follow its first). */
  file(mediaId: string, options: { fit: AspectFit; aspectOf?: string }): Promise<LocalMediaFile>;
  /** A cover photo made into the shape of the video it covers. */
  cover(videoId: string, imageId: string): Promise<LocalMediaFile>;
}

/**
 * Pasted URLs go to Instagram as they are (checked and normalised); imported files through the host
 * the user chose (or the sandbox's, in sandbox mode). Hosted files are released by their stored ref.
 */
export class HostedMediaSource implements MediaSource {
  constructor(
    private readonly deps: {
      publicUrls: MediaPublisher<RemoteMedia>;
      /** The host for files: the user's choice in live mode, the sandbox's in sandbox mode. */
      files: () => MediaPublisher<LocalMediaFile>;
      library: MediaFiles;
    },
  ) {}

  async host(post: PostRecord, itemIndex: number, ref: PostMediaRef): Promise<HostedItem> {
    const owner = { postId: post.id, itemIndex };
    if ('url' in ref) return { itemIndex, url: (await this.deps.publicUrls.publish({ url: ref.url }, owner)).url };
    const first = post.media[0];
    const aspectOf = post.kind === 'carousel' && itemIndex > 0 && first && 'mediaId' in first ? first.mediaId : undefined;
    const file = await this.deps.library.file(ref.mediaId, { fit: ref.fit ?? 'crop', ...(aspectOf ? { aspectOf } : {}) });
    const hosted = await this.deps.files().publish(file, owner);
    return { itemIndex, url: hosted.url, ref: hosted.ref };
  }

  async cover(post: PostRecord): Promise<ReelCoverSource | null> {
    const cover = post.reelCover;
    if (!cover) return null;
    if ('offsetMs' in cover) return { thumbOffsetMs: cover.offsetMs };
    const video = post.media[0];
    const file = video && 'mediaId' in video ? await this.deps.library.cover(video.mediaId, cover.mediaId) : await this.deps.library.file(cover.mediaId, { fit: 'crop' });
    // After the media in the post's hosted list, so release takes it down with them.
    const owner = { postId: post.id, itemIndex: post.media.length };
    const hosted = await this.deps.files().publish(file, owner);
    return { coverUrl: hosted.url, hosted: { itemIndex: owner.itemIndex, url: hosted.url, ref: hosted.ref } };
  }

  async release(post: PostRecord): Promise<void> {
    for (const item of post.hosted) if (item.ref) await this.deps.files().release(item.ref);
  }
}
