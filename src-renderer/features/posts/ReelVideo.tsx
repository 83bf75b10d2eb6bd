import { useState } from 'react';
import type { PostKind, PostMediaRef, ReelCover } from '../../../src-shared/posts';
import { useStores } from '../../stores/context';
import { MediaThumb, pictureSource } from './MediaThumb';
import type { MediaItem } from './mediaStore';

/** Which posts show their media as a playing video: every Reel, and a Story made of a video (a photo Story stays a picture). */
export function playsAsVideo(kind: PostKind, mediaKind: MediaItem['kind'] | undefined): boolean {
  return kind === 'reel' || (kind === 'story' && mediaKind === 'video');
}

interface Props {
  /** A Reel, or a Story's video: both play in 9:16. */
  kind?: 'reel' | 'story';
  item: PostMediaRef | undefined;
  /** The chosen cover, shown until the video plays (Instagram's own pick, the poster frame, without one). */
  cover: ReelCover | null;
  className?: string;
}

/**
 * A Reel (or a Story's video) as it plays: the library's video, muted until the viewer turns the sound on, with the cover as its
 * poster. A linked video, which the page's policy does not let it play, or one the browser cannot decode
 * (HEVC, say), shows its picture instead.
 */
export function ReelVideo({ kind = 'reel', item, cover, className = '' }: Props) {
  const { bridge } = useStores();
  const [failed, setFailed] = useState<string | null>(null);
  const mediaId = item && 'mediaId' in item ? item.mediaId : null;
  const src = mediaId ? bridge.mediaUrl({ mediaId, variant: 'video' }) : null;
  if (!src || src === failed) return <MediaThumb item={item} kind="reel" size="large" cover={cover} />;
  return (
    <video
      className={`reel-video ${className}`.trim()}
      src={src}
      poster={pictureSource(item, 'reel', 'large', cover, (request) => bridge.mediaUrl(request)) ?? undefined}
      aria-label={kind === 'story' ? 'The Story’s video' : 'The Reel’s video'}
      muted
      controls
      loop
      playsInline
      preload="metadata"
      onError={() => setFailed(src)}
    />
  );
}
