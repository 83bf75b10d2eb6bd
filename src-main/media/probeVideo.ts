import type { FileHandle } from 'node:fs/promises';
import { open, stat } from 'node:fs/promises';
import { createFile, MP4BoxBuffer, type ISOFile, type Movie } from 'mp4box';
import type { VideoFacts } from '../../src-shared/publishingRules';
import { MediaError } from './errors';
import { describeWithFfmpeg, type FfmpegOptions } from './ffmpeg';

/** What Instagram checks beyond the picture's size and length: how the video and sound are encoded. */
export interface VideoStreams {
  /** Frames per second on average. */
  frameRate: number;
  /** Frames that do not follow each other at one steady pace (phones slow down in low light). */
  variableFrameRate: boolean;
  /** The whole file's bits per second, sound included. */
  bitrate: number;
  /** The sound track's RFC 6381 codec string (`mp4a.40.2` is AAC) and sample rate; null when silent. */
  audio: { codec: string; sampleRate: number } | null;
}

export interface VideoProbe extends VideoFacts {
  streams: VideoStreams;
}

/** A frame whose duration differs from the usual one by more than this share does not keep the pace. */
const PACE_TOLERANCE = 0.1;
/** More off-pace frames than this share make a video variable frame rate; a dropped frame or two does not. */
const OFF_PACE_SHARE = 0.02;

/**
 * A 15-minute video's index (`moov`) is a few megabytes; a larger one is damaged or hostile, and reading it
 * whole would cost its declared size in memory and block the event loop while mp4box parses it.
 */
const MAX_INDEX_BYTES = 32 * 1024 * 1024;
/** Real files have a handful of top-level boxes, fragmented ones a few thousand; a file of tiny boxes is not a video. */
const MAX_TOP_LEVEL_BOXES = 20_000;

interface TopLevelBox {
  type: string;
  start: number;
  size: number;
}

/**
 * Duration, display size, codec and layout of an MP4/MOV, read from its `moov` box alone: no decoding,
 * no network, and a few reads however large the file is.
 */
export async function probeVideo(file: string): Promise<VideoProbe> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const boxes = await topLevelBoxes(handle, size);
    const moov = boxes.find((box) => box.type === 'moov');
    const mdat = boxes.find((box) => box.type === 'mdat');
    if (!moov || !mdat) throw new MediaError('media_damaged', 'The video has no index or no pictures.');
    const ftyp = boxes.find((box) => box.type === 'ftyp');
    const { movie, parser } = parseMovie(await readBox(handle, ftyp), await readBox(handle, moov));
    const track = movie.videoTracks[0];
    if (!track) throw new MediaError('media_unsupported_type', 'The file has no video track.');
    if (!movie.timescale || !movie.duration) throw new MediaError('media_damaged', 'The video has no duration.');
    // A phone records portrait as landscape plus "rotate 90°" in the track matrix; Instagram shows it turned.
    const [a, b] = track.matrix;
    const quarterTurn = a === 0 && b !== 0;
    const width = track.track_width || track.video?.width || 0;
    const height = track.track_height || track.video?.height || 0;
    if (!width || !height) throw new MediaError('media_damaged', 'The video has no picture size.');
    const durationMs = Math.round((movie.duration / movie.timescale) * 1000);
    const stts = parser.getTrackById(track.id)?.mdia?.minf?.stbl?.stts;
    const audio = movie.audioTracks[0];
    const streams: VideoStreams = {
      frameRate: track.samples_duration > 0 ? (track.nb_samples * track.timescale) / track.samples_duration : 0,
      variableFrameRate: stts ? isVariablePace(stts.sample_counts, stts.sample_deltas) : false,
      bitrate: durationMs > 0 ? Math.round((size * 8 * 1000) / durationMs) : 0,
      audio: audio ? { codec: audio.codec, sampleRate: audio.audio?.sample_rate ?? 0 } : null,
    };
    return {
      streams,
      durationMs,
      bytes: size,
      codec: track.codec,
      width: quarterTurn ? height : width,
      height: quarterTurn ? width : height,
      indexFirst: moov.start < mdat.start,
    };
  } finally {
    await handle.close();
  }
}

/** The file's top-level boxes; a box reaching past the end means the file was cut short. */
async function topLevelBoxes(handle: FileHandle, fileSize: number): Promise<TopLevelBox[]> {
  const boxes: TopLevelBox[] = [];
  const header = Buffer.alloc(16);
  for (let start = 0; start < fileSize; ) {
    const { bytesRead } = await handle.read(header, 0, 16, start);
    if (bytesRead < 8) throw new MediaError('media_damaged', 'The video ends in the middle of a box.');
    const type = header.toString('latin1', 4, 8);
    let size = header.readUInt32BE(0);
    if (size === 1) {
      if (bytesRead < 16) throw new MediaError('media_damaged', 'The video ends in the middle of a box.');
      size = Number(header.readBigUInt64BE(8));
    } else if (size === 0) {
      size = fileSize - start; // "to the end of the file"
    }
    if (size < 8 || start + size > fileSize) throw new MediaError('media_damaged', 'The video is cut short.');
    boxes.push({ type, start, size });
    if (boxes.length > MAX_TOP_LEVEL_BOXES) throw new MediaError('media_damaged', 'The video is made of more pieces than any real video has.');
    start += size;
  }
  return boxes;
}

