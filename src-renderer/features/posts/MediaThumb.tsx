import { useState } from 'react';
import { mediaUrlProblem } from '../../../src-shared/mediaHosting';
import type { PostKind, PostMediaRef } from '../../../src-shared/posts';

interface Props {
  item: PostMediaRef | undefined;
  kind: PostKind;
  size?: 'small' | 'large';
  /** A local preview of an imported photo (an object URL), when the composer has one. */
  preview?: string | null;
}

/**
 * A thumbnail of an image address. Reels, imported files and addresses the page may not load (the CSP
 * allows https: images only) get a labelled placeholder instead of a broken image.
 */
export function MediaThumb({ item, kind, size = 'small', preview = null }: Props) {
  const url = item && 'url' in item ? item.url.trim() : '';
  const [failedUrl, setFailedUrl] = useState<string | null>(null);
  if (preview) return <img className={`media-thumb media-thumb-${size}`} src={preview} alt="" />;
  const showImage = kind !== 'reel' && url !== '' && mediaUrlProblem(url) === null && failedUrl !== url;
  const className = `media-thumb media-thumb-${size}`;
  if (showImage) {
    return (
      <img className={className} src={url} alt="" loading="lazy" referrerPolicy="no-referrer" onError={() => setFailedUrl(url)} />
    );
  }
  const label = kind === 'reel' ? 'Reel' : item && 'mediaId' in item ? 'File' : url ? 'No preview' : 'No media';
  return (
    <span className={`${className} media-thumb-placeholder`} aria-hidden="true">
      {label}
    </span>
  );
}
