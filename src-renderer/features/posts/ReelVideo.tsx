import { useState } from 'react';
import type { PostMediaRef, ReelCover } from '../../../src-shared/posts';
import { useStores } from '../../stores/context';
import { MediaThumb, pictureSource } from './MediaThumb';

interface Props {
  item: PostMediaRef | undefined;
  /** The chosen cover, shown until the video plays (Instagram's own pick, the poster frame, without one). */
  cover: ReelCover | null;
  className?: string;
}

/**
 * A Reel as it plays: the library's video, muted until the viewer turns the sound on, with the cover as its
 * poster. A linked video, which the page's policy does not let it play, or one the browser cannot decode
 * (HEVC, say), shows its picture instead.
 */
export function ReelVideo({ item, cover, className = '' }: Props) {
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
      aria-label="The Reel’s video"
      muted
      controls
      loop
      playsInline
      preload="metadata"
      onError={() => setFailed(src)}
    />
  );
}
