import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join, relative, resolve, sep, isAbsolute } from 'node:path';
import sharp, { type OutputInfo } from 'sharp';
import { FRAME_STEP_MS, PREVIEW_MAX_SIDE, type MediaPreview } from '../../src-shared/mediaPreview';
import { PRIVATE_FOLDER_MODE } from '../config/privateFiles';
import type { MediaRecord } from '../db/mediaRepo';
import { MediaError } from './errors';
import { CONVERTED_FOLDER } from './library';
import { extractFrame, type FfmpegOptions } from './ffmpeg';

export interface PreviewFile {
  path: string;
  /** image/jpeg for a picture; a video's own type (video/mp4, video/quicktime) for the video itself. */
  contentType: string;
  bytes: number;
}

type PicturePreview = Exclude<MediaPreview, { variant: 'video' | 'link' }>;
/** What the library's own items are shown by; a link's picture is LinkPreviews' (linkPreviews.ts). */
type LibraryPreview = Exclude<MediaPreview, { variant: 'link' }>;

/**
 * Writes a picture (a file or fetched bytes) as a JPEG preview that fits in `side`, upright and on white, through a
 * partial file so a half-written preview is never served; the partial is removed when sharp fails.
 */
export async function writePicturePreview(input: string | Buffer, side: number, target: string): Promise<OutputInfo> {
  const partial = `${target}.partial.jpg`;
  try {
    const info = await sharp(input, { animated: false })
      .autoOrient()
      .resize(side, side, { fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 80, mozjpeg: true })
      .toFile(partial);
    await rename(partial, target);
    return info;
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

export interface MediaPreviewsOptions {
  /** The library's folder; pictures are cached in its `previews/` folder. */
  folder: string;
  find(id: string): MediaRecord | null;
  ffmpeg?: FfmpegOptions;
}

/** Pictures made at once; a cover strip asks for six frames together and each FFmpeg takes a core. */
const MAX_RENDERS = 2;

/**
 * Small pictures of the media library, made on first request and kept on disk beside the media, so a
 * list never loads full-size photos: photos resized by sharp, videos by a frame from FFmpeg (the poster,
 * or the moment a cover picker asks for). Only files the library recorded are read, and only inside its folder.
 */
export class MediaPreviews {
  private readonly folder: string;
  private readonly cacheFolder: string;
  private readonly inFlight = new Map<string, Promise<PreviewFile>>();
  private readonly waiting: Array<() => void> = [];
  private running = 0;

  constructor(private readonly options: MediaPreviewsOptions) {
    this.folder = resolve(options.folder);
    this.cacheFolder = join(this.folder, 'previews');
  }

  /** The picture's file, made now if it was not yet, or the video's own; `media_not_found` for an id the library does not know. */
  async file(preview: LibraryPreview): Promise<PreviewFile> {
    const record = this.options.find(preview.mediaId);
    if (!record) throw new MediaError('media_not_found');
    const source = this.insideFolder(record.storedFile);
    if (preview.variant === 'video') return this.video(record, source);
    const picture: PicturePreview = preview;
    const name = picture.variant === 'frame' ? `${record.id}-frame-${frameMs(record, picture.atMs)}.jpg` : `${record.id}-${picture.variant}.jpg`;
    const target = join(this.cacheFolder, name);
    const cached = await stat(target).catch(() => null);
    if (cached) return { path: target, contentType: 'image/jpeg', bytes: cached.size };
    let making = this.inFlight.get(target);
    if (!making) {
      making = this.limited(() => this.render(record, source, picture, target)).finally(() => this.inFlight.delete(target));
      this.inFlight.set(target, making);
    }
    return making;
  }

  /**
   * A video plays as it will be published, streamed by range: its conversion once made (an H.264 MP4, which
   * every browser plays), else the stored copy. A photo has no video.
   */
  private async video(record: MediaRecord, source: string): Promise<PreviewFile> {
    if (record.kind !== 'video') throw new MediaError('media_not_found');
    const converted = record.conversion?.state === 'done' && record.conversion.file ? this.insideFolder(record.conversion.file, CONVERTED_FOLDER) : null;
    const path = converted ?? source;
    const found = await stat(path).catch(() => null);
    if (!found?.isFile()) throw new MediaError('media_not_found');
    return { path, contentType: converted ? 'video/mp4' : record.mime, bytes: found.size };
  }

  /** A file's path, refused when the name would lead anywhere but the media folder itself (or the given sub-folder of it). */
  private insideFolder(storedFile: string, subfolder = ''): string {
    const folder = join(this.folder, subfolder);
    const path = resolve(this.folder, storedFile);
    const inside = relative(folder, path);
    if (inside === '' || inside.startsWith('..') || isAbsolute(inside) || inside.includes(sep)) throw new MediaError('media_not_found');
    return path;
  }

  private async render(record: MediaRecord, source: string, preview: PicturePreview, target: string): Promise<PreviewFile> {
    await mkdir(this.cacheFolder, { recursive: true, mode: PRIVATE_FOLDER_MODE });
    const side = PREVIEW_MAX_SIDE[preview.variant];
    if (record.kind === 'video') {
      const atMs = preview.variant === 'frame' ? frameMs(record, preview.atMs) : posterMs(record);
      await extractFrame(source, atMs, target, { maxSide: side, ...this.options.ffmpeg });
    } else {
      try {
        await writePicturePreview(source, side, target);
      } catch (error) {
        throw error instanceof MediaError ? error : new MediaError('media_damaged', String(error));
      }
    }
    const { size } = await stat(target);
    return { path: target, contentType: 'image/jpeg', bytes: size };
  }

  private async limited<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= MAX_RENDERS) await new Promise<void>((go) => this.waiting.push(go));
    this.running += 1;
    try {
      return await work();
    } finally {
      this.running -= 1;
      this.waiting.shift()?.();
    }
  }
}

/** A video's poster: a second in, past the black of a fade-in, or its middle when it is shorter. */
function posterMs(record: MediaRecord): number {
  return Math.min(1000, Math.floor((record.durationMs ?? 0) / 2));
}

/** A moment inside the video: one past its end shows its last picture. */
function frameMs(record: MediaRecord, atMs: number): number {
  const last = Math.max(0, (record.durationMs ?? 0) - FRAME_STEP_MS);
  return Math.min(atMs, last - (last % FRAME_STEP_MS));
}
