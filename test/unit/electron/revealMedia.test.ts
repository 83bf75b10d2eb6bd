import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fakeElectron'));

import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeWebContents, FakeWebFrame, ipcMain, resetFakes } from './fakeElectron';
import { appError, type Result } from '../../../src-shared/errors';
import { registerRevealMedia, TrustedSenders } from '../../../src-main/electron/ipc';
import { REVEAL_MEDIA_CHANNEL } from '../../../src-main/electron/bridgeChannel';

const APP = 'file:///opt/postdeck/dist/renderer/index.html';

let dir: string;
let folder: string;
/** Where the fake library says each media id's file is. */
let files: Record<string, string>;

beforeEach(() => {
  resetFakes();
  dir = mkdtempSync(join(tmpdir(), 'postdeck-reveal-'));
  folder = join(dir, 'media');
  mkdirSync(folder);
  mkdirSync(join(dir, 'elsewhere'));
  writeFileSync(join(folder, 'story.mp4'), 'video');
  writeFileSync(join(dir, 'elsewhere', 'secret.txt'), 'not media');
  symlinkSync(join(dir, 'elsewhere', 'secret.txt'), join(folder, 'linked.mp4'));
  files = {
    'in-library': join(folder, 'story.mp4'),
    outside: join(dir, 'elsewhere', 'secret.txt'),
    climbing: join(folder, '..', 'elsewhere', 'secret.txt'),
    'link-out': join(folder, 'linked.mp4'),
    'the-folder': folder,
  };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function setup() {
  const trusted = new TrustedSenders();
  const window = new FakeWebContents();
  trusted.add(window as never);
  const showItemInFolder = vi.fn();
  const mediaFile = (mediaId: string): Result<{ path: string; folder: string }> =>
    files[mediaId] ? { ok: true, value: { path: files[mediaId], folder } } : { ok: false, error: appError('media_not_found') };
  const remove = registerRevealMedia({ ipcMain: ipcMain as never, app: { mediaFile }, trusted, appPageUrl: APP, showItemInFolder });
  const reveal = (input: unknown, frame = new FakeWebFrame(APP), sender: unknown = window) =>
    ipcMain.handlers.get(REVEAL_MEDIA_CHANNEL)!({ sender, senderFrame: frame }, input) as Promise<Result<null>>;
  return { reveal, showItemInFolder, remove };
}

const notInLibrary = { ok: false, error: expect.objectContaining({ code: 'media_not_found', message: 'That photo or video is no longer in Postdeck’s media library.' }) };
const refused = { ok: false, error: expect.objectContaining({ code: 'invalid_request' }) };

describe('Show in folder', () => {
  it('shows a file of the media library in its folder', async () => {
    const { reveal, showItemInFolder } = setup();
    expect(await reveal({ mediaId: 'in-library' })).toEqual({ ok: true, value: null });
    expect(showItemInFolder).toHaveBeenCalledWith(join(folder, 'story.mp4'));
  });

  it('refuses a path outside the library, one climbing out of it, a link leading out, and the folder itself', async () => {
    const { reveal, showItemInFolder } = setup();
    for (const mediaId of ['outside', 'climbing', 'link-out', 'the-folder']) expect(await reveal({ mediaId })).toEqual(notInLibrary);
    expect(showItemInFolder).not.toHaveBeenCalled();
  });

  it('refuses an unknown id, and anything but a media id (checked by the schema)', async () => {
    const { reveal, showItemInFolder } = setup();
    expect(await reveal({ mediaId: 'gone' })).toEqual(notInLibrary);
    for (const input of [{ mediaId: '../secret' }, { mediaId: join(folder, 'story.mp4') }, { path: join(folder, 'story.mp4') }, 'in-library', { mediaId: 'in-library', path: '/etc' }]) {
      expect(await reveal(input)).toEqual(refused);
    }
    expect(showItemInFolder).not.toHaveBeenCalled();
  });

  it('answers the app page only: not a sub-frame, a foreign page or another webContents', async () => {
    const { reveal, showItemInFolder } = setup();
    expect(await reveal({ mediaId: 'in-library' }, new FakeWebFrame(APP, new FakeWebFrame(APP)))).toEqual(refused);
    expect(await reveal({ mediaId: 'in-library' }, new FakeWebFrame('https://evil.example/'))).toEqual(refused);
    expect(await reveal({ mediaId: 'in-library' }, new FakeWebFrame(APP), new FakeWebContents())).toEqual(refused);
    expect(showItemInFolder).not.toHaveBeenCalled();
  });

  it('removes its handler', () => {
    setup().remove();
    expect(ipcMain.handlers.has(REVEAL_MEDIA_CHANNEL)).toBe(false);
  });
});
