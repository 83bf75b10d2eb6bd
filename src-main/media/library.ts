import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { chmod, mkdir, open, readdir, rename, rm, stat, writeFile, type FileHandle } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { AppError } from '../../src-shared/errors';
import type { VideoConversionView } from '../../src-shared/media';
import { aspectOf, coverOffsetProblem, imageAspectProblem, nearestFeedAspect, type AspectFit, type Problem } from '../../src-shared/publishingRules';
import type { Clock } from '../config/clock';
import type { Logger } from '../config/logger';
import { PRIVATE_FILE_MODE, PRIVATE_FOLDER_MODE, restrictTreeToOwner } from '../config/privateFiles';
import { openRegularFile } from '../config/regularFile';
import type { Database } from '../db/database';
import { MediaRepo, type MediaConversion, type MediaKind, type MediaRecord } from '../db/mediaRepo';
import { MediaError, mediaErrorFromFs } from './errors';
import { renderInstagramJpeg, type PreparedImage } from './prepare';
import { convertHeicToJpeg, probeImage } from './probeImage';
import { probeVideo, probeWithFfmpeg } from './probeVideo';
import { SNIFF_BYTES, sniffType, type SniffedType } from './sniff';
import { conversionSummary, videoVerdict } from './videoVerdict';

/** What `media.import` answers: the library's record without where and how the copy is stored. */
export type MediaItem = Pick<MediaRecord, 'id' | 'kind' | 'width' | 'height' | 'bytes' | 'durationMs' | 'warnings'> & { name: string; conversion: VideoConversionView | null };

/** The folder, inside the media folder, of converted videos, named by their original's content hash. */
export const CONVERTED_FOLDER = 'converted';

export interface MediaLibraryOptions {
  db: Database;
  /** Postdeck's data folder; media live in `<dataDir>/media`. */
  dataDir: string;
  clock: Clock;
  logger: Logger;
  newId?: () => string;
  /** A video Instagram would refuse as it is was added: start converting it (media/conversions.ts). */
  onNeedsConversion?: (mediaId: string) => void;
}

export type ReelCoverChoice = { offsetMs: number } | { imageId: string; fit?: AspectFit };
export type ReelCover = { thumbOffsetMs: number } | { image: PreparedImage };

/** What probing a file finds: the record's measured fields, and the file to keep. */
type Probed = Omit<MediaRecord, 'id' | 'originalName' | 'storedFile' | 'createdAt'> & {
  /** The upload itself, or its JPEG when it was a HEIC. */
  file: string;
  extension: string;
};

const EXTENSIONS: Record<SniffedType, string> = { jpeg: 'jpg', png: 'png', webp: 'webp', heic: 'jpg', mp4: 'mp4', mov: 'mov', webm: 'webm', mkv: 'mkv', avi: 'avi' };
const VIDEO_MIME = { mp4: 'video/mp4', mov: 'video/quicktime', webm: 'video/webm', mkv: 'video/x-matroska', avi: 'video/x-msvideo' } as const;
/** Containers Instagram does not take, which mp4box cannot read: FFmpeg reads them, and they go out converted to MP4. */
const OTHER_CONTAINERS: Partial<Record<SniffedType, string>> = { webm: 'WebM', mkv: 'Matroska', avi: 'AVI' };
const MAX_NAME_LENGTH = 255;
const KINDS: Record<SniffedType, MediaKind> = { jpeg: 'image', png: 'image', webp: 'image', heic: 'image', mp4: 'video', mov: 'video', webm: 'video', mkv: 'video', avi: 'video' };
/**
 * The largest file Postdeck copies in, refused before copying: a video over Instagram's 300 MB is converted
 * to fit, and 2 GB is about 15 minutes of a phone's 4K; a photo is made into Instagram's 8 MiB JPEG, and 50 MB
 * is far more than any camera writes.
 */
const SOURCE_MAX_BYTES: Record<MediaKind, number> = { image: 50_000_000, video: 2_000_000_000 };

/**
 * Postdeck's own copies of the photos and videos a creator adds. Importing copies (never moves) the
 * file, checks it against what Instagram takes, and records it; a file that fails leaves nothing behind.
 */
export class MediaLibrary {
  readonly folder: string;
  private readonly preparedFolder: string;
  private readonly repo: MediaRepo;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly newId: () => string;
  private readonly onNeedsConversion: (mediaId: string) => void;
  /** How far each conversion running now is, in percent; what is not running is not here. */
  private readonly converting = new Map<string, number>();

