import { instagramLimits, reelProblems, videoCodecName, type Problem } from '../../src-shared/publishingRules';
import type { VideoProbe } from './probeVideo';

/**
 * What Instagram takes of a video's encoding (instagram-platform.md §6, Reels): H.264 here (HEVC is converted too:
 * H.264 is what every Instagram surface plays), 23–60 fps at a constant pace, AAC sound at most 48 kHz, at most
 * 25 Mbps, 300 MB and 1920 px wide, in MP4/MOV.
 */
export const instagramVideo = {
  minFrameRate: 23,
  maxFrameRate: 60,
  /** The pace a video over 60 fps (or under 23) is brought to. */
  fallbackFrameRate: 30,
  maxBitrate: 25_000_000,
  maxAudioSampleRate: 48_000,
  audioBitrate: 128_000,
  /** A converted video's long side, whatever the reason for converting it. */
  maxLongSide: 1920,
  /** Room left under 300 MB for the MP4's index and the encoder overshooting its average. */
  sizeHeadroom: 0.9,
} as const;

export type ConversionReasonCode = 'container' | 'video_codec' | 'frame_rate_high' | 'frame_rate_low' | 'frame_rate_variable' | 'audio_codec' | 'audio_sample_rate' | 'bitrate' | 'file_size' | 'too_wide';

export interface ConversionReason {
  code: ConversionReasonCode;
  /** What changes, as the composer shows it: "HEVC → H.264". */
  change: string;
  /** Why, as a sentence. */
  message: string;
}

/** What the converted file will be: the frame rate to force (null: keep the source's), and the video's bitrate ceiling. */
export interface ConversionTarget {
  frameRate: number | null;
  maxVideoBitrate: number;
}

export type VideoVerdict =
  | { kind: 'acceptable'; warnings: Problem[] }
  | { kind: 'convert'; reasons: ConversionReason[]; target: ConversionTarget; warnings: Problem[] }
  | { kind: 'unusable'; problems: Problem[] };

/** Problems a conversion fixes; any other error (too short, too long, an odd shape) makes the video unusable. */
const FIXED_BY_CONVERSION = new Set(['reel_codec_unsupported', 'reel_too_large', 'reel_too_wide', 'reel_index_at_end']);

const AUDIO_NAMES: Record<string, string> = { vorbis: 'Vorbis', 'mp4a.6b': 'MP3', 'mp4a.69': 'MP3', '.mp3': 'MP3', Opus: 'Opus', opus: 'Opus', 'ac-3': 'AC-3', 'ec-3': 'E-AC-3', alac: 'ALAC', lpcm: 'PCM', sowt: 'PCM', twos: 'PCM', ipcm: 'PCM', fLaC: 'FLAC' };
const VIDEO_NAMES: Record<string, string> = { mp4v: 'MPEG-4 Part 2', av01: 'AV1', vp09: 'VP9', vp08: 'VP8', apcn: 'ProRes', apch: 'ProRes', apcs: 'ProRes', apco: 'ProRes', ap4h: 'ProRes', jpeg: 'Motion JPEG', mjpa: 'Motion JPEG' };

/** AAC is `mp4a.40.*` (MPEG-4) or `mp4a.66`–`mp4a.68` (MPEG-2). */
export function isAac(codec: string): boolean {
  return /^mp4a\.(40(\.\d+)?|6[678])$/i.test(codec);
}

export function audioCodecName(codec: string): string {
  if (isAac(codec)) return 'AAC';
  return AUDIO_NAMES[codec] ?? AUDIO_NAMES[codec.slice(0, 4)] ?? (codec.slice(0, 4).toUpperCase() || 'unknown');
}

export function videoCodecLabel(codec: string): string {
  return videoCodecName(codec) ?? VIDEO_NAMES[codec.slice(0, 4)] ?? (codec.slice(0, 4).toUpperCase() || 'unknown');
}

const fps = (rate: number) => `${Number(rate.toFixed(2))} fps`;
const mbps = (bitsPerSecond: number) => `${Number((bitsPerSecond / 1_000_000).toFixed(1))} Mbps`;

/**
 * Whether Instagram takes a probed video as it is, needs it converted (and why), or cannot take it whatever
 * Postdeck does (too short, too long, a shape outside 0.01:1–10:1). `otherContainer` names a container that is
 * not MP4 or MOV ("WebM"); null for MP4 and MOV.
 */
