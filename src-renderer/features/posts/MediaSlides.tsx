import { useId, useRef, useState } from 'react';
import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type Announcements, type DragEndEvent } from '@dnd-kit/core';
import { arrayMove, SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import type { PostKind, PostMediaRef } from '../../../src-shared/posts';
import { formatAspect, instagramLimits } from '../../../src-shared/publishingRules';
import type { ComposerForm, FormProblems } from './composerForm';
import { mediaForKind, tagsOnPhotos } from './composerForm';
import { FilePicker, ImportedFileDetails, type ImportedFile } from './ImportedMedia';
import { MediaThumb } from './MediaThumb';
import { useLinkPicture } from './useLinkPicture';
import { previewAspect } from './PostPreview';
import { isPhoto } from './tagging';
import { PhotoTagList } from './UserTagLayer';

interface Props {
  form: ComposerForm;
  problems: FormProblems;
  imported: Record<string, ImportedFile>;
  onImported(files: ImportedFile[]): void;
  onChange(media: PostMediaRef[]): void;
}

/**
 * Stable keys for the slides while they are added, removed and reordered (media refs have no id of their
 * own, and two slides may hold the same address). Kept the same length as the list.
 */
function useSlideKeys(count: number) {
  const made = useRef(0);
  const fresh = () => `slide-${made.current++}`;
  const [keys, setKeys] = useState<string[]>(() => Array.from({ length: count }, fresh));
  if (keys.length !== count) {
    const fitted = [...keys.slice(0, count), ...Array.from({ length: Math.max(0, count - keys.length) }, fresh)];
    setKeys(fitted);
    return { keys: fitted, setKeys };
  }
  return { keys, setKeys };
}

/** The post's media: one for an image or a Reel; for a carousel, slides in order, reordered by drag, keys or buttons. */
export function MediaSlides({ form, problems, imported, onImported, onChange }: Props) {
  const media = mediaForKind(form.kind, form.media);
  const carousel = form.kind === 'carousel';
  const { keys, setKeys } = useSlideKeys(media.length);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));
  const position = (key: string | number) => keys.indexOf(String(key)) + 1;
  const announcements: Announcements = {
    onDragStart: ({ active }) => `Picked up slide ${position(active.id)}. Arrow keys move it, Space drops it, Escape cancels.`,
    onDragOver: ({ active, over }) => (over ? `Slide ${position(active.id)} is over position ${position(over.id)}.` : `Slide ${position(active.id)} is no longer over a position.`),
    onDragEnd: ({ active, over }) => (over ? `Slide ${position(active.id)} dropped at position ${position(over.id)}.` : `Slide ${position(active.id)} dropped.`),
    onDragCancel: ({ active }) => `Moving slide ${position(active.id)} was cancelled.`,
  };

  const move = (from: number, to: number) => {
    if (to < 0 || to >= media.length || from === to) return;
    setKeys(arrayMove(keys, from, to));
    onChange(arrayMove(media, from, to));
  };
  const remove = (index: number) => {
    setKeys(keys.filter((_, i) => i !== index));
    onChange(media.filter((_, i) => i !== index));
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (over) move(keys.indexOf(String(active.id)), keys.indexOf(String(over.id)));
  };

  const first = media[0];
  const firstFile = first && 'mediaId' in first ? imported[first.mediaId] : undefined;
  const slides = media.map((item, index) => (
    <Slide
      key={keys[index]}
      id={keys[index]!}
      item={item}
      index={index}
      count={media.length}
      kind={form.kind}
      file={'mediaId' in item ? imported[item.mediaId] : undefined}
      problem={problems[`media:${index}`]}
      onChange={(changed) => onChange(media.map((current, i) => (i === index ? changed : current)))}
      onMove={(to) => move(index, to)}
      onRemove={carousel && media.length > instagramLimits.carouselMinItems ? () => remove(index) : null}
    />
  ));
  const id = useId();
  return (
    <fieldset className="field field-wide media-fields" aria-describedby={problems.media ? `${id}-error` : undefined}>
      <legend className="field-label">{carousel ? 'Slides' : 'Media'}</legend>
      {problems.media ? (
        <p id={`${id}-error`} className="field-error">
          {problems.media}
        </p>
      ) : null}
      <p className="field-help">
        {form.kind === 'reel'
          ? 'An MP4 or MOV video (3 seconds to 15 minutes): a file, or its public https:// address.'
          : form.kind === 'story'
            ? 'One photo, or one MP4 or MOV video of 3 to 60 seconds, shown full screen (9:16 fits best): a file, or its public https:// address.'
            : carousel
            ? `${instagramLimits.carouselMinItems} to ${instagramLimits.carouselMaxItems} photos or videos, in order: files, or public https:// addresses. Drag a slide by its handle, or use its arrows, to reorder.`
            : 'A photo (JPEG, PNG, WebP or HEIC, made into a JPEG for Instagram), or the public https:// address of a JPEG.'}
      </p>
      <FilePicker kind={form.kind} multiple={carousel} onImported={onImported} />
      {carousel ? (
        <>
          <p className="slides-shape" role="note">
            Every slide takes slide 1’s shape
            {firstFile?.item.kind === 'image' ? ` (${formatAspect(previewAspect('carousel', firstFile.item))})` : ''}: put first the photo whose shape the
            others should follow.
          </p>
          <DndContext sensors={sensors} collisionDetection={closestCenter} accessibility={{ announcements }} onDragEnd={onDragEnd}>
            <SortableContext items={keys} strategy={verticalListSortingStrategy}>
              <ol className="slides">{slides}</ol>
            </SortableContext>
          </DndContext>
        </>
      ) : (
        <ol className="slides">{slides}</ol>
      )}
      {carousel && media.length < instagramLimits.carouselMaxItems ? (
        <div>
          <button type="button" className="button button-secondary" onClick={() => onChange([...media, { url: '' }])}>
            Add a slide
          </button>
        </div>
      ) : null}
    </fieldset>
  );
}