  constructor(options: MediaLibraryOptions) {
    this.folder = join(options.dataDir, 'media');
    this.preparedFolder = join(this.folder, 'prepared');
    this.repo = new MediaRepo(options.db);
    this.clock = options.clock;
    this.logger = options.logger.child('media');
    this.newId = options.newId ?? randomUUID;
    this.onNeedsConversion = options.onNeedsConversion ?? (() => undefined);
  }

  /** A file the user picked (open dialog, drag and drop). */
  async import(sourcePath: string): Promise<MediaItem> {
    const source = await openRegularFile(sourcePath).catch((error: unknown) => {
      throw mediaErrorFromFs(error);
    });
    try {
      const { size } = await source.stat();
      const limit = sourceLimit(await readHead(source), size);
      // Read from the handle that was checked, never the path again; a file growing meanwhile stops at the limit.
      return await this.store(basename(sourcePath), async (target) => {
        await pipeline(source.createReadStream({ start: 0, end: limit, autoClose: false }), createWriteStream(target, { flags: 'wx', mode: PRIVATE_FILE_MODE }));
        if ((await stat(target)).size > limit) throw new MediaError('media_file_too_large', 'The file grew while it was being added.');
      });
    } finally {
      await source.close();
    }
  }

  /** A file the browser host received as an upload. */
  async importBytes(name: string, bytes: Uint8Array): Promise<MediaItem> {
    sourceLimit(bytes.subarray(0, SNIFF_BYTES), bytes.length);
    return this.store(basename(name.replaceAll('\\', '/')), (target) => writeFile(target, bytes, { flag: 'wx', mode: PRIVATE_FILE_MODE }));
  }

  /** Owner-only like the database: at start, for what an older version copied in under the umask. */
  restrictToOwner(): void {
    restrictTreeToOwner(this.folder);
  }

  /** The items the library knows among `ids`, in that order. */
  describe(ids: readonly string[]): MediaItem[] {
    return ids.flatMap((id) => {
      const record = this.repo.get(id);
      return record ? [this.itemOf(record)] : [];
    });
  }

  /** The conversion as the composer shows it: waiting its turn, so far, converted, or why it failed. */
  conversionView(record: MediaRecord): VideoConversionView | null {
    const conversion = record.conversion;
    if (!conversion) return null;
    const base = { summary: conversionSummary(conversion.reasons), reasons: conversion.reasons.map((reason) => reason.message) };
    if (conversion.state === 'done') return { ...base, state: 'converted', percent: 100 };
    if (conversion.state === 'failed') return { ...base, state: 'failed', percent: null, ...(conversion.error ? { error: shortError(conversion.error) } : {}) };
    const percent = this.converting.get(record.id);
    return percent === undefined ? { ...base, state: 'waiting', percent: null } : { ...base, state: 'converting', percent };
  }

  /** A conversion's progress (null: it ended, either way); the view to tell the renderer. */
  reportConversionProgress(id: string, percent: number | null): VideoConversionView | null {
    if (percent === null) this.converting.delete(id);
    else this.converting.set(id, percent);
    return this.conversionView(this.get(id));
  }

  /** Records how a conversion ended: the converted file (inside the media folder), or the failure that refuses the video. */
  finishConversion(id: string, outcome: { file: string; bytes: number } | { error: AppError }): void {
    const record = this.get(id);
    if (!record.conversion) return;
    this.converting.delete(id);
    if ('file' in outcome) {
      this.repo.setConversion(id, { ...record.conversion, state: 'done', file: outcome.file, bytes: outcome.bytes }, record.warnings);
      return;
    }
    const refusal: Problem = { code: 'video_conversion_failed', severity: 'error', message: `${outcome.error.message} ${outcome.error.action ?? ''}`.trim() };
    this.repo.setConversion(id, { ...record.conversion, state: 'failed', error: outcome.error }, [...record.warnings.filter((warning) => warning.code !== refusal.code), refusal]);
  }

  /** Videos whose conversion has not ended yet. */
  pendingConversions(): string[] {
    return this.repo.pendingConversions();
  }

  /** The record, or null when there is none (a post's checks ask without expecting it). */
  find(id: string): MediaRecord | null {
    return this.repo.get(id);
  }

  get(id: string): MediaRecord {
    const record = this.repo.get(id);
    if (!record) throw new MediaError('media_not_found');
    return record;
  }

  pathOf(record: MediaRecord): string {
    return join(this.folder, record.storedFile);
  }

