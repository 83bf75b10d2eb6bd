import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, constants, existsSync, mkdirSync, openSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../helpers/harness';
import { FIXTURES, createMediaWorld, solid, type MediaWorld } from './helpers';

let world: MediaWorld;
let inbox: string;
const fifos: string[] = [];

beforeEach(() => {
  world = createMediaWorld();
  inbox = join(world.dir, 'inbox');
  mkdirSync(inbox);
});
afterEach(() => {
  // A reader stuck opening a pipe (the bug these tests guard against) is let go by a writer opening it.
  for (const fifo of fifos.splice(0)) {
    try {
      closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // No reader was waiting.
    }
  }
  world.close();
});

const refusal = (code: string, detail?: RegExp) => ({ code, error: expect.objectContaining({ code, message: expect.any(String), action: expect.any(String), ...(detail ? { detail: expect.stringMatching(detail) } : {}) }) });

/** A sparse file of `size` bytes (no disk used) starting with `head`. */
function sparseFile(name: string, head: Buffer, size: number): string {
  const file = join(inbox, name);
  writeFileSync(file, head);
  truncateSync(file, size);
  return file;
}

function box(type: string, size: number, body = Buffer.alloc(0)): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt32BE(size);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, body]);
}

const FTYP = box('ftyp', 16, Buffer.from('isom\0\0\0\0', 'latin1'));

function fifo(name: string): string {
  const file = join(inbox, name);
  execFileSync('mkfifo', [file]);
  fifos.push(file);
  return file;
}

describe('media.import refuses what it cannot take before copying it', () => {
  it('a video over 2 GB, by name and size, without creating the media folder', async () => {
    // The index claims the rest of the file: trusted, it would be read and parsed whole.
    const size = 2_001_000_000;
    const video = sparseFile('huge.mp4', Buffer.concat([FTYP, box('moov', size - FTYP.length)]), size);
    await expect(world.library.import(video)).rejects.toMatchObject(refusal('media_file_too_large', /^This video is 2,001 MB\.$/));
    expect(existsSync(world.library.folder)).toBe(false);
    expect(world.rowCount()).toBe(0);
  });

  it('a photo over 50 MB, and an upload over the same limits', async () => {
    const png = await solid(10, 10).png().toBuffer();
    await expect(world.library.import(sparseFile('huge.png', png, 51_000_000))).rejects.toMatchObject(refusal('media_file_too_large', /^This photo is 51 MB\.$/));
    const upload = Buffer.alloc(51_000_000);
    png.copy(upload);
    await expect(world.library.importBytes('huge.png', upload)).rejects.toMatchObject(refusal('media_file_too_large'));
    expect(existsSync(world.library.folder)).toBe(false);
  });

  it('a video whose index box claims more than any real index is refused without reading it', async () => {
    const size = 40_000_000;
    const mdat = box('mdat', 16, Buffer.alloc(8));
    const video = sparseFile('big-index.mp4', Buffer.concat([FTYP, mdat, box('moov', size - FTYP.length - mdat.length)]), size);
    await expect(world.library.import(video)).rejects.toMatchObject(refusal('media_damaged', /moov box claims 40 MB/));
    expect(world.storedFiles()).toEqual([]);
    expect(world.rowCount()).toBe(0);
  });

  it.skipIf(process.platform === 'win32')('a named pipe', async () => {
    await expect(world.library.import(fifo('photo.jpg'))).rejects.toMatchObject(refusal('media_not_a_file'));
    expect(world.rowCount()).toBe(0);
  });
});

describe.skipIf(process.platform === 'win32')('the media folder is private, like the database', () => {
  it('copies, HEIC conversions and prepared JPEGs are 0600, their folders 0700', async () => {
    const previous = process.umask(0o022);
    try {
      const photo = join(inbox, 'photo.png');
      await solid(600, 600).png().toFile(photo);
      const item = await world.library.import(photo);
      const video = await world.library.import(join(FIXTURES, 'reel-4s-9x16.mp4'));
      const prepared = await world.library.prepareImage(item.id, { fit: 'crop' });
      const modeOf = (path: string) => statSync(path).mode & 0o777;
      expect(modeOf(world.library.folder)).toBe(0o700);
      expect(modeOf(join(world.library.folder, 'prepared'))).toBe(0o700);
      expect(modeOf(world.library.pathOf(world.library.get(item.id)))).toBe(0o600);
      expect(modeOf(world.library.pathOf(world.library.get(video.id)))).toBe(0o600);
      expect(modeOf(prepared.file)).toBe(0o600);
    } finally {
      process.umask(previous);
    }
  });

  it('what an older version left readable is made owner-only at start', async () => {
    const item = await world.library.import(join(FIXTURES, 'reel-4s-9x16.mp4'));
    const file = world.library.pathOf(world.library.get(item.id));
    chmodSync(file, 0o644);
    chmodSync(world.library.folder, 0o755);
    world.library.restrictToOwner();
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(world.library.folder).mode & 0o777).toBe(0o700);
  });
});

describe('paths no disk could hold, and pipes, over the channels', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  it('media.import with a NUL byte or a 256-byte name is an invalid request that says why', async () => {
    const nul = await h.call('media.import', { path: join(inbox, 'photo\0.jpg') });
    expect(nul).toMatchObject({ ok: false, error: { code: 'invalid_request', detail: expect.stringContaining('NUL character') } });
    const long = await h.call('media.import', { path: join(inbox, `${'é'.repeat(128)}.jpg`) });
    expect(long).toMatchObject({ ok: false, error: { code: 'invalid_request', detail: expect.stringContaining('longer than 255 bytes') } });
    // 255 bytes is allowed: it is only missing.
    expect(await h.call('media.import', { path: join(inbox, `${'a'.repeat(251)}.jpg`) })).toMatchObject({ ok: false, error: { code: 'media_file_missing' } });
  });

  it.skipIf(process.platform === 'win32')('data.import of a named pipe is refused at once instead of waiting for a writer forever', async () => {
    const result = await h.call('data.import', { path: fifo('move.pdx'), passphrase: 'correct horse battery staple' });
    expect(result).toMatchObject({ ok: false, error: { code: 'export_unreadable', detail: expect.stringContaining('not a regular file') } });
  });
});