interface SlideProps {
  id: string;
  item: PostMediaRef;
  index: number;
  count: number;
  kind: PostKind;
  file: ImportedFile | undefined;
  problem: string | undefined;
  onChange(item: PostMediaRef): void;
  onMove(to: number): void;
  onRemove: (() => void) | null;
}

function Slide(props: SlideProps) {
  const { kind } = props;
  // Sorting needs the carousel's DndContext; a single photo or Reel has nothing to reorder.
  return kind === 'carousel' ? <SortableSlide {...props} /> : <SlideBody {...props} />;
}

function SortableSlide(props: SlideProps) {
  const { id, index, count, onMove, onRemove } = props;
  const sortable = useSortable({ id });
  const n = index + 1;
  return (
    <SlideBody
      {...props}
      ref={sortable.setNodeRef}
      style={{ transform: CSS.Translate.toString(sortable.transform), transition: sortable.transition }}
      dragging={sortable.isDragging}
      handle={
        <button
          type="button"
          ref={sortable.setActivatorNodeRef}
          className="slide-handle"
          aria-label={`Drag slide ${n} to reorder`}
          {...sortable.attributes}
          {...sortable.listeners}
        >
          <span aria-hidden="true">⠿</span>
        </button>
      }
      tools={
        <div className="slide-tools">
          <button type="button" className="icon-button" aria-label={`Move slide ${n} earlier`} disabled={index === 0} onClick={() => onMove(index - 1)}>
            <span aria-hidden="true">↑</span>
          </button>
          <button type="button" className="icon-button" aria-label={`Move slide ${n} later`} disabled={index === count - 1} onClick={() => onMove(index + 1)}>
            <span aria-hidden="true">↓</span>
          </button>
          {onRemove ? (
            <button type="button" className="icon-button" aria-label={`Remove slide ${n}`} onClick={onRemove}>
              <span aria-hidden="true">✕</span>
            </button>
          ) : null}
        </div>
      }
    />
  );
}

function SlideBody(
  props: SlideProps & {
    ref?: (node: HTMLElement | null) => void;
    style?: React.CSSProperties;
    dragging?: boolean;
    handle?: React.ReactNode;
    tools?: React.ReactNode;
  },
) {
  const { item, index, kind, file, problem, onChange, ref, style, dragging, handle, tools } = props;
  const id = useId();
  const link = useLinkPicture('url' in item && kind !== 'reel' ? item.url.trim() : null);
  const carousel = kind === 'carousel';
  const n = index + 1;
  // Instagram takes alt text for feed photos only, never for videos, Reels or Stories.
  const photo = kind !== 'reel' && kind !== 'story' && (file ? file.item.kind === 'image' : 'url' in item ? isPhoto(item, null) : true);
  const photoName = carousel ? `slide ${n}` : 'the photo';
  return (
    <li ref={ref} style={style} className={`slide${dragging ? ' slide-dragging' : ''}`}>
      {handle}
      <MediaThumb item={item} kind={kind} preview={file?.preview ?? null} />
      <div className="media-input">
        {carousel ? <span className="field-label">Slide {n}</span> : null}
        {'url' in item ? (
          <>
            <label htmlFor={`${id}-url`}>Media URL {n}</label>
            <input
              id={`${id}-url`}
              type="url"
              inputMode="url"
              placeholder="https://"
              value={item.url}
              aria-invalid={problem ? true : undefined}
              aria-describedby={[problem ? `${id}-error` : '', link?.state === 'failed' ? `${id}-link` : ''].join(' ').trim() || undefined}
              onChange={(e) => onChange({ ...item, url: e.target.value })}
            />
          </>
        ) : (
          <>
            <ImportedFileDetails mediaId={item.mediaId} file={file} fit={item.fit} feed={kind !== 'story'} onFit={(fit) => onChange({ ...item, fit })} />
            <div>
              <button type="button" className="button button-quiet" onClick={() => onChange({ url: '', ...(item.altText ? { altText: item.altText } : {}) })}>
                Use a link instead
              </button>
            </div>
          </>
        )}
        {problem ? (
          <p id={`${id}-error`} className="field-error">
            {problem}
          </p>
        ) : null}
        {link?.state === 'failed' ? (
          <p id={`${id}-link`} className="field-help">
            {link.sentence}
          </p>
        ) : null}
        {photo ? (
          <div className="slide-alt">
            <label htmlFor={`${id}-alt`}>{carousel ? `Alt text for slide ${n}` : 'Alt text'}</label>
            <input
              id={`${id}-alt`}
              value={item.altText ?? ''}
              maxLength={1000}
              placeholder="Describe the photo for people who use screen readers"
              onChange={(e) => onChange({ ...item, altText: e.target.value })}
            />
          </div>
        ) : null}
        {photo && tagsOnPhotos(kind) ? <PhotoTagList tags={item.userTags ?? []} photoName={photoName} onChange={(userTags) => onChange({ ...item, userTags })} /> : null}
      </div>
      {tools}
    </li>
  );
}
