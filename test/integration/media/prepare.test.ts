import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aspectOf, carouselAspect, cropRect } from '../../../src-shared/publishingRules';
import { BLUE, FIXTURES, GREEN, RED, bands, createMediaWorld, near, pixel, solid, type MediaWorld } from './helpers';

type Colour = { r: number; g: number; b: number };
const distance = (a: Colour, b: Colour) => Math.abs(a.r - b.r) + Math.abs(a.g - b.g) + Math.abs(a.b - b.b);

let world: MediaWorld;
let inbox: string;

beforeEach(() => {
  world = createMediaWorld();
  inbox = join(world.dir, 'inbox');
  mkdirSync(inbox);
});
afterEach(() => world.close());

async function importImage(name: string, image: Sharp): Promise<string> {
  const file = join(inbox, name);
  await image.toFile(file);
  return (await world.library.import(file)).id;
}

describe('prepareImage', () => {
  it('scales a 5000 px photo to 1440 px wide, as a JPEG with no metadata left', async () => {
    const id = await importImage('big.png', solid(5000, 4000));
    const prepared = await world.library.prepareImage(id, { fit: 'crop' });
    expect(prepared).toMatchObject({ width: 1440, height: 1152, quality: 90 });
    const metadata = await sharp(prepared.file).metadata();
    expect(metadata).toMatchObject({ format: 'jpeg', width: 1440, height: 1152, space: 'srgb', channels: 3 });
    expect(metadata.exif).toBeUndefined();
    expect(metadata.icc).toBeUndefined();
    expect(metadata.orientation).toBeUndefined();
  });

  it('applies EXIF orientation before stripping it', async () => {
    // Stored 400×300, left half red, right half blue, "rotate 90° clockwise": seen with red on top.
    const id = await importImage('rotated.jpg', bands(400, 300, [RED, BLUE]).jpeg().withMetadata({ orientation: 6 }));
    const prepared = await world.library.prepareImage(id, { fit: 'crop' });
    expect(prepared).toMatchObject({ width: 300, height: 375 }); // 3:4 seen, cropped to 4:5
    expect((await sharp(prepared.file).metadata()).orientation).toBeUndefined();
    expect(near(await pixel(prepared.file, 150, 10), RED)).toBe(true);
    expect(near(await pixel(prepared.file, 150, 365), BLUE)).toBe(true);
  });

  it('crops a too-wide photo to 1.91:1 around its centre, where the preview rectangle said', async () => {
    const source = { width: 3000, height: 1000 };
    const id = await importImage('wide.png', bands(source.width, source.height, [RED, GREEN, BLUE]));
    const prepared = await world.library.prepareImage(id, { fit: 'crop' });
    expect(prepared).toMatchObject({ width: 1440, height: 754 });
    expect(aspectOf(prepared)).toBeLessThanOrEqual(1.91);
    // The preview keeps source x 545…2455: red until 1000, so red ends about 24 % of the way across.
    const preview = cropRect(source, 1.91);
    const redEnds = (1000 - preview.left) / preview.width;
    expect(near(await pixel(prepared.file, Math.floor(1440 * (redEnds - 0.03)), 377), RED)).toBe(true);
    expect(near(await pixel(prepared.file, Math.floor(1440 * (redEnds + 0.03)), 377), GREEN)).toBe(true);
    expect(near(await pixel(prepared.file, 1439, 377), BLUE)).toBe(true);
  });

  it('pads a too-tall photo to 4:5 with white borders', async () => {
    const id = await importImage('tall.png', solid(1000, 3000, GREEN));
    const prepared = await world.library.prepareImage(id, { fit: 'pad' });
    expect(prepared).toMatchObject({ width: 1440, height: 1800 });
    expect(await pixel(prepared.file, 5, 900)).toEqual({ r: 255, g: 255, b: 255 });
    expect(near(await pixel(prepared.file, 720, 900), GREEN)).toBe(true);
  });

  it('puts transparency on white, since JPEG has none', async () => {
    const id = await importImage('clear.png', sharp({ create: { width: 500, height: 500, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }));
    const prepared = await world.library.prepareImage(id, { fit: 'crop' });
    expect(await pixel(prepared.file, 250, 250)).toEqual({ r: 255, g: 255, b: 255 });
  });

  it('converts CMYK and Display P3 photos to sRGB', async () => {
    const cmyk = await importImage('print.jpg', solid(600, 600, { r: 200, g: 40, b: 40 }).toColourspace('cmyk').jpeg());
    expect((await sharp(world.library.pathOf(world.library.get(cmyk))).metadata()).space).toBe('cmyk');
    expect(await sharp((await world.library.prepareImage(cmyk, { fit: 'crop' })).file).metadata()).toMatchObject({ space: 'srgb', channels: 3 });

    // sRGB orange written as Display P3 numbers: read without its profile it is a different colour.
    const orange = { r: 200, g: 100, b: 50 };
    const p3 = await importImage('p3.png', solid(600, 600, orange).withIccProfile('p3'));
    const stored = await sharp(world.library.pathOf(world.library.get(p3))).keepIccProfile().raw().toBuffer();
    expect(distance({ r: stored[0]!, g: stored[1]!, b: stored[2]! }, orange)).toBeGreaterThan(20);
    const prepared = await world.library.prepareImage(p3, { fit: 'crop' });
    expect(distance(await pixel(prepared.file, 300, 300), orange)).toBeLessThan(10);
  });

  it('steps quality down until the JPEG fits the byte limit, and says so when it cannot', async () => {
    const noise = sharp(randomBytes(1440 * 1800 * 3), { raw: { width: 1440, height: 1800, channels: 3 } });
    const id = await importImage('noise.png', noise);
    const firstTry = await world.library.prepareImage(id, { fit: 'crop' });
    expect(firstTry.quality).toBe(90);
    expect(firstTry.bytes).toBeLessThanOrEqual(8 * 1024 * 1024);
    const limit = Math.floor(firstTry.bytes * 0.6);
    const stepped = await world.library.prepareImage(id, { fit: 'crop', maxBytes: limit });
    expect(stepped.quality).toBeLessThan(90);
    expect(stepped.bytes).toBeLessThanOrEqual(limit);
    await expect(world.library.prepareImage(id, { fit: 'crop', maxBytes: 10_000 })).rejects.toMatchObject({ code: 'media_too_large' });
  });

  it('gives every carousel photo the first photo’s aspect', async () => {
    const first = await importImage('first.png', solid(1200, 1000));
    const second = await importImage('second.png', solid(1000, 3000));
    const aspect = carouselAspect(world.library.get(first));
    const prepared = await world.library.prepareImage(second, { fit: 'crop', aspect });
    expect(aspectOf(prepared)).toBeCloseTo(1.2, 2);
  });

  it('refuses a video where a photo is needed, and an id it does not know', async () => {
    const video = await world.library.import(join(FIXTURES, 'reel-4s-9x16.mp4'));
    await expect(world.library.prepareImage(video.id, { fit: 'crop' })).rejects.toMatchObject({ code: 'media_wrong_kind' });
    await expect(world.library.prepareImage('nope', { fit: 'crop' })).rejects.toMatchObject({ code: 'media_not_found' });
  });
});

describe('prepareReelCover', () => {
  it('takes a frame offset inside the video and refuses one outside', async () => {
    const video = await world.library.import(join(FIXTURES, 'reel-4s-9x16.mp4'));
    expect(await world.library.prepareReelCover(video.id, { offsetMs: 1500 })).toEqual({ thumbOffsetMs: 1500 });
    await expect(world.library.prepareReelCover(video.id, { offsetMs: 4000 })).rejects.toMatchObject({
      code: 'media_cover_invalid',
      problems: [{ code: 'cover_offset_out_of_range' }],
    });
  });

  it('makes a cover image into a JPEG of the video’s shape', async () => {
    const video = await world.library.import(join(FIXTURES, 'reel-4s-9x16.mp4'));
    const image = await importImage('cover.png', solid(1000, 1000));
    const cover = await world.library.prepareReelCover(video.id, { imageId: image });
    if (!('image' in cover)) throw new Error('expected an image cover');
    expect(aspectOf(cover.image)).toBeCloseTo(9 / 16, 2);
    expect((await sharp(cover.image.file).metadata()).format).toBe('jpeg');
  });
});