  /**
   * The JPEG to give Instagram for a photo. `aspect` defaults to the photo's own, moved into
   * Instagram's 4:5–1.91:1; a carousel passes `carouselAspect(first)` for every photo.
   */
  async prepareImage(id: string, options: { fit: AspectFit; aspect?: number; maxBytes?: number }): Promise<PreparedImage> {
    const record = this.recordOfKind(id, 'image');
    const aspect = nearestFeedAspect(options.aspect ?? aspectOf(record));
    await mkdir(this.preparedFolder, { recursive: true, mode: PRIVATE_FOLDER_MODE });
    const outFile = join(this.preparedFolder, `${record.id}-${options.fit}-${aspect.toFixed(4)}.jpg`);
    return renderInstagramJpeg(this.pathOf(record), record, outFile, { aspect, fit: options.fit, ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}) });
  }

  /**
   * The file to put online for Instagram: a photo as its prepared JPEG (cropped or padded into range, to the
   * aspect of `aspectOf` when given, as a carousel's images follow its first), a video as it is.
   */
  async instagramFile(id: string, options: { fit: AspectFit; aspectOf?: string } = { fit: 'crop' }): Promise<{ path: string; contentType: string; bytes: number }> {
    const record = this.get(id);
    if (record.kind === 'video') return this.instagramVideo(record);
    const leader = options.aspectOf ? this.get(options.aspectOf) : null;
    const prepared = await this.prepareImage(id, { fit: options.fit, ...(leader && leader.kind === 'image' ? { aspect: aspectOf(leader) } : {}) });
    return { path: prepared.file, contentType: 'image/jpeg', bytes: prepared.bytes };
  }

  /** The video as it is, or its conversion; one not converted yet is not ready to go online. */
  private instagramVideo(record: MediaRecord): { path: string; contentType: string; bytes: number } {
    const conversion = record.conversion;
    if (!conversion) return { path: this.pathOf(record), contentType: record.mime, bytes: record.bytes };
    if (conversion.state === 'done' && conversion.file && conversion.bytes) return { path: join(this.folder, conversion.file), contentType: 'video/mp4', bytes: conversion.bytes };
    throw new MediaError('media_conversion_failed', conversion.state === 'pending' ? 'The video has not been converted yet.' : conversion.error?.detail);
  }

  /** A Reel's cover: a moment of the video (`thumb_offset`), or a photo made into a JPEG of the video's shape (`cover_url`). */
  async prepareReelCover(videoId: string, cover: ReelCoverChoice): Promise<ReelCover> {
    const video = this.recordOfKind(videoId, 'video');
    if ('offsetMs' in cover) {
      const problem = coverOffsetProblem(cover.offsetMs, video.durationMs ?? 0);
      if (problem) throw new MediaError('media_cover_invalid', problem.message, [problem]);
      return { thumbOffsetMs: cover.offsetMs };
    }
    const image = this.recordOfKind(cover.imageId, 'image');
    await mkdir(this.preparedFolder, { recursive: true, mode: PRIVATE_FOLDER_MODE });
    const outFile = join(this.preparedFolder, `${video.id}-cover-${image.id}.jpg`);
    return { image: await renderInstagramJpeg(this.pathOf(image), image, outFile, { aspect: aspectOf(video), fit: cover.fit ?? 'crop' }) };
  }

  /**
   * Removes what an import cut short by a crash left in the folder: temporary copies, and a copy
   * renamed into place whose row was never written. Call once at start, before any import.
   */
  async removeUnfinishedImports(): Promise<number> {
    const names = await readdir(this.folder, { withFileTypes: true }).catch(() => []);
    // A file's id is its name up to the first "."; temporary copies start with "." so have none.
    const unfinished = names.filter((entry) => entry.isFile() && !this.repo.get(entry.name.split('.')[0]!));
    await Promise.all(unfinished.map((entry) => rm(join(this.folder, entry.name), { force: true })));
    return unfinished.length;
  }

  private itemOf(record: MediaRecord): MediaItem {
    const { id, originalName, kind, width, height, bytes, durationMs, warnings } = record;
    return { id, name: originalName, kind, width, height, bytes, durationMs, warnings, conversion: this.conversionView(record) };
  }

  private recordOfKind(id: string, kind: MediaKind): MediaRecord {
    const record = this.get(id);
    if (record.kind !== kind) throw new MediaError('media_wrong_kind');
    return record;
  }

  /** Writes the bytes beside the library under a temporary name, probes that copy, then keeps or removes it. */
  private async store(originalName: string, write: (target: string) => Promise<void>): Promise<MediaItem> {
    await mkdir(this.folder, { recursive: true, mode: PRIVATE_FOLDER_MODE });
    const id = this.newId();
    const incoming = join(this.folder, `.${id}.incoming`);
    const leftovers = [incoming, `${incoming}.jpg`];
    try {
      await write(incoming);
      const { file, extension, ...measured } = await this.probe(incoming);
      const storedFile = `${id}.${extension}`;
      leftovers.push(join(this.folder, storedFile));
      await chmod(file, PRIVATE_FILE_MODE); // a HEIC's JPEG was written by sharp, under the umask
      await rename(file, join(this.folder, storedFile));
      const record: MediaRecord = { id, originalName: originalName.slice(0, MAX_NAME_LENGTH) || storedFile, storedFile, ...measured, createdAt: this.clock.now() };
      await rm(incoming, { force: true }); // the HEIC original, once its JPEG is kept
      this.repo.insert(record);
      this.logger.info('media imported', { id, kind: record.kind, bytes: record.bytes, warnings: record.warnings.map((warning) => warning.code), converting: record.conversion?.reasons.map((reason) => reason.code) });
      if (record.conversion) this.onNeedsConversion(id);
      return this.itemOf(record);
    } catch (error) {
      await Promise.all(leftovers.map((file) => rm(file, { force: true })));
      const mapped = mediaErrorFromFs(error);
      this.logger.warn('media import refused', { error: mapped });
      throw mapped;
    }
  }

  private async probe(file: string): Promise<Probed> {
    const type = sniffType(await readHeadOf(file));
    if (!type) throw new MediaError('media_unsupported_type');
    if (type === 'mp4' || type === 'mov' || type === 'webm' || type === 'mkv' || type === 'avi') {
      const otherContainer = OTHER_CONTAINERS[type] ?? null;
      const video = otherContainer ? await probeWithFfmpeg(file) : await probeVideo(file);
      const verdict = videoVerdict(video, otherContainer);
      if (verdict.kind === 'unusable') throw new MediaError('media_refused', verdict.problems.map((problem) => problem.message).join(' '), verdict.problems);
      const conversion: MediaConversion | null = verdict.kind === 'convert' ? { state: 'pending', reasons: verdict.reasons, target: verdict.target } : null;
      const { width, height, bytes, durationMs, codec } = video; // what the record keeps of the probe
      return { kind: 'video', file, extension: EXTENSIONS[type], mime: VIDEO_MIME[type], width, height, bytes, durationMs, codec, warnings: verdict.warnings, conversion };
    }
    const kept = type === 'heic' ? `${file}.jpg` : file;
    const image = type === 'heic' ? await convertHeicToJpeg(file, kept) : await probeImage(file);
    const warnings: Problem[] = [];
    if (type === 'heic') {
      warnings.push({ code: 'image_heic_converted', severity: 'warning', message: 'This HEIC photo was converted to JPEG, the format Instagram takes.' });
    }
    const aspectProblem = imageAspectProblem(image);
    if (aspectProblem) warnings.push(aspectProblem);
    const { size: bytes } = await stat(kept);
    return { kind: 'image', file: kept, extension: EXTENSIONS[type], mime: image.mime, width: image.width, height: image.height, bytes, durationMs: null, codec: null, warnings, conversion: null };
  }
}

