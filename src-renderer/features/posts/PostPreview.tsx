import { useRef, useState } from 'react';
import type { CSSProperties, KeyboardEvent } from 'react';
import type { Account } from '../../../src-shared/models';
import { isAllowedImageUrl } from '../../../src-shared/csp';
import type { PhotoUserTag, PostKind, PostMediaRef, ReelCover } from '../../../src-shared/posts';
import { nearestFeedAspect, type Size } from '../../../src-shared/publishingRules';
import { Avatar } from '../../components/Avatar';
import type { ImportedFile } from './ImportedMedia';
import { MediaThumb } from './MediaThumb';
import { playsAsVideo, ReelVideo } from './ReelVideo';
import { isPhoto } from './tagging';
import { UserTagLayer } from './UserTagLayer';
import { useLinkPicture } from './useLinkPicture';
import type { MediaItem } from './mediaStore';
import { useMediaItems } from './useMediaItems';

const REEL_ASPECT = 9 / 16;
/** Instagram's feed default, for a first photo whose size is not known (yet). */
const UNKNOWN_ASPECT = 4 / 5;
/** Instagram cuts a caption after about this many characters (or its second line) with "… more". */
export const CAPTION_PREVIEW_CHARACTERS = 125;

/**
 * The shape Instagram gives the post: 9:16 for a Reel; otherwise the first photo's own shape, brought into
 * 4:5–1.91:1 (by its crop or pad, both of which end at the nearest allowed shape). Every slide takes it.
 */
export function previewAspect(kind: PostKind, first: Size | null): number {
  // A Story fills the phone's screen, like a Reel.
  if (kind === 'reel' || kind === 'story') return REEL_ASPECT;
  return first ? nearestFeedAspect(first.width / first.height) : UNKNOWN_ASPECT;
}

/** The caption as the feed shows it before "more": up to the second line break, at most 125 characters. */
export function collapsedCaption(caption: string): string | null {
  const secondBreak = caption.split('\n', 2).join('\n').length;
  const cut = Math.min(secondBreak, CAPTION_PREVIEW_CHARACTERS);
  return cut < caption.trimEnd().length ? caption.slice(0, cut).trimEnd() : null;
}

interface Slide {
  item: PostMediaRef | undefined;
  file: ImportedFile | undefined;
  /** A photo the page can show at full size and measure: a file's local preview, or an address the page may load. */
  photo: string | null;
  /** Shown as a playing video (a Reel, a Story's video). */
  video: boolean;
}

function slideOf(kind: PostKind, item: PostMediaRef | undefined, imported: Record<string, ImportedFile>, library: Record<string, MediaItem | null>): Slide {
  const file = item && 'mediaId' in item ? imported[item.mediaId] : undefined;
  const mediaKind = file?.item.kind ?? (item && 'mediaId' in item ? library[item.mediaId]?.kind : undefined);
  const url = item && 'url' in item ? item.url.trim() : '';
  // An address the page may not load is shown by its picture as Postdeck fetched it (MediaThumb asks for it).
  const linked = kind !== 'reel' && isAllowedImageUrl(url) ? url : null;
  return { item, file, photo: file ? (file.item.kind === 'image' ? file.preview : null) : linked, video: playsAsVideo(kind, mediaKind) };
}

interface Props {
  kind: PostKind;
  media: PostMediaRef[];
  caption: string;
  firstComment: string;
  account: Account | undefined;
  imported: Record<string, ImportedFile>;
  /** A Reel's chosen cover, which the feed shows until it plays. */
  reelCover: ReelCover | null;
  /** Given on a photo post: clicking a photo tags someone at that spot. */
  onTagsChange?: ((index: number, tags: PhotoUserTag[]) => void) | undefined;
}

/** How a slide's photo takes tags: its name in labels, and where its changed tags go. */
interface Tagging {
  photoName: string;
  onChange(tags: PhotoUserTag[]): void;
}

