import { useEffect, useId, useState } from 'react';
import { FRAME_STEP_MS, snapFrameMs } from '../../../src-shared/mediaPreview';
import type { PostMediaRef, ReelCover } from '../../../src-shared/posts';
import { useStores } from '../../stores/context';
import { FilePicker } from './ImportedMedia';
import { MediaThumb } from './MediaThumb';
import { mediaName } from './mediaStore';
import { useMediaItems } from './useMediaItems';
import { formatMoment } from './PostMediaList';

/** Frames offered at a glance, spread evenly over the video. */
const STRIP_FRAMES = 6;
/** The big frame follows the scrubber once it rests this long, so a drag does not ask for every frame on the way. */
const SCRUB_SETTLE_MS = 150;

/**
 * A Reel's cover, as a creator picks one: Instagram's pick, a frame of the video (a strip of frames and
 * a scrubber, each with its time, and the chosen frame shown large), or a photo made into the video's shape.
 */
export function ReelCoverPicker({ video, value, error, onChange }: { video: PostMediaRef | undefined; value: ReelCover | null; error?: string | undefined; onChange(cover: ReelCover | null): void }) {
  const id = useId();
  const choice = value === null ? 'auto' : 'offsetMs' in value ? 'moment' : 'photo';
  const choices = [
    { key: 'auto', label: 'Instagram picks a frame', cover: null },
    { key: 'moment', label: 'A frame of the video', cover: { offsetMs: 0 } },
    { key: 'photo', label: 'A photo', cover: { mediaId: '' } },
  ] as const;
  return (
    <fieldset className="field field-wide choice-group reel-cover" aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="field-label">Cover</legend>
      <div className="choices">
        {choices.map((option) => (
          <label key={option.key} className={`choice${choice === option.key ? ' choice-chosen' : ''}`}>
            <input type="radio" name={`${id}-cover`} checked={choice === option.key} onChange={() => onChange(option.cover)} />
            {option.label}
          </label>
        ))}
      </div>
      {value && 'offsetMs' in value ? <FramePicker video={video} offsetMs={value.offsetMs} onChange={(offsetMs) => onChange({ offsetMs })} /> : null}
      {value && 'mediaId' in value ? <CoverPhoto video={video} photoId={value.mediaId} onChange={(mediaId) => onChange({ mediaId })} /> : null}
      {error ? (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

function FramePicker({ video, offsetMs, onChange }: { video: PostMediaRef | undefined; offsetMs: number; onChange(offsetMs: number): void }) {
  const { bridge } = useStores();
  const videoId = video && 'mediaId' in video ? video.mediaId : '';
  const item = useMediaItems(videoId ? [videoId] : [])[videoId];
  const [shownMs, setShownMs] = useState(offsetMs);
  useEffect(() => {
    const settle = setTimeout(() => setShownMs(offsetMs), SCRUB_SETTLE_MS);
    return () => clearTimeout(settle);
  }, [offsetMs]);

  // A linked video's frames cannot be read here: the moment is typed instead.
  if (!videoId || !item?.durationMs) {
    return (
      <label className="cover-moment">
        Seconds into the video{' '}
        <input type="number" min={0} step={0.1} value={offsetMs / 1000} onChange={(e) => onChange(Math.max(0, Math.round(Number(e.target.value) * 1000)))} />
        {videoId ? null : <span className="field-help"> Add the video from this computer to pick the frame by sight.</span>}
      </label>
    );
  }
  const last = Math.max(0, item.durationMs - FRAME_STEP_MS);
  const strip = Array.from({ length: STRIP_FRAMES }, (_, index) => Math.min(last, snapFrameMs((item.durationMs! * (index + 0.5)) / STRIP_FRAMES)));
  const frameUrl = (atMs: number) => bridge.mediaUrl({ mediaId: videoId, variant: 'frame', atMs });
  return (
    <div className="cover-frames">
      <div className="cover-strip" role="group" aria-label="Frames of the video">
        {strip.map((atMs) => (
          <button key={atMs} type="button" className="cover-frame" aria-pressed={offsetMs === atMs} onClick={() => onChange(atMs)}>
            <img src={frameUrl(atMs)} alt="" loading="lazy" />
            <span>{formatMoment(atMs)}</span>
          </button>
        ))}
      </div>
      <div className="cover-scrub">
        <img className="cover-chosen" src={frameUrl(shownMs)} alt={`The cover: the frame at ${formatMoment(shownMs)}`} />
        <label className="cover-scrub-control">
          <span>
            Frame at <output>{formatMoment(offsetMs)}</output> of {formatMoment(item.durationMs)}
          </span>
          <input type="range" min={0} max={last} step={FRAME_STEP_MS} value={Math.min(offsetMs, last)} aria-valuetext={formatMoment(offsetMs)} onChange={(e) => onChange(Number(e.target.value))} />
        </label>
      </div>
    </div>
  );
}

function CoverPhoto({ video, photoId, onChange }: { video: PostMediaRef | undefined; photoId: string; onChange(mediaId: string): void }) {
  const photo = useMediaItems(photoId ? [photoId] : [])[photoId];
  return (
    <div className="cover-photo">
      <FilePicker kind="image" multiple={false} onImported={(files) => onChange(files[0]!.item.id)} />
      {photoId ? (
        <p className="imported-line cover-photo-chosen">
          <MediaThumb item={video} kind="reel" cover={{ mediaId: photoId }} />
          <span>{photo ? `${mediaName(photo)} · shaped like the video` : 'The chosen photo'}</span>
        </p>
      ) : null}
    </div>
  );
}
