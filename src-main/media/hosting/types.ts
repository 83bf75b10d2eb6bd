/**
 * Media hosting: Instagram fetches every image and video from a public URL (instagram-platform.md §6),
 * so each media item is put somewhere public for the length of one publishing attempt. The publishing
 * code sees only these interfaces, never which host is behind them.
 */

import type { DomainEventMap } from '../../config/events';

/** A converted media file in Postdeck's media folder. */
export interface LocalMediaFile {
  path: string;
  contentType: string;
  bytes: number;
}

/** A media item the user pasted as a public URL. */
export interface RemoteMedia {
  url: string;
}

/** Which post and item a hosted file belongs to, so fetches can be shown on the post. */
export interface MediaOwner {
  postId: string;
  itemIndex: number;
}

export interface HostedMedia {
  /** The US-ASCII URL to give Instagram (the transport form-encodes it: a raw `?` breaks the call). */
  readonly url: string;
  /** Opaque and storable: after a restart, `host.release(ref)` still cleans up. */
  readonly ref: string;
  /** Call once the post is published or has failed for good; calling again is harmless. */
  release(): Promise<void>;
}

export type HostingKind = 's3' | 'tunnel' | 'public_url' | 'sandbox';

export interface MediaPublisher<Source> {
  readonly kind: HostingKind;
  /** Makes the media fetchable; keep it until the container is FINISHED, then release it. */
  publish(source: Source, owner: MediaOwner): Promise<HostedMedia>;
  release(ref: string): Promise<void>;
}

/** A host Postdeck runs or writes to: S3-compatible storage or the tunnel server. */
export interface MediaHost extends MediaPublisher<LocalMediaFile> {
  /** A test upload and fetch through the public URL; throws a HostingFailure saying what is wrong. */
  check(): Promise<void>;
}

/** One fetch of a hosted file, reported so the post can show that Instagram took it. */
export type MediaFetch = DomainEventMap['media.fetched'];
