import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fakeElectron'));

import path from 'node:path';
import { build } from 'esbuild';
import { contextBridge, ipcRenderer, webUtils } from './fakeElectron';
import { CHANNEL_NAMES, EVENT_NAMES } from '../../../src-shared/contractNames';
import { events, type PostdeckBridgeApi } from '../../../src-shared/events';
import { channels } from '../../../src-shared/ipc';
import { EVENT_CHANNEL, EXPORT_PATH_CHANNEL, REVEAL_MEDIA_CHANNEL } from '../../../src-main/electron/bridgeChannel';

const NOT_NAMES = ['accounts.nope', 'toString', '__proto__', 'constructor', EVENT_CHANNEL, '', 'ACCOUNTS.LIST', ' accounts.list'];

let api: PostdeckBridgeApi;

describe('preload', () => {
  beforeAll(async () => {
    await import('../../../src-main/electron/preload');
    expect(contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    api = contextBridge.exposed.get('postdeck') as PostdeckBridgeApi;
  });

  it('exposes exactly invoke, on, pathForFile, chooseExportPath and revealMedia, under window.postdeck, and nothing else', () => {
    expect([...contextBridge.exposed.keys()]).toEqual(['postdeck']);
    expect(Object.keys(api).sort()).toEqual(['chooseExportPath', 'invoke', 'on', 'pathForFile', 'revealMedia']);
    expect(Object.values(api).every((value) => typeof value === 'function')).toBe(true);
  });

  it("pathForFile asks Electron for a given File's path, and answers '' for anything else", () => {
    const file = new File(['x'], 'photo.jpg');
    expect(api.pathForFile(file)).toBe('/home/maya/Pictures/photo.jpg');
    expect(webUtils.getPathForFile).toHaveBeenCalledWith(file);
    expect(api.pathForFile({ name: 'photo.jpg' } as unknown as File)).toBe('');
  });

  it("chooseExportPath asks the main process for the Save dialog, and passes on only a path or null", async () => {
    ipcRenderer.invoke.mockClear();
    ipcRenderer.invoke.mockResolvedValueOnce('/home/maya/Documents/postdeck.pdx');
    await expect(api.chooseExportPath('postdeck.pdx')).resolves.toBe('/home/maya/Documents/postdeck.pdx');
    expect(ipcRenderer.invoke).toHaveBeenCalledWith(EXPORT_PATH_CHANNEL, 'postdeck.pdx');
    ipcRenderer.invoke.mockResolvedValueOnce({ ok: true });
    await expect(api.chooseExportPath('postdeck.pdx')).resolves.toBeNull();
    await expect(api.chooseExportPath(7 as unknown as string)).rejects.toThrow(TypeError);
    expect(ipcRenderer.invoke).toHaveBeenCalledTimes(2);
  });

  it('revealMedia carries the media id to the main process (which checks it) and passes its answer on', async () => {
    ipcRenderer.invoke.mockClear();
    ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: null });
    await expect(api.revealMedia('m-1')).resolves.toEqual({ ok: true, value: null });
    expect(ipcRenderer.invoke).toHaveBeenCalledWith(REVEAL_MEDIA_CHANNEL, { mediaId: 'm-1' });
  });

  it('invoke forwards channel and input to ipcRenderer.invoke and returns its answer', async () => {
    ipcRenderer.invoke.mockClear();
    await expect(api.invoke('accounts.list', { x: 1 })).resolves.toEqual({ ok: true, value: 'from-main' });
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('accounts.list', { x: 1 });
  });

  it('invoke rejects a non-string channel without calling the main process', async () => {
    ipcRenderer.invoke.mockClear();
    await expect(api.invoke(42 as unknown as string, {})).rejects.toThrow(TypeError);
    await expect(api.invoke({ toString: () => 'accounts.list' } as unknown as string, {})).rejects.toThrow(TypeError);
    expect(ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('on delivers only the named event, only the payload, and unsubscribes', () => {
    const listener = vi.fn();
    const off = api.on('accounts.changed', listener);
    const ipcEvent = { sender: ipcRenderer, senderId: 0 };
    ipcRenderer.emit(EVENT_CHANNEL, ipcEvent, 'accounts.changed', { reason: 'connected' });
    ipcRenderer.emit(EVENT_CHANNEL, ipcEvent, 'posts.changed', { any: 1 });
    ipcRenderer.emit('some-other-channel', ipcEvent, 'accounts.changed', { reason: 'health' });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0]).toEqual([{ reason: 'connected' }]);

    off();
    ipcRenderer.emit(EVENT_CHANNEL, ipcEvent, 'accounts.changed', { reason: 'disconnected' });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(ipcRenderer.listenerCount(EVENT_CHANNEL)).toBe(0);
    off();
  });

  it('on rejects a non-string event name', () => {
    expect(() => api.on(1 as unknown as string, () => {})).toThrow(TypeError);
  });

  it('invoke passes every channel of the table', async () => {
    ipcRenderer.invoke.mockClear();
    for (const channel of Object.keys(channels)) await api.invoke(channel, {});
    expect(ipcRenderer.invoke.mock.calls.map(([channel]) => channel)).toEqual(Object.keys(channels));
  });

  it('invoke rejects a name that is not a channel, with a clear error, without calling the main process', async () => {
    ipcRenderer.invoke.mockClear();
    for (const name of [...NOT_NAMES, 'accounts.changed']) {
      await expect(api.invoke(name, {}), name).rejects.toThrow(/is not a Postdeck channel/);
    }
    expect(ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('on accepts every event of the table, and refuses other names without listening', () => {
    for (const name of Object.keys(events)) api.on(name, () => {})();
    for (const name of [...NOT_NAMES, 'accounts.list']) {
      expect(() => api.on(name, () => {}), name).toThrow(/is not a Postdeck event/);
    }
    expect(ipcRenderer.listenerCount(EVENT_CHANNEL)).toBe(0);
  });
});

describe('contract names', () => {
  it('lists exactly the channels and events of the schema tables', () => {
    expect([...CHANNEL_NAMES].sort()).toEqual(Object.keys(channels).sort());
    expect([...EVENT_NAMES].sort()).toEqual(Object.keys(events).sort());
  });

  it('keep zod out of the preload bundle', async () => {
    const root = path.resolve(__dirname, '../../..');
    const result = await build({
      entryPoints: [path.join(root, 'src-main/electron/preload.ts')],
      bundle: true,
      write: false,
      metafile: true,
      platform: 'node',
      format: 'cjs',
      external: ['electron'],
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((input) => input.includes('src-shared/contractNames'))).toBe(true);
    expect(inputs.filter((input) => input.includes('node_modules'))).toEqual([]);
  });
});