export function videoVerdict(video: VideoProbe, otherContainer: string | null = null): VideoVerdict {
  const problems = reelProblems(video);
  const unfixable = problems.filter((problem) => problem.severity === 'error' && !FIXED_BY_CONVERSION.has(problem.code));
  if (unfixable.length > 0) return { kind: 'unusable', problems: unfixable };
  const target = conversionTarget(video);
  const reasons = conversionReasons(video, otherContainer, target);
  const warnings = problems.filter((problem) => problem.severity === 'warning' && !(reasons.length > 0 && FIXED_BY_CONVERSION.has(problem.code)));
  if (reasons.length === 0) return { kind: 'acceptable', warnings };
  return { kind: 'convert', reasons, target, warnings };
}

function conversionReasons(video: VideoProbe, otherContainer: string | null, converted: ConversionTarget): ConversionReason[] {
  const { streams } = video;
  const limits = instagramVideo;
  const reasons: ConversionReason[] = [];
  if (otherContainer) reasons.push({ code: 'container', change: `${otherContainer} → MP4`, message: `The file is ${otherContainer}; Instagram takes MP4 and MOV files only.` });
  const codec = videoCodecLabel(video.codec);
  if (codec !== 'H.264') reasons.push({ code: 'video_codec', change: `${codec} → H.264`, message: `The video is encoded as ${codec}; H.264 is what Instagram plays everywhere.` });
  const target = converted.frameRate;
  if (streams.frameRate > limits.maxFrameRate) {
    reasons.push({ code: 'frame_rate_high', change: `${fps(streams.frameRate)} → ${fps(target!)}`, message: `The video has ${fps(streams.frameRate)}; Instagram takes at most ${limits.maxFrameRate}.` });
  } else if (streams.frameRate < limits.minFrameRate) {
    reasons.push({ code: 'frame_rate_low', change: `${fps(streams.frameRate)} → ${fps(target!)}`, message: `The video has ${fps(streams.frameRate)}; Instagram takes at least ${limits.minFrameRate}.` });
  } else if (streams.variableFrameRate) {
    reasons.push({ code: 'frame_rate_variable', change: `variable → ${fps(target!)}`, message: 'The video’s frame rate varies; Instagram asks for a constant one.' });
  }
  if (streams.audio && !isAac(streams.audio.codec)) {
    const name = audioCodecName(streams.audio.codec);
    reasons.push({ code: 'audio_codec', change: `${name} → AAC`, message: `The sound is ${name}; Instagram takes AAC only.` });
  } else if (streams.audio && streams.audio.sampleRate > limits.maxAudioSampleRate) {
    reasons.push({ code: 'audio_sample_rate', change: `${streams.audio.sampleRate / 1000} kHz → 48 kHz`, message: `The sound is sampled at ${streams.audio.sampleRate / 1000} kHz; Instagram takes at most 48 kHz.` });
  }
  if (video.bytes > instagramLimits.reelMaxBytes) {
    reasons.push({ code: 'file_size', change: `${Math.round(video.bytes / 1_000_000)} MB → under 300 MB`, message: 'The file is larger than Instagram’s 300 MB.' });
  } else if (streams.bitrate > limits.maxBitrate) {
    reasons.push({ code: 'bitrate', change: `${mbps(streams.bitrate)} → at most 25 Mbps`, message: `The video has ${mbps(streams.bitrate)}; Instagram takes at most 25 Mbps.` });
  }
  if (video.width > instagramLimits.reelMaxWidth) {
    reasons.push({ code: 'too_wide', change: `${video.width}×${video.height} → 1080p`, message: `The video is ${video.width} pixels wide; Instagram takes at most ${instagramLimits.reelMaxWidth}.` });
  }
  return reasons;
}

/**
 * The pace: over 60 fps (or under 23) becomes 30; a variable pace becomes its average, rounded, within 23–60; a
 * steady pace Instagram takes is kept. The bitrate: at most 25 Mbps with the sound, and no more than fits 300 MB.
 */
export function conversionTarget(video: VideoProbe): ConversionTarget {
  const limits = instagramVideo;
  const rate = video.streams.frameRate;
  const frameRate =
    rate > limits.maxFrameRate || rate < limits.minFrameRate ? limits.fallbackFrameRate : video.streams.variableFrameRate ? Math.min(limits.maxFrameRate, Math.max(limits.minFrameRate + 1, Math.round(rate))) : null;
  const seconds = Math.max(1, video.durationMs / 1000);
  const fitsSize = (instagramLimits.reelMaxBytes * 8 * limits.sizeHeadroom) / seconds;
  return { frameRate, maxVideoBitrate: Math.floor(Math.min(limits.maxBitrate, fitsSize) - limits.audioBitrate) };
}

/** "HEVC → H.264, 120 fps → 30 fps": what a conversion changes, for the composer. */
export function conversionSummary(reasons: ReadonlyArray<Pick<ConversionReason, 'change'>>): string {
  return reasons.map((reason) => reason.change).join(', ');
}
