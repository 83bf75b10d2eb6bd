import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isVariablePace, probeVideo, probeWithFfmpeg } from '../../../src-main/media/probeVideo';
import { conversionSummary, videoVerdict } from '../../../src-main/media/videoVerdict';
import { hasEncoder, makeTestVideo, type TestVideo } from '../../helpers/testVideos';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'postdeck-verdict-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function verdictOf(name: string, video: TestVideo) {
  return videoVerdict(await probeVideo(await makeTestVideo(dir, name, video)));
}

describe('which videos Instagram takes as they are', () => {
  it('H.264 at 30 fps with AAC sound: as it is', async () => {
    expect(await verdictOf('plain', { audioCodec: 'aac' })).toEqual({ kind: 'acceptable', warnings: [] });
  });

  it('120 fps: converted to 30 fps', async () => {
    const verdict = await verdictOf('fast', { rate: 120 });
    expect(verdict).toMatchObject({ kind: 'convert', reasons: [{ code: 'frame_rate_high', change: '120 fps → 30 fps' }], target: { frameRate: 30 } });
  });

  it('HEVC: converted to H.264, at its own steady pace', async ({ skip }) => {
    if (!(await hasEncoder('libx265'))) skip('the bundled FFmpeg has no HEVC encoder');
    const verdict = await verdictOf('hevc', { videoCodec: 'libx265' });
    expect(verdict).toMatchObject({ kind: 'convert', reasons: [{ code: 'video_codec', change: 'HEVC → H.264' }], target: { frameRate: null } });
  });

  it('MP3 sound: converted to AAC', async () => {
    const verdict = await verdictOf('mp3', { audioCodec: 'libmp3lame' });
    expect(verdict).toMatchObject({ kind: 'convert', reasons: [{ code: 'audio_codec', change: 'MP3 → AAC' }] });
  });

  it('a variable frame rate: converted to a constant one near its average', async () => {
    const verdict = await verdictOf('vfr', { seconds: 4, rate: 60, variablePace: true });
    expect(verdict).toMatchObject({ kind: 'convert', reasons: [{ code: 'frame_rate_variable' }], target: { frameRate: expect.any(Number) } });
    if (verdict.kind !== 'convert') throw new Error('not converted');
    expect(verdict.target.frameRate).toBeGreaterThanOrEqual(23);
    expect(verdict.target.frameRate).toBeLessThanOrEqual(60);
  });

  it('several reasons at once, summed up in one line', async () => {
    const verdict = await verdictOf('fast-mp3', { rate: 120, audioCodec: 'libmp3lame' });
    if (verdict.kind !== 'convert') throw new Error('not converted');
    expect(conversionSummary(verdict.reasons)).toBe('120 fps → 30 fps, MP3 → AAC');
  });

  it('a Matroska file, read by FFmpeg: converted to MP4, its sound to AAC', async () => {
    const probe = await probeWithFfmpeg(await makeTestVideo(dir, 'clip', { extension: 'mkv', audioCodec: 'libmp3lame', size: '160x90' }));
    expect(probe).toMatchObject({ width: 160, height: 90, codec: 'avc1', streams: { frameRate: 30, audio: { codec: 'mp4a.6b', sampleRate: 44_100 } } });
    expect(probe.durationMs).toBeGreaterThanOrEqual(3_000);
    const verdict = videoVerdict(probe, 'Matroska');
    if (verdict.kind !== 'convert') throw new Error('not converted');
    expect(conversionSummary(verdict.reasons)).toBe('Matroska → MP4, MP3 → AAC');
  });

  it('too short for Instagram: no conversion helps, it cannot be used', async () => {
    expect(await verdictOf('short', { seconds: 2, rate: 120 })).toMatchObject({ kind: 'unusable', problems: [{ code: 'reel_too_short' }] });
  });
});

describe('a variable pace, from the frame durations', () => {
  it('a steady pace with an odd last frame or a dropped frame is steady', () => {
    expect(isVariablePace([299, 1], [512, 300])).toBe(false);
    expect(isVariablePace([150, 1, 149], [512, 1024, 512])).toBe(false);
  });

  it('a pace that changes for a good part of the video is variable', () => {
    expect(isVariablePace([30, 60], [1000, 500])).toBe(true);
  });
});
