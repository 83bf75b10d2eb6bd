import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FIXTURES, createMediaWorld, solid, type MediaWorld } from './helpers';

let world: MediaWorld;
let inbox: string;

beforeEach(() => {
  world = createMediaWorld();
  inbox = join(world.dir, 'inbox');
  mkdirSync(inbox);
});
afterEach(() => world.close());

async function writeImage(name: string, image: Sharp): Promise<string> {
  const file = join(inbox, name);
  await image.toFile(file);
  return file;
}

const refusal = (code: string) => ({ name: 'PostdeckFailure', code, error: expect.objectContaining({ code, message: expect.any(String), action: expect.any(String) }) });

describe('importing photos', () => {
  it('copies a PNG into the media folder, records it, and leaves the user’s file where it was', async () => {
    const source = await writeImage('square.png', solid(600, 600));
    const before = readFileSync(source);
    const item = await world.library.import(source);
    expect(item).toEqual({ id: expect.any(String), name: 'square.png', kind: 'image', width: 600, height: 600, bytes: before.length, durationMs: null, warnings: [], conversion: null });
    expect(readFileSync(source)).toEqual(before);
    const record = world.library.get(item.id);
    expect(record).toMatchObject({ originalName: 'square.png', storedFile: `${item.id}.png`, mime: 'image/png', codec: null });
    expect(readFileSync(world.library.pathOf(record))).toEqual(before);
    expect(world.storedFiles()).toEqual([`${item.id}.png`]);
  });

  it('describes the items it knows by their file name and size, leaving out ids it does not know', async () => {
    const item = await world.library.import(await writeImage('sunset.png', solid(300, 200)));
    expect(world.library.describe(['no-such-media', item.id])).toEqual([item]);
    expect(item).toMatchObject({ name: 'sunset.png', bytes: expect.any(Number) });
  });

  it('takes WebP and JPEG by their content, whatever the file is called', async () => {
    const webp = await world.library.import(await writeImage('photo.jpg', solid(800, 700).webp()));
    expect(world.library.get(webp.id)).toMatchObject({ mime: 'image/webp', storedFile: `${webp.id}.webp` });
    const jpeg = await world.library.import(await writeImage('photo.webp', solid(800, 700).jpeg()));
    expect(world.library.get(jpeg.id)).toMatchObject({ mime: 'image/jpeg', storedFile: `${jpeg.id}.jpg` });
  });

  it('warns when a photo is too wide or too tall for Instagram, offering crop or pad', async () => {
    const wide = await world.library.import(await writeImage('wide.webp', solid(3000, 1000).webp()));
    expect(wide.warnings).toMatchObject([{ code: 'image_aspect_out_of_range', choices: ['crop', 'pad'], message: expect.stringContaining('too wide') }]);
    const tall = await world.library.import(await writeImage('tall.png', solid(1000, 3000)));
    expect(tall.warnings).toMatchObject([{ code: 'image_aspect_out_of_range', message: expect.stringContaining('too tall') }]);
    expect(world.library.get(tall.id).warnings).toEqual(tall.warnings);
  });

  it('reports the size as seen: EXIF orientation applied', async () => {
    // Stored 300×200 with "rotate 90°": seen as 200×300, as a phone shows a portrait photo.
    const item = await world.library.import(await writeImage('rotated.jpg', solid(300, 200).jpeg().withMetadata({ orientation: 6 })));
    expect(item).toMatchObject({ width: 200, height: 300 });
  });

  it('converts a HEIC to JPEG when this sharp can decode it, and otherwise refuses it clearly', async () => {
    const source = join(FIXTURES, 'tiny.heic');
    const decodes = await sharp(source).jpeg().toBuffer().then(() => true, () => false);
    if (decodes) {
      const item = await world.library.import(source);
      expect(item.warnings).toMatchObject([{ code: 'image_heic_converted' }]);
      expect(world.library.get(item.id)).toMatchObject({ mime: 'image/jpeg', storedFile: `${item.id}.jpg` });
      expect(world.storedFiles()).toEqual([`${item.id}.jpg`]);
    } else {
      await expect(world.library.import(source)).rejects.toMatchObject(refusal('media_heic_unsupported'));
      expect(world.storedFiles()).toEqual([]);
      expect(world.rowCount()).toBe(0);
    }
  });

  it('accepts an upload’s bytes, keeping only the base name it was given', async () => {
    const bytes = await solid(500, 500).png().toBuffer();
    const item = await world.library.importBytes('..\\..\\evil/../photo.png', bytes);
    expect(world.library.get(item.id)).toMatchObject({ originalName: 'photo.png', storedFile: `${item.id}.png`, bytes: bytes.length });
    expect(world.storedFiles()).toEqual([`${item.id}.png`]);
  });
});

