import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppEvent } from '../../../src-shared/events';
import type { VideoConversionView } from '../../../src-shared/media';
import { EventBus } from '../../../src-main/config/events';
import { silentLogger } from '../../../src-main/config/logger';
import { ManualClock } from '../../../src-main/config/manualClock';
import { JobsRepo } from '../../../src-main/db/jobsRepo';
import { JobRunner } from '../../../src-main/jobs/runner';
import { VideoConversions } from '../../../src-main/media/conversions';
import { MediaLibrary } from '../../../src-main/media/library';
import { probeVideo } from '../../../src-main/media/probeVideo';
import { videoVerdict } from '../../../src-main/media/videoVerdict';
import { makeTestVideo } from '../../helpers/testVideos';
import { createMediaWorld, type MediaWorld } from './helpers';

let world: MediaWorld;
let library: MediaLibrary;
let jobs: JobRunner;
let conversions: VideoConversions;
let seen: Array<{ mediaId: string; conversion: VideoConversionView }>;

/** A library whose conversions run in a real job runner, with FFmpeg (or a stand-in that fails). */
function start(ffmpeg?: { binary: string }) {
  const clock = new ManualClock();
  const events = new EventBus(silentLogger);
  seen = [];
  events.subscribe((event: AppEvent) => {
    if (event.name === 'media.conversion') seen.push(event.payload as (typeof seen)[number]);
  });
  jobs = new JobRunner({ repo: new JobsRepo(world.db), clock, timers: clock, environment: () => 'sandbox', logger: silentLogger });
  library = new MediaLibrary({ db: world.db, dataDir: join(world.dir, 'data'), clock, logger: silentLogger, onNeedsConversion: (id) => conversions.schedule(id) });
  conversions = new VideoConversions({ library, jobs, events, clock, environment: () => 'sandbox', logger: silentLogger, ...(ffmpeg ? { ffmpeg } : {}) });
  jobs.start();
}

beforeEach(() => {
  world = createMediaWorld();
  start();
});
afterEach(async () => {
  await jobs.stop();
  world.close();
});

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('converting a video Instagram would refuse', () => {
  it('a 120 fps video with MP3 sound becomes H.264 High at 30 fps with AAC at 48 kHz, beside the untouched original, with progress', async () => {
    const source = await makeTestVideo(world.dir, 'fast', { rate: 120, audioCodec: 'libmp3lame' });
    const item = await library.import(source);
    expect(item.conversion).toMatchObject({ state: 'waiting', summary: '120 fps → 30 fps, MP3 → AAC', percent: null });
    const original = library.pathOf(library.get(item.id));
    const originalHash = sha256(original);

    await conversions.ready(item.id);
    const file = await library.instagramFile(item.id);
    expect(file).toMatchObject({ contentType: 'video/mp4', path: join(library.folder, 'converted', `${originalHash}.mp4`) });
    const converted = await probeVideo(file.path);
    expect(converted.codec).toMatch(/^avc1\.64/); // High profile
    expect(converted.streams).toMatchObject({ frameRate: 30, variableFrameRate: false, audio: { codec: 'mp4a.40.2', sampleRate: 48_000 } });
    expect(converted.indexFirst).toBe(true);
    expect(videoVerdict(converted).kind).toBe('acceptable');
    expect(sha256(original)).toBe(originalHash);

    // The renderer heard it start, move on in whole percents, and end converted.
    const states = seen.map((event) => event.conversion.state);
    expect(states[0]).toBe('converting');
    expect(states.at(-1)).toBe('converted');
    const percents = seen.filter((event) => event.conversion.state === 'converting').map((event) => event.conversion.percent!);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(Math.max(...percents)).toBeGreaterThan(0);
    expect(library.describe([item.id])[0]!.conversion).toMatchObject({ state: 'converted', summary: '120 fps → 30 fps, MP3 → AAC', percent: 100 });
  });

  it('a WebM (VP9 and Opus) becomes an MP4 Instagram takes', async () => {
    const source = await makeTestVideo(world.dir, 'screen', { extension: 'webm', videoCodec: 'libvpx-vp9', audioCodec: 'libopus' });
    const item = await library.import(source);
    expect(item).toMatchObject({ kind: 'video', width: 160, height: 90, conversion: { state: 'waiting', summary: 'WebM → MP4, VP9 → H.264, Opus → AAC' } });
    expect(library.get(item.id)).toMatchObject({ mime: 'video/webm', storedFile: `${item.id}.webm` });
    await conversions.ready(item.id);
    const converted = await probeVideo((await library.instagramFile(item.id)).path);
    expect(videoVerdict(converted).kind).toBe('acceptable');
  });

  it('the same video added twice is converted once: the second reuses the first’s result', async () => {
    const source = await makeTestVideo(world.dir, 'fast', { rate: 120 });
    const first = await library.import(source);
    await conversions.ready(first.id);
    const twin = join(world.dir, 'fast-copy.mp4');
    copyFileSync(source, twin);
    seen = [];
    const second = await library.import(twin);
    await conversions.ready(second.id);
    // No FFmpeg run: no progress, only the end.
    expect(seen.map((event) => event.conversion.state)).toEqual(['converted']);
    expect((await library.instagramFile(second.id)).path).toBe((await library.instagramFile(first.id)).path);
  });

  it('a video Instagram takes as it is is not converted and goes online as it is', async () => {
    const source = await makeTestVideo(world.dir, 'plain', { audioCodec: 'aac' });
    const item = await library.import(source);
    expect(item.conversion).toBeNull();
    await conversions.ready(item.id);
    expect((await library.instagramFile(item.id)).path).toBe(library.pathOf(library.get(item.id)));
    await jobs.idle();
    expect(seen).toEqual([]);
  });

  it('a conversion that fails refuses the video with the reason, so a post with it cannot be scheduled', async () => {
    await jobs.stop();
    start({ binary: join(world.dir, 'no-ffmpeg-here') });
    const item = await library.import(await makeTestVideo(world.dir, 'fast', { rate: 120 }));
    await expect(conversions.ready(item.id)).rejects.toMatchObject({ code: 'media_conversion_failed' });
    const [described] = library.describe([item.id]);
    expect(described!.conversion).toMatchObject({ state: 'failed', error: { code: 'media_conversion_failed', message: expect.any(String), action: expect.any(String) } });
    expect(described!.warnings).toContainEqual(expect.objectContaining({ code: 'video_conversion_failed', severity: 'error' }));
    await expect(library.instagramFile(item.id)).rejects.toMatchObject({ code: 'media_conversion_failed' });
    expect(seen.at(-1)?.conversion.state).toBe('failed');
  });
});
