import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ffmpegPath, runFfmpeg } from '../../src-main/media/ffmpeg';

export interface TestVideo {
  /** 3 s by default: Instagram's shortest Reel. */
  seconds?: number;
  size?: string;
  /** Frames per second of the test pattern. */
  rate?: number;
  /** `libx264` unless told; `libx265` where the bundled FFmpeg has it (`hasEncoder`). */
  videoCodec?: string;
  /** A tone encoded with this codec (`aac`, `libmp3lame`); none when left out. */
  audioCodec?: string;
  /** The first second at half the pattern's rate (every other frame dropped, timestamps kept), the rest at its full rate. */
  variablePace?: boolean;
  /** `mp4` unless told (`mkv`...). */
  extension?: string;
}

/**
 * A small video made with the FFmpeg that ships with Postdeck, from its test pattern: what phones and editors
 * hand creators (HEVC, 120 fps, MP3 sound, a variable pace), a few kilobytes each.
 */
export async function makeTestVideo(dir: string, name: string, video: TestVideo = {}): Promise<string> {
  const { seconds = 3, size = '160x90', rate = 30, videoCodec = 'libx264', audioCodec, variablePace = false, extension = 'mp4' } = video;
  const file = join(dir, `${name}.${extension}`);
  await runFfmpeg(
    [
      '-f', 'lavfi', '-i', `testsrc=size=${size}:rate=${rate}:duration=${seconds}`,
      ...(audioCodec ? ['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=44100:duration=${seconds}`, '-c:a', audioCodec] : []),
      ...(variablePace ? ['-vf', "select='gte(t\\,1)+not(mod(n\\,2))'", '-vsync', 'vfr'] : []),
      '-c:v', videoCodec,
      ...(videoCodec === 'libx265' ? ['-tag:v', 'hvc1', '-x265-params', 'log-level=error'] : []),
      '-pix_fmt', 'yuv420p', '-preset', 'ultrafast',
      ...(extension === 'mp4' ? ['-movflags', '+faststart'] : []),
      '-y', file,
    ],
    { timeoutMs: 60_000 },
  );
  return file;
}

/** Whether the bundled FFmpeg was built with this encoder (`libx265` is not in every build). */
export async function hasEncoder(name: string): Promise<boolean> {
  const { stdout } = await promisify(execFile)(await ffmpegPath(), ['-hide_banner', '-encoders']);
  return new RegExp(`^\\s*\\S+\\s+${name}\\s`, 'm').test(stdout);
}
