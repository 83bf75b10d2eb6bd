import { altTextOf, type Post, type PostMediaRef } from '../../../src-shared/posts';
import { MediaThumb } from './MediaThumb';
import { playsAsVideo, ReelVideo } from './ReelVideo';
import { mediaName, type MediaItem } from './mediaStore';
import { useMediaItems } from './useMediaItems';

/** A post's media on its page: each picture (a Reel's or a Story's video, playable) with its file's name and size (or the address it was given), and a Reel's cover. */
export function PostMediaList({ post }: { post: Post }) {
  const cover = post.kind === 'reel' ? post.reelCover : null;
  const ids = [...post.media.flatMap((item) => ('mediaId' in item ? [item.mediaId] : [])), ...(cover && 'mediaId' in cover ? [cover.mediaId] : [])];
  const items = useMediaItems(ids);
  return (
    <>
      <ol className="media-list">
        {post.media.map((item, index) => (
          <li key={index}>
            {playsAsVideo(post.kind, 'mediaId' in item ? items[item.mediaId]?.kind : undefined) ? (
              <ReelVideo kind={post.kind === 'story' ? 'story' : 'reel'} item={item} cover={cover} className="media-reel-video" />
            ) : (
              <MediaThumb item={item} kind={post.kind} alt={altTextOf(post, index)} />
            )}
            <span className="media-facts">
              <span className="media-address">{refName(item, items)}</span>
              {altTextOf(post, index) ? <span className="muted">Alt text: {altTextOf(post, index)}</span> : null}
            </span>
          </li>
        ))}
      </ol>
      {cover ? (
        <div className="media-list">
          <h4 className="media-cover-title">Cover</h4>
          <p className="media-cover">
            <MediaThumb item={post.media[0]} kind="reel" cover={cover} />
            <span className="media-address">{'offsetMs' in cover ? `The frame at ${formatMoment(cover.offsetMs)}` : refName(cover, items)}</span>
          </p>
        </div>
      ) : null}
    </>
  );
}

/** How a media reference is named: the pasted address, or the imported file's name and size. */
function refName(item: PostMediaRef | { mediaId: string }, items: Record<string, MediaItem | null>): string {
  if ('url' in item) return item.url;
  const known = items[item.mediaId];
  if (known === undefined) return 'A file from this computer';
  return known ? mediaName(known) : 'A file no longer in Postdeck’s media library';
}

/** A moment of a video as a creator reads it: "0:03.2". */
export function formatMoment(ms: number): string {
  const tenths = Math.round(ms / 100);
  const minutes = Math.floor(tenths / 600);
  const seconds = (tenths % 600) / 10;
  return `${minutes}:${seconds.toFixed(1).padStart(4, '0')}`;
}