async function readBox(handle: FileHandle, box: TopLevelBox | undefined): Promise<Uint8Array> {
  // Old QuickTime files have no `ftyp`; mp4box needs one, and "qt  " is what they are.
  if (!box) return Uint8Array.from([0, 0, 0, 16, ...Buffer.from('ftypqt  \0\0\0\0', 'latin1')]);
  if (box.size > MAX_INDEX_BYTES) throw new MediaError('media_damaged', `The video’s ${box.type} box claims ${Math.ceil(box.size / 1_000_000)} MB, more than any real video’s index.`);
  const bytes = new Uint8Array(box.size);
  await handle.read(bytes, 0, box.size, box.start);
  return bytes;
}

/**
 * Whether a track's frame durations (the `stts` run-length table: `counts[i]` frames of `deltas[i]` ticks) stray
 * from the most common one often enough to call it variable; the last frame's duration is often odd and is left out.
 */
export function isVariablePace(counts: readonly number[], deltas: readonly number[]): boolean {
  const runs = counts.map((count, index) => ({ count: index === counts.length - 1 ? count - 1 : count, delta: deltas[index]! })).filter((run) => run.count > 0);
  const frames = runs.reduce((sum, run) => sum + run.count, 0);
  if (frames === 0) return false;
  const byDelta = new Map<number, number>();
  for (const run of runs) byDelta.set(run.delta, (byDelta.get(run.delta) ?? 0) + run.count);
  const usual = [...byDelta].reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0];
  const offPace = runs.filter((run) => Math.abs(run.delta - usual) > usual * PACE_TOLERANCE).reduce((sum, run) => sum + run.count, 0);
  return offPace / frames > OFF_PACE_SHARE;
}

/** Feeds mp4box just `ftyp` and `moov`; sample offsets inside are wrong then, but nothing reads samples. */
function parseMovie(ftyp: Uint8Array, moov: Uint8Array): { movie: Movie; parser: ISOFile } {
  const joined = new Uint8Array(ftyp.length + moov.length);
  joined.set(ftyp, 0);
  joined.set(moov, ftyp.length);
  const parser = createFile();
  let movie: Movie | undefined;
  let failure: string | undefined;
  parser.onReady = (info) => (movie = info);
  parser.onError = (_module, message) => (failure = message);
  try {
    parser.appendBuffer(MP4BoxBuffer.fromArrayBuffer(joined.buffer, 0), true);
    parser.flush();
  } catch {
    failure ??= 'unreadable index';
  }
  if (!movie || failure) throw new MediaError('media_damaged', 'The video’s index cannot be read.');
  return { movie, parser };
}

/** FFmpeg's names for codecs, as the RFC 6381 strings mp4box gives for the same (what videoVerdict reads). */
const FFMPEG_VIDEO_CODECS: Record<string, string> = { h264: 'avc1', hevc: 'hvc1', vp9: 'vp09', vp8: 'vp08', av1: 'av01', mpeg4: 'mp4v', mjpeg: 'jpeg', prores: 'apcn' };
const FFMPEG_AUDIO_CODECS: Record<string, string> = { aac: 'mp4a.40.2', mp3: 'mp4a.6b', opus: 'Opus', vorbis: 'vorbis', flac: 'fLaC', ac3: 'ac-3', eac3: 'ec-3', alac: 'alac' };

/**
 * A video in a container mp4box cannot read (WebM, Matroska, AVI), from FFmpeg's own summary of it: the first
 * video stream's codec, size, rotation and frame rate, the first sound stream's codec and rate, and the length.
 * It goes to Instagram converted whatever it holds, so what matters is what the composer says and that it plays.
 */
export async function probeWithFfmpeg(file: string, options: FfmpegOptions = {}): Promise<VideoProbe> {
  const text = await describeWithFfmpeg(file, options);
  const duration = /Duration: (\d+):(\d\d):(\d\d(?:\.\d+)?)/.exec(text);
  const video = /Stream #\d+:\d+[^\n]*?: Video: (\w+)([^\n]*)/.exec(text);
  if (!video) throw new MediaError('media_unsupported_type', 'The file has no video track FFmpeg can read.');
  const size = /, (\d{2,5})x(\d{2,5})\b/.exec(video[2]!);
  if (!duration || !size) throw new MediaError('media_damaged', 'The video has no length or no picture size.');
  const durationMs = Math.round((Number(duration[1]) * 3600 + Number(duration[2]) * 60 + Number(duration[3])) * 1000);
  const rate = /, ([\d.]+) fps/.exec(video[2]!) ?? /, ([\d.]+) tbr/.exec(video[2]!);
  const rotation = /rotate\s*:\s*(-?\d+)|rotation of (-?[\d.]+) degrees/.exec(text);
  const quarterTurn = rotation ? Math.abs(Number(rotation[1] ?? rotation[2])) % 180 === 90 : false;
  const audio = /Stream #\d+:\d+[^\n]*?: Audio: (\w+)[^\n]*?, (\d+) Hz/.exec(text);
  const audioName = audio?.[1] ?? '';
  const { size: bytes } = await stat(file);
  const [width, height] = [Number(size[1]), Number(size[2])];
  return {
    durationMs,
    bytes,
    codec: FFMPEG_VIDEO_CODECS[video[1]!] ?? video[1]!,
    width: quarterTurn ? height : width,
    height: quarterTurn ? width : height,
    indexFirst: true,
    streams: {
      frameRate: rate ? Number(rate[1]) : 0,
      // FFmpeg's summary does not tell; the conversion makes the pace constant whatever it was.
      variableFrameRate: false,
      bitrate: durationMs > 0 ? Math.round((bytes * 8 * 1000) / durationMs) : 0,
      audio: audio ? { codec: FFMPEG_AUDIO_CODECS[audioName] ?? (audioName.startsWith('pcm_') ? 'lpcm' : audioName), sampleRate: Number(audio[2]) } : null,
    },
  };
}