/** The post as it will look in the feed: the account, the media in its shape, the caption and the first comment. */
export function PostPreview({ kind, media, caption, firstComment, account, imported, reelCover, onTagsChange }: Props) {
  // Files imported before this composer opened (editing a post): the library knows their size and kind.
  const library = useMediaItems(media.flatMap((item) => ('mediaId' in item && !imported[item.mediaId] ? [item.mediaId] : [])));
  const slides = (media.length > 0 ? media : [undefined]).map((item) => slideOf(kind, item, imported, library));
  /** Sizes of linked photos, learnt as they load (an imported file's size is known from the import). */
  const [loaded, setLoaded] = useState<Record<string, Size>>({});
  const first = slides[0]!;
  const firstId = first.item && 'mediaId' in first.item ? first.item.mediaId : '';
  const taggingOf = (slide: Slide, index: number): Tagging | null => {
    const { item } = slide;
    if (!onTagsChange || !item || (kind !== 'image' && kind !== 'carousel')) return null;
    if (!isPhoto(item, slide.file?.item ?? ('mediaId' in item ? library[item.mediaId] : null))) return null;
    return { photoName: slides.length > 1 ? `slide ${index + 1}` : 'the photo', onChange: (tags) => onTagsChange(index, tags) };
  };
  const firstLink = useLinkPicture(first.item && 'url' in first.item && kind !== 'reel' ? first.item.url.trim() : null);
  const firstSize = first.file?.item ?? library[firstId] ?? (first.photo ? loaded[first.photo] : undefined) ?? (firstLink?.state === 'ready' ? firstLink : null);
  const aspect = previewAspect(kind, firstSize);
  const username = account?.username ?? 'your.account';
  const onLoad = (src: string, size: Size) => setLoaded((known) => (known[src] ? known : { ...known, [src]: size }));
  return (
    <div className={`preview preview-${kind}`}>
      <div className="preview-head">
        {account ? <Avatar account={account} size={32} /> : <span className="avatar avatar-32 avatar-fallback" aria-hidden="true" />}
        <span className="preview-user">{account ? account.username : 'Choose an account'}</span>
        {kind === 'reel' ? <span className="preview-badge">Reel</span> : kind === 'story' ? <span className="preview-badge">Story</span> : null}
      </div>
      <div className="preview-frame" data-aspect={aspect.toFixed(3)} style={{ '--aspect': aspect } as CSSProperties}>
        {slides.length > 1 ? (
          <Carousel slides={slides} kind={kind} onLoad={onLoad} taggingOf={taggingOf} />
        ) : (
          <SlideView slide={first} kind={kind} cover={reelCover} onLoad={onLoad} tagging={taggingOf(first, 0)} />
        )}
      </div>
      {kind === 'story' ? (
        <p className="preview-caption muted">Instagram shows no caption on a Story.</p>
      ) : (
        <>
          <PreviewActions />
          <PreviewCaption username={username} caption={caption} />
          {firstComment.trim() ? (
            <p className="preview-comment">
              <strong>{username}</strong> {firstComment.trim()}
            </p>
          ) : null}
        </>
      )}
    </div>
  );
}

/** A Reel or a Story's video playing; a photo cropped or padded as it will be; another video (or a file known only by id) as its picture; on a photo, its tags. */
function SlideView(props: { slide: Slide; kind: PostKind; cover?: ReelCover | null; onLoad(src: string, size: Size): void; tagging: Tagging | null }) {
  const { slide, tagging } = props;
  const layer = tagging ? <UserTagLayer tags={slide.item?.userTags ?? []} photoName={tagging.photoName} onChange={tagging.onChange} /> : null;
  return (
    <>
      <SlidePicture {...props} />
      {layer}
    </>
  );
}

function SlidePicture({ slide, kind, cover = null, onLoad }: { slide: Slide; kind: PostKind; cover?: ReelCover | null; onLoad(src: string, size: Size): void }) {
  const { item, photo } = slide;
  if (slide.video) return <ReelVideo kind={kind === 'story' ? 'story' : 'reel'} item={item} cover={cover} className="preview-picture" />;
  if (!photo) return <MediaThumb item={item} kind={kind} size="large" alt={item?.altText ?? null} cover={cover} />;
  // Instagram shows a Story photo whole on the screen; a feed photo takes its crop or pad.
  const fit = kind === 'story' ? 'pad' : item && 'mediaId' in item ? (item.fit ?? 'crop') : 'crop';
  return (
    <img
      className={`preview-picture preview-picture-${fit}`}
      src={photo}
      alt={item?.altText ?? ''}
      referrerPolicy="no-referrer"
      onLoad={(e) => onLoad(photo, { width: e.currentTarget.naturalWidth, height: e.currentTarget.naturalHeight })}
    />
  );
}

