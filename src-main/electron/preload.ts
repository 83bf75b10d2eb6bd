/**
 * The renderer's only door into the main process: `window.postdeck.invoke` and `window.postdeck.on`.
 * Runs sandboxed with context isolation; ipcRenderer and IPC event objects never reach the page.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { PostdeckBridgeApi } from '../../src-shared/events';
import { EVENT_CHANNEL } from './bridgeChannel';

export function createPostdeckBridge(ipc: Pick<typeof ipcRenderer, 'invoke' | 'on' | 'removeListener'>): PostdeckBridgeApi {
  return {
    invoke(channel: string, input: unknown): Promise<unknown> {
      if (typeof channel !== 'string') return Promise.reject(new TypeError('postdeck.invoke: the channel must be a string'));
      return ipc.invoke(channel, input);
    },
    on(event: string, listener: (payload: unknown) => void): () => void {
      if (typeof event !== 'string') throw new TypeError('postdeck.on: the event name must be a string');
      if (typeof listener !== 'function') throw new TypeError('postdeck.on: the listener must be a function');
      const handler = (_ipcEvent: IpcRendererEvent, name: unknown, payload: unknown) => {
        if (name === event) listener(payload);
      };
      ipc.on(EVENT_CHANNEL, handler);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        ipc.removeListener(EVENT_CHANNEL, handler);
      };
    },
  };
}

contextBridge.exposeInMainWorld('postdeck', createPostdeckBridge(ipcRenderer));
