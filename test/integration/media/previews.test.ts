import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { extractFrame, runFfmpeg, unpackedPath } from '../../../src-main/media/ffmpeg';
import { MediaPreviews } from '../../../src-main/media/previews';
import { FIXTURES, RED, BLUE, bands, createMediaWorld, type MediaWorld } from './helpers';

let world: MediaWorld;
let previews: MediaPreviews;

beforeEach(() => {
  world = createMediaWorld();
  previews = new MediaPreviews({ folder: world.library.folder, find: (id) => world.library.find(id) });
});
afterEach(() => world.close());

const failure = (code: string, detail: RegExp) => ({ name: 'PostdeckFailure', code, error: expect.objectContaining({ code, detail: expect.stringMatching(detail) }) });

async function importPhoto(width: number, height: number): Promise<string> {
  const file = join(world.dir, 'sunset.png');
  await bands(width, height, [RED, BLUE]).png().toFile(file);
  return (await world.library.import(file)).id;
}

describe('thumbnails of photos', () => {
  it('makes a small JPEG beside the media once, its shape kept, and serves the cached file after', async () => {
    const id = await importPhoto(3000, 2000);
    const thumb = await previews.file({ mediaId: id, variant: 'thumb' });
    expect(thumb.path).toBe(join(world.library.folder, 'previews', `${id}-thumb.jpg`));
    expect(await sharp(thumb.path).metadata()).toMatchObject({ format: 'jpeg', width: 480, height: 320 });
    const large = await previews.file({ mediaId: id, variant: 'large' });
    expect(await sharp(large.path).metadata()).toMatchObject({ width: 1080, height: 720 });
    writeFileSync(thumb.path, 'cached');
    expect((await previews.file({ mediaId: id, variant: 'thumb' })).bytes).toBe('cached'.length);
    // The media folder still holds the one copy: pictures live in their own sub-folder, import's clean-up leaves them.
    expect(world.storedFiles()).toHaveLength(1);
    expect(await world.library.removeUnfinishedImports()).toBe(0);
  });

  it('never enlarges a small photo', async () => {
    const id = await importPhoto(200, 250);
    expect(await sharp((await previews.file({ mediaId: id, variant: 'large' })).path).metadata()).toMatchObject({ width: 200, height: 250 });
  });

  it('refuses an id the library does not know, and a stored name that leads outside the media folder', async () => {
    await expect(previews.file({ mediaId: 'no-such-media', variant: 'thumb' })).rejects.toMatchObject({ code: 'media_not_found' });
    const escaping = new MediaPreviews({
      folder: world.library.folder,
      find: (id) => ({ ...world.library.get(id), storedFile: '../postdeck.db' }),
    });
    const id = await importPhoto(600, 600);
    await expect(escaping.file({ mediaId: id, variant: 'thumb' })).rejects.toMatchObject({ code: 'media_not_found' });
    expect(existsSync(join(world.library.folder, 'previews', `${id}-thumb.jpg`))).toBe(false);
  });
});

