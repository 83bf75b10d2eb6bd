import { useId, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { DragEvent } from 'react';
import type { AppError } from '../../../src-shared/errors';
import type { VideoConversionView } from '../../../src-shared/media';
import type { PostKind } from '../../../src-shared/posts';
import { formatAspect, nearestFeedAspect, type AspectFit } from '../../../src-shared/publishingRules';
import { ErrorNotice } from '../../components/ErrorNotice';
import { usePosts, useStores } from '../../stores/context';
import { mediaName, type MediaItem } from './mediaStore';
import { useMediaItems } from './useMediaItems';

/** What the composer knows of a file it imported: the library's answer and a local preview (object URL). */
export interface ImportedFile {
  item: MediaItem;
  preview: string | null;
}

const PHOTOS = 'image/jpeg,image/png,image/webp,image/heic,image/heif';
// WebM, MKV and AVI go to Instagram converted to MP4; browsers often give MKV no type, hence the extensions.
const VIDEOS = 'video/mp4,video/quicktime,video/webm,video/x-matroska,video/x-msvideo,.mkv,.webm,.avi';
const ACCEPT: Record<PostKind, string> = { image: PHOTOS, carousel: `${PHOTOS},${VIDEOS}`, reel: VIDEOS, story: `${PHOTOS},${VIDEOS}` };

/** "sunset.jpg · 2.4 MB · Photo · 2400×3000" (a video adds its length). */
export function describeItem(item: MediaItem): string {
  const duration = item.durationMs !== null ? ` · ${(item.durationMs / 1000).toFixed(1)} s` : '';
  return `${mediaName(item)} · ${item.kind === 'video' ? 'Video' : 'Photo'} · ${item.width}×${item.height}${duration}`;
}

/**
 * Files into the composer: a button that opens the system's file picker and a drop zone, both handing
 * File objects to the posts store (a path on the desktop, an upload on the browser host). Busy and failed
 * imports say so in place.
 */
export function FilePicker({ kind, multiple, onImported }: { kind: PostKind; multiple: boolean; onImported(files: ImportedFile[]): void }) {
  const importFile = usePosts((s) => s.importFile);
  const { media } = useStores();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(0);
  const [error, setError] = useState<AppError | null>(null);
  const [over, setOver] = useState(false);

  async function importAll(files: File[]) {
    setError(null);
    setBusy(files.length);
    const done: ImportedFile[] = [];
    for (const file of files) {
      const result = await importFile(file);
      setBusy((n) => n - 1);
      if (!result.ok) {
        setError(result.error);
        continue;
      }
      media.getState().remember(result.value);
      done.push({ item: result.value, preview: file.type.startsWith('image/') && !/hei[cf]/.test(file.type) ? URL.createObjectURL(file) : null });
    }
    setBusy(0);
    if (done.length > 0) onImported(done);
  }

  const drop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const files = [...event.dataTransfer.files];
    if (files.length > 0) void importAll(multiple ? files : files.slice(0, 1));
  };

  return (
    <div
      className={`drop-zone${over ? ' drop-zone-over' : ''}`}
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
    >
      <input
        ref={input}
        type="file"
        // The button below is the control people use; the input stays out of the tab order, named for assistive tech.
        tabIndex={-1}
        aria-label={multiple ? 'Files to import' : 'File to import'}
        className="visually-hidden"
        accept={ACCEPT[kind]}
        multiple={multiple}
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          event.target.value = '';
          if (files.length > 0) void importAll(files);
        }}
      />
      <button type="button" className="button button-secondary" disabled={busy > 0} onClick={() => input.current?.click()}>
        {busy > 0 ? `Importing ${busy === 1 ? 'a file' : `${busy} files`}…` : multiple ? 'Choose files…' : 'Choose a file…'}
      </button>
      <span className="muted">or drop {multiple ? 'files' : 'a file'} here</span>
      {error ? <ErrorNotice error={error} onDismiss={() => setError(null)} /> : null}
    </div>
  );
}

