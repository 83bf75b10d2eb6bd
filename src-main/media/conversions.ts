import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { appError } from '../../src-shared/errors';
import type { Clock } from '../config/clock';
import type { EventBus } from '../config/events';
import { isFailure } from '../config/failure';
import type { Logger } from '../config/logger';
import { PRIVATE_FOLDER_MODE } from '../config/privateFiles';
import type { JobEnvironment, JobOutcome, JobRunner } from '../jobs/runner';
import { MediaError } from './errors';
import { convertVideo, type FfmpegOptions } from './ffmpeg';
import { CONVERTED_FOLDER, type MediaLibrary } from './library';
import { probeVideo } from './probeVideo';
import { instagramVideo, videoVerdict } from './videoVerdict';

export const CONVERT_JOB = 'media.convert';
const convertJobKey = (mediaId: string) => `${CONVERT_JOB}:${mediaId}`;
const convertPayload = z.object({ mediaId: z.string() });

/** However slow the computer, FFmpeg gets this long, or 20 times the video's length if longer; a hung one is stopped. */
const MIN_TIMEOUT_MS = 2 * 60_000;
const TIMEOUT_PER_VIDEO_MS = 20;

export interface VideoConversionsOptions {
  library: MediaLibrary;
  jobs: JobRunner;
  events: EventBus;
  clock: Clock;
  /** The app's mode: the job belongs to it, like every job. */
  environment: () => JobEnvironment;
  logger: Logger;
  /** Tests point at a stand-in FFmpeg. */
  ffmpeg?: Pick<FfmpegOptions, 'binary'>;
}

/**
 * Converts the videos Instagram would refuse as they are (videoVerdict.ts) into H.264/AAC MP4, in the background
 * job system, one at a time, in FFmpeg's own process so the main thread never waits on it. The result sits beside
 * the original in the media folder, named by the original's content hash, so the same video added twice is
 * converted once. The renderer hears each percent (`media.conversion`), then the end.
 */
export class VideoConversions {
  /** Who waits for a video's conversion to end (a post going out), by media id. */
  private readonly waiters = new Map<string, Array<() => void>>();
  private readonly logger: Logger;

  constructor(private readonly options: VideoConversionsOptions) {
    this.logger = options.logger.child('conversions');
    options.jobs.register<z.infer<typeof convertPayload>>(CONVERT_JOB, (job) => this.run(job.payload.mediaId), (raw) => convertPayload.parse(raw), { background: true, maxRunning: 1 });
  }

  /**
   * Books every conversion that has not ended and has no job: at start (a crash between recording a video and
   * booking its job) and after an import from another computer, whose converted files did not travel.
   */
  resumePending(): void {
    for (const mediaId of this.options.library.pendingConversions()) this.ensureBooked(mediaId);
  }

  schedule(mediaId: string): void {
    const { jobs, clock, environment } = this.options;
    jobs.schedule({ kind: CONVERT_JOB, key: convertJobKey(mediaId), dueAt: clock.now(), environment: environment(), payload: { mediaId } });
  }

  /** Resolves once the video can go online: at once when it needs no conversion, else when its conversion is done; a failed one is refused. */
  async ready(mediaId: string): Promise<void> {
    for (;;) {
      const conversion = this.options.library.get(mediaId).conversion;
      if (!conversion || conversion.state === 'done') return;
      if (conversion.state === 'failed') throw new MediaError('media_conversion_failed', conversion.error?.detail);
      const ended = new Promise<void>((resolve) => this.waiters.set(mediaId, [...(this.waiters.get(mediaId) ?? []), resolve]));
      this.ensureBooked(mediaId);
      await ended;
    }
  }

  private ensureBooked(mediaId: string): void {
    if (this.options.jobs.pending({ kind: CONVERT_JOB, keyPrefix: convertJobKey(mediaId) }).length === 0) this.schedule(mediaId);
  }

  private async run(mediaId: string): Promise<JobOutcome> {
    const { library } = this.options;
    const record = library.find(mediaId);
    if (record?.conversion?.state === 'pending') {
      try {
        const source = library.pathOf(record);
        const file = join(CONVERTED_FOLDER, `${await contentHash(source)}.mp4`);
        const outFile = join(library.folder, file);
        if (await exists(outFile)) {
          this.logger.info('video conversion reused', { mediaId, file });
        } else {
          await mkdir(dirname(outFile), { recursive: true, mode: PRIVATE_FOLDER_MODE });
          this.report(mediaId, 0);
          const durationMs = Math.max(1, record.durationMs ?? 1);
          let shown = 0;
          await convertVideo(source, outFile, {
            ...record.conversion.target,
            maxLongSide: instagramVideo.maxLongSide,
            timeoutMs: Math.max(MIN_TIMEOUT_MS, durationMs * TIMEOUT_PER_VIDEO_MS),
            ...this.options.ffmpeg,
            onProgress: (doneMs) => {
              // Whole percents only, and never 100 before the file is checked and kept.
              const percent = Math.min(99, Math.floor((doneMs / durationMs) * 100));
              if (percent > shown) this.report(mediaId, (shown = percent));
            },
          });
        }
        const converted = await probeVideo(outFile);
        const verdict = videoVerdict(converted);
        if (verdict.kind !== 'acceptable') {
          await rm(outFile, { force: true });
          const still = verdict.kind === 'unusable' ? verdict.problems.map((problem) => problem.message) : verdict.reasons.map((reason) => reason.message);
          throw new MediaError('media_conversion_failed', `The converted video would still be refused: ${still.join(' ')}`);
        }
        library.finishConversion(mediaId, { file, bytes: converted.bytes });
        this.logger.info('video converted', { mediaId, file, bytes: converted.bytes });
      } catch (error) {
        const detail = isFailure(error) ? (error.error.detail ?? error.message) : error instanceof Error ? error.message : String(error);
        library.finishConversion(mediaId, { error: appError('media_conversion_failed', detail) });
        this.logger.warn('video conversion failed', { mediaId, error: detail });
      }
      this.report(mediaId, null);
    }
    for (const wake of this.waiters.get(mediaId) ?? []) wake();
    this.waiters.delete(mediaId);
    return { done: true };
  }

  private report(mediaId: string, percent: number | null): void {
    const conversion = this.options.library.reportConversionProgress(mediaId, percent);
    if (conversion) this.options.events.emit('media.conversion', { mediaId, conversion });
  }
}

/** SHA-256 of a file's bytes, read as a stream. */
async function contentHash(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