describe('importing videos', () => {
  it('reads a 4 s 9:16 H.264 MP4 from its index', async () => {
    const source = join(FIXTURES, 'reel-4s-9x16.mp4');
    const item = await world.library.import(source);
    expect(item).toEqual({ id: expect.any(String), name: 'reel-4s-9x16.mp4', kind: 'video', width: 180, height: 320, bytes: readFileSync(source).length, durationMs: 4000, warnings: [], conversion: null });
    expect(world.library.get(item.id)).toMatchObject({ mime: 'video/mp4', codec: expect.stringMatching(/^avc1\./), storedFile: `${item.id}.mp4` });
    expect(existsSync(source)).toBe(true);
  });

  it('reads a MOV and an HEVC MP4', async () => {
    const mov = await world.library.import(join(FIXTURES, 'clip-16x9.mov'));
    expect(mov).toMatchObject({ kind: 'video', width: 320, height: 180, durationMs: 4000 });
    expect(world.library.get(mov.id)).toMatchObject({ mime: 'video/quicktime', storedFile: `${mov.id}.mov` });
    const hevc = await world.library.import(join(FIXTURES, 'hevc-4s.mp4'));
    expect(world.library.get(hevc.id).codec).toMatch(/^hvc1\./);
  });

  it('reads an old QuickTime file that starts without a file-type box', async () => {
    const mov = readFileSync(join(FIXTURES, 'clip-16x9.mov'));
    expect(mov.toString('latin1', 4, 8)).toBe('ftyp');
    const withoutFtyp = mov.subarray(mov.readUInt32BE(0));
    const item = await world.library.importBytes('old.mov', withoutFtyp);
    expect(item).toMatchObject({ kind: 'video', width: 320, height: 180, durationMs: 4000 });
    expect(world.library.get(item.id).mime).toBe('video/quicktime');
  });

  it('turns the size of a video recorded with a 90° rotation, as phones record portrait', async () => {
    expect(await world.library.import(join(FIXTURES, 'rotated-90.mp4'))).toMatchObject({ width: 180, height: 320 });
  });

  it('takes a video whose index is at the end, with a warning', async () => {
    const item = await world.library.import(join(FIXTURES, 'moov-at-end.mp4'));
    expect(item).toMatchObject({ durationMs: 4000, warnings: [{ code: 'reel_index_at_end', severity: 'warning' }] });
  });

  it('takes a video in a codec Instagram refuses, to be converted to H.264, and says so', async () => {
    const item = await world.library.import(join(FIXTURES, 'mpeg4-part2.mp4'));
    expect(item).toMatchObject({ kind: 'video', warnings: [], conversion: { state: 'waiting', summary: 'MPEG-4 Part 2 → H.264', percent: null } });
  });

  it.each([
    ['short-2s.mp4', 'reel_too_short', 'at least 3 seconds'],
  ])('refuses %s with the reason (%s) and keeps nothing', async (name, code, sentence) => {
    const attempt = world.library.import(join(FIXTURES, name));
    await expect(attempt).rejects.toMatchObject({ ...refusal('media_refused'), problems: [{ code }] });
    await expect(attempt).rejects.toMatchObject({ error: { detail: expect.stringContaining(sentence) } });
    expect(world.storedFiles()).toEqual([]);
    expect(world.rowCount()).toBe(0);
  });
});

