import { spawn } from 'node:child_process';
import { rename, rm } from 'node:fs/promises';
import { MediaError } from './errors';

/** Long enough for one frame of a 15-minute 4K video on a slow disk; a hung FFmpeg is killed after it. */
const DEFAULT_TIMEOUT_MS = 30_000;
/** The end of FFmpeg's own complaint, kept for the log and the error's detail. */
const STDERR_TAIL_CHARS = 2000;

/**
 * A path inside the packaged app's archive as the OS sees it: executables cannot run from inside
 * app.asar, so electron-builder unpacks them beside it (electron-builder.yml `asarUnpack`).
 */
export function unpackedPath(path: string): string {
  return path.replace(/([\\/])app\.asar([\\/])/, '$1app.asar.unpacked$2');
}

/**
 * The FFmpeg binary that ships with Postdeck (@ffmpeg-installer); never downloaded at run time. Loaded on
 * first use, so a platform without a build fails the video step that needs it, not the app's start.
 */
export async function ffmpegPath(): Promise<string> {
  try {
    const installer = (await import('@ffmpeg-installer/ffmpeg')) as { default: { path: string } };
    return unpackedPath(installer.default.path);
  } catch (error) {
    throw new MediaError('media_ffmpeg_failed', `FFmpeg is not installed with Postdeck on this computer: ${String(error)}`);
  }
}

export interface FfmpegOptions {
  timeoutMs?: number;
  /** Tests point at a stand-in binary. */
  binary?: string;
  /** How much of the input has been written out, in milliseconds, as FFmpeg reports it (`-progress`). */
  onProgress?: (doneMs: number) => void;
}

interface FfmpegRun {
  /** FFmpeg's exit code, null when it was killed. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/**
 * Starts FFmpeg with an argument list (no shell, so no file name is ever parsed as a command), keeps what
 * `keepStderr` keeps of its complaints, waits for it to exit and kills it after the timeout. Not starting and
 * taking too long are `media_ffmpeg_failed`; what its exit means is the caller's.
 */
async function spawnFfmpeg(args: readonly string[], options: FfmpegOptions, keepStderr: (kept: string, chunk: string) => string): Promise<FfmpegRun> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const binary = options.binary ?? (await ffmpegPath());
  const { onProgress } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    if (onProgress) followProgress(child.stdout, onProgress);
    else child.stdout.resume();
    let stderr = '';
    let timedOut = false;
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr = keepStderr(stderr, chunk);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new MediaError('media_ffmpeg_failed', `FFmpeg could not start: ${error.message}`));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (timedOut) reject(new MediaError('media_ffmpeg_failed', `FFmpeg took longer than ${Math.round(timeoutMs / 1000)} s and was stopped.`));
      else resolve({ code, signal, stderr });
    });
  });
}

/** Runs FFmpeg to make a file; any failure is `media_ffmpeg_failed` with the end of FFmpeg's own words. */
export async function runFfmpeg(args: readonly string[], options: FfmpegOptions = {}): Promise<void> {
  const progressArgs = options.onProgress ? ['-progress', 'pipe:1', '-nostats'] : [];
  const { code, signal, stderr } = await spawnFfmpeg(['-hide_banner', '-nostdin', '-loglevel', 'error', ...progressArgs, ...args], options, (kept, chunk) =>
    (kept + chunk).slice(-STDERR_TAIL_CHARS),
  );
  if (code !== 0) throw new MediaError('media_ffmpeg_failed', `FFmpeg ended with ${signal ?? `code ${code}`}: ${stderr.trim() || 'no message'}`);
}

/**
 * FFmpeg's `-progress` blocks of `key=value` lines; `out_time_us` is how far the output has got (older builds
 * also write it as `out_time_ms`, in microseconds all the same).
 */
function followProgress(stdout: NodeJS.ReadableStream, onProgress: (doneMs: number) => void): void {
  let pending = '';
  stdout.setEncoding('utf8');
  stdout.on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const match = /^out_time_(?:us|ms)=(\d+)$/.exec(line.trim());
      if (match) onProgress(Math.floor(Number(match[1]) / 1000));
    }
  });
}

export interface FrameOptions extends FfmpegOptions {
  /** The picture fits inside this square (its shape kept, never enlarged). */
  maxSide: number;
}

