import type { PostMediaRef } from '../../src-shared/posts';
import type { HostedItem, PostRecord } from '../db/postsRepo';

export type ReelCoverSource = { thumbOffsetMs: number } | { coverUrl: string; hosted: HostedItem };

/**
 * Where Instagram fetches a post's media from (DESIGN.md §7 "Media hosting"): a public URL the user
 * gave, or a file Postdeck hosts (the user's bucket, their tunnel, or the sandbox). The publisher does
 * not know which.
 */
export interface MediaSource {
  /** A public URL for item `itemIndex`, alive until `release`; `ref` (stored with the post) releases it after a restart. */
  host(post: PostRecord, itemIndex: number, ref: PostMediaRef): Promise<HostedItem>;
  /** A Reel's cover as Instagram takes it: a frame offset, or a cover photo put online like the media (null: none chosen). */
  cover(post: PostRecord): Promise<ReelCoverSource | null>;
  /** The post is published or failed for good: stop serving (delete the objects). Idempotent. */
  release(post: PostRecord): Promise<void>;
}