/** Slides side by side: swiped (scroll snapping), or moved with the arrows, the dots and the arrow keys. */
function Carousel({ slides, kind, onLoad, taggingOf }: { slides: Slide[]; kind: PostKind; onLoad(src: string, size: Size): void; taggingOf(slide: Slide, index: number): Tagging | null }) {
  const track = useRef<HTMLDivElement>(null);
  const [current, setCurrent] = useState(0);
  const shown = Math.min(current, slides.length - 1);
  const go = (index: number) => {
    const next = Math.max(0, Math.min(slides.length - 1, index));
    setCurrent(next);
    track.current?.scrollTo({ left: next * track.current.clientWidth, behavior: 'smooth' });
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      event.preventDefault();
      go(shown + (event.key === 'ArrowRight' ? 1 : -1));
    }
  };
  return (
    <div className="preview-carousel" role="group" aria-roledescription="carousel" aria-label="Slides" onKeyDown={onKeyDown}>
      <div
        ref={track}
        className="preview-track"
        tabIndex={0}
        aria-label={`Slide ${shown + 1} of ${slides.length}; arrow keys change slides`}
        onScroll={(e) => setCurrent(Math.round(e.currentTarget.scrollLeft / Math.max(1, e.currentTarget.clientWidth)))}
      >
        {slides.map((slide, index) => (
          <div key={index} className="preview-slide" aria-hidden={index !== shown}>
            <SlideView slide={slide} kind={kind} onLoad={onLoad} tagging={taggingOf(slide, index)} />
          </div>
        ))}
      </div>
      <span className="preview-count" aria-hidden="true">
        {shown + 1}/{slides.length}
      </span>
      {shown > 0 ? (
        <button type="button" className="preview-arrow preview-arrow-back" aria-label="Previous slide" onClick={() => go(shown - 1)}>
          ‹
        </button>
      ) : null}
      {shown < slides.length - 1 ? (
        <button type="button" className="preview-arrow preview-arrow-next" aria-label="Next slide" onClick={() => go(shown + 1)}>
          ›
        </button>
      ) : null}
      <div className="preview-dots">
        {slides.map((_, index) => (
          <button
            key={index}
            type="button"
            className="preview-dot"
            aria-label={`Slide ${index + 1}`}
            aria-current={index === shown ? 'true' : undefined}
            onClick={() => go(index)}
          />
        ))}
      </div>
    </div>
  );
}

function PreviewCaption({ username, caption }: { username: string; caption: string }) {
  const [expanded, setExpanded] = useState(false);
  if (!caption.trim()) return <p className="preview-caption muted">Your caption appears here.</p>;
  const collapsed = expanded ? null : collapsedCaption(caption);
  return (
    <p className="preview-caption">
      <strong>{username}</strong> {collapsed ?? caption}
      {collapsed !== null ? (
        <>
          …{' '}
          <button type="button" className="preview-more" onClick={() => setExpanded(true)}>
            more
          </button>
        </>
      ) : null}
    </p>
  );
}

/** Like, comment, share and save, drawn as Instagram does; decoration only. */
function PreviewActions() {
  return (
    <div className="preview-actions" aria-hidden="true">
      <svg viewBox="0 0 24 24">
        <path d="M12 20.5s-7.5-4.6-7.5-10.1A4.4 4.4 0 0 1 12 7.6a4.4 4.4 0 0 1 7.5 2.8c0 5.5-7.5 10.1-7.5 10.1z" />
      </svg>
      <svg viewBox="0 0 24 24">
        <path d="M20.5 11.6a8.5 8.5 0 1 1-3.3-6.7 8.5 8.5 0 0 1 3.3 6.7zM20.5 20.5l-2-4.4" />
      </svg>
      <svg viewBox="0 0 24 24">
        <path d="M21.5 3.5 10 13M21.5 3.5 14.5 21l-4.5-8-7.5-4z" />
      </svg>
      <svg className="preview-save" viewBox="0 0 24 24">
        <path d="M19 21l-7-6-7 6V3.5h14z" />
      </svg>
    </div>
  );
}