/** FFmpeg's complaint can run to pages: the composer shows its first line, the log keeps it whole. */
function shortError(error: AppError): AppError {
  const firstLine = error.detail?.split('\n')[0]?.slice(0, 200);
  const { detail: _detail, ...rest } = error;
  return firstLine ? { ...rest, detail: firstLine } : rest;
}

async function readHeadOf(file: string): Promise<Uint8Array> {
  const handle = await open(file, 'r');
  try {
    return await readHead(handle);
  } finally {
    await handle.close();
  }
}

async function readHead(handle: FileHandle): Promise<Uint8Array> {
  const head = new Uint8Array(SNIFF_BYTES);
  const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0);
  return head.subarray(0, bytesRead);
}

/** The most bytes a file of this type may have; refuses one that has more, or is no type Postdeck takes. */
function sourceLimit(head: Uint8Array, size: number): number {
  const type = sniffType(head);
  if (!type) throw new MediaError('media_unsupported_type');
  const kind = KINDS[type];
  const limit = SOURCE_MAX_BYTES[kind];
  if (size > limit) throw new MediaError('media_file_too_large', `This ${kind === 'video' ? 'video' : 'photo'} is ${Math.ceil(size / 1_000_000).toLocaleString('en-US')} MB.`);
  return limit;
}
