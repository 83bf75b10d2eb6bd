import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { convertVideo, runFfmpeg } from '../src-main/media/ffmpeg';
import { probeVideo } from '../src-main/media/probeVideo';
import { conversionSummary, instagramVideo, videoVerdict } from '../src-main/media/videoVerdict';

const CLIP_SECONDS = 30;

/**
 * Converting a 30 s 1080p clip as phones record slow motion (120 fps, H.264) into the video Instagram takes,
 * with the FFmpeg Postdeck ships and the settings the app uses: the time it takes over the clip's own length.
 * Nothing is asserted: the number is for people.
 */
export async function benchMedia(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'postdeck-bench-media-'));
  try {
    const source = join(dir, 'slow-motion.mp4');
    await runFfmpeg(
      ['-f', 'lavfi', '-i', `testsrc2=size=1920x1080:rate=120:duration=${CLIP_SECONDS}`, '-f', 'lavfi', '-i', `sine=frequency=440:duration=${CLIP_SECONDS}`,
        '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-movflags', '+faststart', '-y', source],
      { timeoutMs: 10 * 60_000 },
    );
    const probe = await probeVideo(source);
    const verdict = videoVerdict(probe);
    if (verdict.kind !== 'convert') throw new Error(`the clip should need converting; it is ${verdict.kind}`);
    const begin = performance.now();
    await convertVideo(source, join(dir, 'converted.mp4'), { ...verdict.target, maxLongSide: instagramVideo.maxLongSide, timeoutMs: 30 * 60_000 });
    const seconds = (performance.now() - begin) / 1000;
    console.log(
      `media: converting a ${CLIP_SECONDS} s 1080p clip (${conversionSummary(verdict.reasons)}) took ${seconds.toFixed(1)} s; ` +
        `ratio ${(seconds / CLIP_SECONDS).toFixed(3)} of its length (below 1 keeps up with playing it)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
