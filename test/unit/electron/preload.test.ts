import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fakeElectron'));

import { contextBridge, ipcRenderer } from './fakeElectron';
import type { PostdeckBridgeApi } from '../../../src-shared/events';
import { EVENT_CHANNEL } from '../../../src-main/electron/bridgeChannel';

let api: PostdeckBridgeApi;

describe('preload', () => {
  beforeAll(async () => {
    await import('../../../src-main/electron/preload');
    expect(contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    api = contextBridge.exposed.get('postdeck') as PostdeckBridgeApi;
  });

  it('exposes exactly invoke and on, under window.postdeck, and nothing else', () => {
    expect([...contextBridge.exposed.keys()]).toEqual(['postdeck']);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    expect(Object.values(api).every((value) => typeof value === 'function')).toBe(true);
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
});