/** Runs FFmpeg writing `partial`, then renames it to `outFile`, so a stopped FFmpeg never leaves half a file; the partial goes on failure. */
async function runFfmpegInto(args: string[], partial: string, outFile: string, options: FfmpegOptions): Promise<void> {
  try {
    await runFfmpeg(args, options);
    await rename(partial, outFile);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

/**
 * One picture of a video at `atMs` as a JPEG, written beside `outFile` first and renamed, so a killed
 * FFmpeg never leaves half a picture to be served. FFmpeg applies the video's rotation itself.
 */
export async function extractFrame(video: string, atMs: number, outFile: string, options: FrameOptions): Promise<void> {
  const partial = `${outFile}.partial.jpg`;
  const side = Math.round(options.maxSide);
  const args = [
    // Before -i: seek by the index to the nearest keyframe, then decode to the exact moment.
    '-ss', (Math.max(0, atMs) / 1000).toFixed(3),
    '-i', video,
    '-frames:v', '1',
    '-vf', `scale=w='min(${side},iw)':h='min(${side},ih)':force_original_aspect_ratio=decrease`,
    '-q:v', '3',
    '-f', 'image2',
    '-y', partial,
  ];
  try {
    await runFfmpegInto(args, partial, outFile, options);
  } catch (error) {
    // FFmpeg exits 0 with no picture when the moment is past the last frame.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new MediaError('media_ffmpeg_failed', `The video has no picture at ${atMs} ms.`);
    throw error;
  }
}

export interface VideoConversionOptions extends FfmpegOptions {
  /** The frame rate to force; null keeps the source's (steady) pace. */
  frameRate: number | null;
  /** The video's bitrate ceiling, in bits per second. */
  maxVideoBitrate: number;
  /** The converted picture's long side at most (its shape kept, never enlarged). */
  maxLongSide: number;
}

/**
 * A video as Instagram takes it (instagram-platform.md §6): H.264 High, 4:2:0, a constant frame rate, AAC at
 * 48 kHz and 128 kbps, its index first (`faststart`), written beside `outFile` first and renamed, so a
 * stopped FFmpeg never leaves half a video to be hosted. FFmpeg applies the source's rotation itself.
 */
export async function convertVideo(source: string, outFile: string, options: VideoConversionOptions): Promise<void> {
  const partial = `${outFile}.partial.mp4`;
  // Shrinks so the long side fits, to even sizes (4:2:0 needs them); the commas are escaped inside the expression.
  const scale = `min(1\\,${options.maxLongSide}/max(iw\\,ih))`;
  const kbps = Math.max(1, Math.floor(options.maxVideoBitrate / 1000));
  const args = [
    '-i', source,
    // The first picture track, and the first sound track when there is one.
    '-map', '0:v:0', '-map', '0:a:0?',
    '-c:a', 'aac', '-b:a', '128k', '-ar', '48000',
    '-vf', `scale=w=trunc(iw*${scale}/2)*2:h=trunc(ih*${scale}/2)*2,setsar=1`,
    ...(options.frameRate ? ['-r', String(options.frameRate)] : []),
    '-vsync', 'cfr',
    '-c:v', 'libx264', '-profile:v', 'high', '-pix_fmt', 'yuv420p', '-preset', 'veryfast', '-crf', '21',
    '-maxrate', `${kbps}k`, '-bufsize', `${kbps * 2}k`,
    '-movflags', '+faststart',
    '-map_metadata', '-1',
    '-f', 'mp4',
    '-y', partial,
  ];
  await runFfmpegInto(args, partial, outFile, options);
}

/**
 * What FFmpeg says of a file it opens (`ffmpeg -i`, which ends with "At least one output file must be specified"):
 * its own summary of the container and streams, for the formats mp4box cannot read (WebM, Matroska, AVI).
 */
export async function describeWithFfmpeg(file: string, options: FfmpegOptions = {}): Promise<string> {
  // The summary comes first; a damaged file's endless complaints after it are not kept.
  const { stderr } = await spawnFfmpeg(['-hide_banner', '-nostdin', '-i', file], options, (kept, chunk) => (kept.length < 64_000 ? kept + chunk : kept));
  return stderr;
}