describe('poster frames of videos (FFmpeg)', () => {
  async function importVideo(name: string): Promise<string> {
    const file = join(world.dir, name);
    copyFileSync(join(FIXTURES, name), file);
    return (await world.library.import(file)).id;
  }

  it('makes a Reel’s poster and any moment’s frame as JPEGs of the video’s shape', async () => {
    const id = await importVideo('reel-4s-9x16.mp4');
    const poster = await previews.file({ mediaId: id, variant: 'thumb' });
    expect(await sharp(poster.path).metadata()).toMatchObject({ format: 'jpeg', width: 180, height: 320 });
    const frame = await previews.file({ mediaId: id, variant: 'frame', atMs: 2500 });
    expect(frame.path).toBe(join(world.library.folder, 'previews', `${id}-frame-2500.jpg`));
    // testsrc draws a moving pattern: two moments are two different pictures.
    const pixels = async (file: string) => (await sharp(file).raw().toBuffer()).toString('base64');
    expect(await pixels(frame.path)).not.toBe(await pixels(poster.path));
    // A moment past the end shows the last picture rather than failing.
    const last = await previews.file({ mediaId: id, variant: 'frame', atMs: 60_000 });
    expect(last.path).toBe(join(world.library.folder, 'previews', `${id}-frame-3900.jpg`));
  });

  it('plays a video from its stored copy inside the media folder, and has no video of a photo', async () => {
    const id = await importVideo('reel-4s-9x16.mp4');
    const video = await previews.file({ mediaId: id, variant: 'video' });
    expect(video).toEqual({ path: join(world.library.folder, world.library.get(id).storedFile), contentType: 'video/mp4', bytes: world.library.get(id).bytes });
    const escaping = new MediaPreviews({ folder: world.library.folder, find: (found) => ({ ...world.library.get(found), storedFile: '../postdeck.db' }) });
    await expect(escaping.file({ mediaId: id, variant: 'video' })).rejects.toMatchObject({ code: 'media_not_found' });
    await expect(previews.file({ mediaId: await importPhoto(600, 600), variant: 'video' })).rejects.toMatchObject({ code: 'media_not_found' });
  });

  it('plays a converted video from its conversion, and refuses a conversion named outside the converted folder', async () => {
    const id = await importVideo('reel-4s-9x16.mp4');
    const converted = join(world.library.folder, 'converted', 'abc.mp4');
    mkdirSync(join(world.library.folder, 'converted'));
    writeFileSync(converted, 'h264');
    const convertedAs = (file: string) =>
      new MediaPreviews({ folder: world.library.folder, find: (found) => ({ ...world.library.get(found), conversion: { state: 'done', reasons: [], target: { frameRate: null, maxVideoBitrate: 1 }, file, bytes: 4 } }) });
    expect(await convertedAs(join('converted', 'abc.mp4')).file({ mediaId: id, variant: 'video' })).toEqual({ path: converted, contentType: 'video/mp4', bytes: 4 });
    for (const file of [join('..', 'postdeck.db'), world.library.get(id).storedFile, join('previews', 'abc.mp4'), join('converted', '..', '..', 'postdeck.db')]) {
      await expect(convertedAs(file).file({ mediaId: id, variant: 'video' }), file).rejects.toMatchObject({ code: 'media_not_found' });
    }
  });

  it('turns a phone’s portrait video upright', async () => {
    const id = await importVideo('rotated-90.mp4');
    expect(await sharp((await previews.file({ mediaId: id, variant: 'thumb' })).path).metadata()).toMatchObject({ width: 180, height: 320 });
  });

  it('fails with media_ffmpeg_failed and FFmpeg’s words when the video cannot be read, leaving no partial picture', async () => {
    const broken = join(world.dir, 'broken.mp4');
    writeFileSync(broken, 'not a video');
    const out = join(world.dir, 'poster.jpg');
    await expect(extractFrame(broken, 0, out, { maxSide: 480 })).rejects.toMatchObject(failure('media_ffmpeg_failed', /broken\.mp4|Invalid data/));
    expect(readdirSync(world.dir).filter((name) => name.startsWith('poster'))).toEqual([]);
  });

  it('stops an FFmpeg that hangs at its timeout', async () => {
    const hanging = join(world.dir, 'hanging-ffmpeg');
    writeFileSync(hanging, '#!/bin/sh\nexec sleep 30\n');
    chmodSync(hanging, 0o755);
    await expect(runFfmpeg(['-version'], { binary: hanging, timeoutMs: 200 })).rejects.toMatchObject(failure('media_ffmpeg_failed', /longer than 0 s/));
  });

  it('runs the binary from outside the packaged app’s archive', () => {
    expect(unpackedPath('/opt/Postdeck/resources/app.asar/node_modules/@ffmpeg-installer/linux-x64/ffmpeg')).toBe('/opt/Postdeck/resources/app.asar.unpacked/node_modules/@ffmpeg-installer/linux-x64/ffmpeg');
    expect(unpackedPath('C:\\Postdeck\\resources\\app.asar\\node_modules\\ffmpeg.exe')).toBe('C:\\Postdeck\\resources\\app.asar.unpacked\\node_modules\\ffmpeg.exe');
    expect(unpackedPath('/home/maya/postdeck/node_modules/@ffmpeg-installer/linux-x64/ffmpeg')).toBe('/home/maya/postdeck/node_modules/@ffmpeg-installer/linux-x64/ffmpeg');
  });
});
