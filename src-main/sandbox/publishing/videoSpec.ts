/**
 * What Instagram's video processing refuses (fact sheet §6, Reels): a file it cannot read, a codec other than
 * H.264 or HEVC, under 23 or over 60 fps, a pace that is not constant, sound other than AAC or over 48 kHz, a
 * video track over 25 Mbps, wider than 1920 px, or a Reel outside 3 s–15 min (a Story video outside 3–60 s).
 * Instagram takes the container first and fails it while processing (ERROR, 2207026); so does the sandbox.
 */
import { createFile, MP4BoxBuffer, type ISOFile, type Movie, type Track } from 'mp4box';

const MIN_FPS = 23;
const MAX_FPS = 60;
const MAX_VIDEO_BITS_PER_SECOND = 25_000_000;
const MAX_AUDIO_SAMPLE_RATE = 48_000;
const MAX_WIDTH = 1920;
/** Frame durations spread wider than this share of their mean make a pace variable. */
const MAX_PACE_SPREAD = 0.2;
const DURATION_MS = { REELS: [3_000, 15 * 60_000], STORIES: [3_000, 60_000], VIDEO: [3_000, 15 * 60_000] } as const;

export type VideoKind = keyof typeof DURATION_MS;

/** Why Instagram's processing would refuse the video, or undefined when it takes it. */
export function videoSpecProblem(bytes: Uint8Array, kind: VideoKind): string | undefined {
  const parsed = parse(bytes);
  if (!parsed) return 'the file cannot be read as a video';
  const { movie, file } = parsed;
  const video = movie.videoTracks[0];
  if (!video) return 'the file has no video track';
  if (!/^(avc1|avc3|hvc1|hev1)/.test(video.codec)) return `video codec ${video.codec} (H.264 or HEVC only)`;
  const seconds = video.samples_duration / video.timescale;
  const fps = seconds > 0 ? video.nb_samples / seconds : 0;
  if (fps < MIN_FPS || fps > MAX_FPS) return `${fps.toFixed(2)} fps (${MIN_FPS}–${MAX_FPS} only)`;
  if (paceSpread(file, video) > MAX_PACE_SPREAD) return 'a variable frame rate (constant only)';
  if (video.bitrate > MAX_VIDEO_BITS_PER_SECOND) return `${Math.round(video.bitrate / 1_000_000)} Mbps (25 at most)`;
  if ((video.track_width || video.video?.width || 0) > MAX_WIDTH) return `wider than ${MAX_WIDTH} px`;
  const audio = movie.audioTracks[0];
  if (audio && !audio.codec.startsWith('mp4a.40')) return `audio codec ${audio.codec} (AAC only)`;
  if (audio && (audio.audio?.sample_rate ?? 0) > MAX_AUDIO_SAMPLE_RATE) return `audio at ${audio.audio?.sample_rate} Hz (48 kHz at most)`;
  const durationMs = (movie.duration / movie.timescale) * 1000;
  const [shortest, longest] = DURATION_MS[kind];
  if (durationMs < shortest || durationMs > longest) return `${(durationMs / 1000).toFixed(1)} s long (${shortest / 1000} s to ${longest / 60_000} min)`;
  return undefined;
}

function parse(bytes: Uint8Array): { movie: Movie; file: ISOFile } | undefined {
  const file = createFile();
  let movie: Movie | undefined;
  let failed = false;
  file.onReady = (info) => (movie = info);
  file.onError = () => (failed = true);
  try {
    const copy = bytes.slice().buffer;
    file.appendBuffer(MP4BoxBuffer.fromArrayBuffer(copy, 0), true);
    file.flush();
  } catch {
    return undefined;
  }
  return movie && !failed ? { movie, file } : undefined;
}

/** The standard deviation of the frame durations over their mean, from the track's time-to-sample table. */
function paceSpread(file: ISOFile, track: Track): number {
  const stts = file.getTrackById(track.id)?.mdia?.minf?.stbl?.stts;
  if (!stts || stts.sample_counts.length === 0) return 0;
  let frames = 0;
  let sum = 0;
  let squares = 0;
  stts.sample_counts.forEach((count, index) => {
    const delta = stts.sample_deltas[index]!;
    frames += count;
    sum += count * delta;
    squares += count * delta * delta;
  });
  const mean = sum / frames;
  return Math.sqrt(Math.max(0, squares / frames - mean * mean)) / mean;
}
