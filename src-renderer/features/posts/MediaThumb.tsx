import { useState } from 'react';
import { isAllowedImageUrl } from '../../../src-shared/csp';
import type { PostKind, PostMediaRef, ReelCover } from '../../../src-shared/posts';
import type { MediaPreview } from '../../../src-shared/mediaPreview';
import { useStores } from '../../stores/context';
import { useLinkPicture } from './useLinkPicture';
import './posts.css';

interface Props {
  item: PostMediaRef | undefined;
  kind: PostKind;
  size?: 'small' | 'large';
  /** A local preview of an imported photo (an object URL), when the composer has one. */
  preview?: string | null;
  /** The post's alt text, for its first picture; an item's own alt text wins. Without either, the picture is decoration beside the caption. */
  alt?: string | null;
  /** A Reel's chosen cover, shown instead of the video's poster frame. */
  cover?: ReelCover | null;
}

/**
 * A post's picture: an imported photo's thumbnail, a video's poster frame (or its chosen cover), or an
 * Instagram / Sandbox image address the page may load. Anything else, or a picture that fails to load,
 * gets a labelled placeholder instead of a broken image.
 */
export function MediaThumb({ item, kind, size = 'small', preview = null, alt = null, cover = null }: Props) {
  const { bridge } = useStores();
  const [failedSrc, setFailedSrc] = useState<string | null>(null);
  const link = useLinkPicture(item && 'url' in item && kind !== 'reel' ? item.url.trim() : null);
  const className = `media-thumb media-thumb-${size}`;
  const src =
    preview ?? pictureSource(item, kind, size, cover, (request) => bridge.mediaUrl(request)) ?? (link?.state === 'ready' ? bridge.mediaUrl({ mediaId: link.previewId, variant: 'link' }) : null);
  if (src && src !== failedSrc) {
    return <img className={className} src={src} alt={item?.altText || alt || ''} loading="lazy" decoding="async" referrerPolicy="no-referrer" onError={() => setFailedSrc(src)} />;
  }
  // Large (the preview), a link's failure is said in full; small, the slide beside it says it.
  const label = kind === 'reel' ? 'Reel' : !item ? 'No media' : link?.state === 'loading' ? 'Loading…' : link?.state === 'failed' && size === 'large' ? link.sentence : 'No preview';
  return (
    <span className={`${className} media-thumb-placeholder`} aria-hidden="true">
      {label}
    </span>
  );
}

/** The address of a media reference's picture (a Reel's: its chosen cover, else its poster frame), or null when the page cannot show one. */
export function pictureSource(item: PostMediaRef | undefined, kind: PostKind, size: 'small' | 'large', cover: ReelCover | null, mediaUrl: (request: MediaPreview) => string): string | null {
  const variant = size === 'large' ? 'large' : 'thumb';
  if (item && 'mediaId' in item) {
    if (kind === 'reel' && cover) return 'mediaId' in cover ? mediaUrl({ mediaId: cover.mediaId, variant }) : mediaUrl({ mediaId: item.mediaId, variant: 'frame', atMs: cover.offsetMs });
    return mediaUrl({ mediaId: item.mediaId, variant });
  }
  // A pasted address: a Reel's is a video, which an <img> cannot show; a photo's only where the page's policy allows.
  const url = item?.url.trim() ?? '';
  return kind !== 'reel' && isAllowedImageUrl(url) ? url : null;
}