describe('bad input leaves nothing behind', () => {
  const afterRefusal = () => {
    expect(world.storedFiles()).toEqual([]);
    expect(world.rowCount()).toBe(0);
  };

  it('a missing file', async () => {
    await expect(world.library.import(join(inbox, 'gone.jpg'))).rejects.toMatchObject(refusal('media_file_missing'));
    afterRefusal();
  });

  it('a folder', async () => {
    await expect(world.library.import(inbox)).rejects.toMatchObject(refusal('media_not_a_file'));
    afterRefusal();
  });

  it.skipIf(process.platform === 'win32')('a device (/dev/zero would be copied forever)', async () => {
    await expect(world.library.import('/dev/null')).rejects.toMatchObject(refusal('media_not_a_file'));
    afterRefusal();
  });

  it('a file that is not media, or is empty', async () => {
    writeFileSync(join(inbox, 'notes.jpg'), 'just some text, not a photo');
    await expect(world.library.import(join(inbox, 'notes.jpg'))).rejects.toMatchObject(refusal('media_unsupported_type'));
    await expect(world.library.importBytes('empty.png', new Uint8Array())).rejects.toMatchObject(refusal('media_unsupported_type'));
    afterRefusal();
  });

  it('a file that starts like a Matroska video but holds none', async () => {
    await expect(world.library.importBytes('broken.mkv', Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.alloc(200, 7)]))).rejects.toMatchObject(refusal('media_unsupported_type'));
    afterRefusal();
  });

  it('a GIF or an AVIF (an ISO file like MP4 and HEIC, but neither)', async () => {
    await expect(world.library.import(await writeImage('anim.gif', solid(100, 100).gif()))).rejects.toMatchObject(refusal('media_unsupported_type'));
    await expect(world.library.import(await writeImage('photo.avif', solid(100, 100).avif()))).rejects.toMatchObject(refusal('media_unsupported_type'));
    afterRefusal();
  });

  it.each(['jpeg', 'png', 'webp'] as const)('a truncated %s', async (format) => {
    // A busy picture, so half the file ends in the middle of its pixels rather than in a header.
    const noisy = await sharp(Buffer.from(Array.from({ length: 400 * 400 * 3 }, (_, i) => (i * 7919) % 251)), { raw: { width: 400, height: 400, channels: 3 } }).toFormat(format).toBuffer();
    await expect(world.library.importBytes(`cut.${format}`, noisy.subarray(0, Math.floor(noisy.length / 2)))).rejects.toMatchObject(refusal('media_damaged'));
    afterRefusal();
  });

  it('a truncated MP4, cut inside the media data or inside the index', async () => {
    const video = readFileSync(join(FIXTURES, 'reel-4s-9x16.mp4'));
    await expect(world.library.importBytes('cut.mp4', video.subarray(0, video.length - 1000))).rejects.toMatchObject(refusal('media_damaged'));
    const atEnd = readFileSync(join(FIXTURES, 'moov-at-end.mp4'));
    await expect(world.library.importBytes('cut.mp4', atEnd.subarray(0, atEnd.length - 100))).rejects.toMatchObject(refusal('media_damaged'));
    afterRefusal();
  });

  it('a database write that fails after the copy was made', async () => {
    world.db.exec('DROP TABLE media');
    await expect(world.library.import(join(FIXTURES, 'reel-4s-9x16.mp4'))).rejects.toThrow(/no such table/);
    expect(world.storedFiles()).toEqual([]);
  });

  it('what a crash in the middle of an import left, removed at start', async () => {
    const kept = await world.library.import(join(FIXTURES, 'reel-4s-9x16.mp4'));
    writeFileSync(join(world.library.folder, '.abc.incoming'), 'half a copy');
    copyFileSync(join(FIXTURES, 'short-2s.mp4'), join(world.library.folder, 'no-row.mp4'));
    expect(await world.library.removeUnfinishedImports()).toBe(2);
    expect(world.storedFiles()).toEqual([`${kept.id}.mp4`]);
  });
});

describe('the file Instagram gets', () => {
  const topLeft = async (path: string) => {
    const { data } = await sharp(path).extract({ left: 0, top: 0, width: 1, height: 1 }).raw().toBuffer({ resolveWithObject: true });
    return [...data.subarray(0, 3)];
  };

  it('a photo too wide is cropped by default, or padded with white when the user chose pad', async () => {
    const wide = await world.library.import(await writeImage('wide.png', solid(2500, 1000)));
    const cropped = await world.library.instagramFile(wide.id, { fit: 'crop' });
    const padded = await world.library.instagramFile(wide.id, { fit: 'pad' });
    for (const file of [cropped, padded]) {
      const { width, height } = await sharp(file.path).metadata();
      expect(width! / height!).toBeCloseTo(1.91, 2);
    }
    expect(await topLeft(padded.path)).toEqual([255, 255, 255]);
    expect(await topLeft(cropped.path)).not.toEqual([255, 255, 255]);
  });

  it("a carousel's later photo takes the first one's aspect", async () => {
    const portrait = await world.library.import(await writeImage('portrait.png', solid(800, 1000)));
    const square = await world.library.import(await writeImage('square.png', solid(900, 900)));
    const file = await world.library.instagramFile(square.id, { fit: 'crop', aspectOf: portrait.id });
    const { width, height } = await sharp(file.path).metadata();
    expect(width! / height!).toBeCloseTo(0.8, 2);
  });
});