/**
 * An imported file in its slot: what it is, Instagram's warnings, and for a photo outside 4:5–1.91:1 the
 * choice between cropping and padding, with a preview of the one chosen (the box has the shape Instagram
 * will get). A warning that asks for a choice goes away once it is made. `feed`: false for a Story, which
 * Instagram shows whole on the screen whatever its shape, so there is nothing to crop or pad.
 */
export function ImportedFileDetails(props: { mediaId: string; file: ImportedFile | undefined; fit: AspectFit | undefined; feed: boolean; onFit(fit: AspectFit): void }) {
  const { mediaId, file, fit, feed, onFit } = props;
  const id = useId();
  const { bridge, media } = useStores();
  // A post opened for editing: its files were imported earlier, so the library names them.
  const known = useMediaItems(file ? [] : [mediaId])[mediaId];
  const liveConversion = useStore(media, (state) => state.conversions[mediaId]);
  if (!file && !known) return <p className="muted">{known === null ? 'This file is no longer in Postdeck’s media library.' : 'Loading…'}</p>;
  const item = file?.item ?? known!;
  const conversion = liveConversion ?? item.conversion;
  // The library's own picture when the browser cannot show the file itself (HEIC) or it was imported earlier.
  const preview = file?.preview ?? bridge.mediaUrl({ mediaId, variant: 'large' });
  const needsFit = feed && item.warnings.some((warning) => warning.choices?.includes('crop'));
  const target = nearestFeedAspect(item.width / item.height);
  // A failed conversion says why below, in full.
  const open = item.warnings.filter((warning) => !(warning.choices && (fit || !feed)) && !(conversion && warning.code === 'video_conversion_failed'));
  return (
    <div className="imported">
      <p className="imported-line">{describeItem(item)}</p>
      {conversion ? <ConversionStatus conversion={conversion} /> : null}
      {open.map((warning) => (
        <p key={warning.code} className={warning.severity === 'error' && !warning.choices ? 'field-error' : 'field-warning'}>
          {warning.message}
        </p>
      ))}
      {needsFit ? (
        <fieldset className="choice-group">
          <legend className="field-label">Bring it to {formatAspect(target)}</legend>
          <div className="choices">
            {(['crop', 'pad'] as const).map((choice) => (
              <label key={choice} className={`choice${fit === choice ? ' choice-chosen' : ''}`}>
                <input type="radio" name={`${id}-fit`} value={choice} checked={fit === choice} onChange={() => onFit(choice)} />
                {choice === 'crop' ? 'Crop the edges' : 'Pad with white borders'}
              </label>
            ))}
          </div>
          {fit ? (
            <div className={`fit-preview fit-preview-${fit}`} style={{ aspectRatio: String(target) }} aria-label={`Preview: ${fit === 'crop' ? 'cropped' : 'padded'}`} role="img">
              <img src={preview} alt="" />
            </div>
          ) : null}
        </fieldset>
      ) : null}
    </div>
  );
}

/** A video Instagram would refuse as it is: waiting, "Converting for Instagram… 43 %", "Converted (HEVC → H.264)", or why it could not be. */
function ConversionStatus({ conversion }: { conversion: VideoConversionView }) {
  const why = conversion.reasons.join(' ');
  if (conversion.state === 'failed') return conversion.error ? <ErrorNotice error={conversion.error} /> : null;
  if (conversion.state === 'converted') {
    return (
      <p className="conversion conversion-done" title={why}>
        Converted ({conversion.summary})
      </p>
    );
  }
  const percent = conversion.percent ?? 0;
  return (
    <div className="conversion" title={why}>
      <p className="conversion-line" aria-live="polite">
        {conversion.state === 'waiting' ? `Waiting to convert for Instagram (${conversion.summary})` : `Converting for Instagram… ${percent} %`}
      </p>
      <progress className="conversion-progress" max={100} value={percent} aria-label="Conversion for Instagram" />
    </div>
  );
}
