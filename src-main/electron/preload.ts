/**
 * The renderer's only door into the main process: `window.postdeck.invoke` and `window.postdeck.on`, and the
 * Save dialog of an export (`chooseExportPath`), and a media file shown in its folder (`revealMedia`).
 * Runs sandboxed with context isolation; ipcRenderer and IPC event objects never reach the page.
 * Only the contract's channel and event names pass (the plain lists, so zod stays out of this bundle).
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { CHANNEL_NAMES, EVENT_NAMES } from '../../src-shared/contractNames';
import type { PostdeckBridgeApi } from '../../src-shared/events';
import { EVENT_CHANNEL, EXPORT_PATH_CHANNEL, REVEAL_MEDIA_CHANNEL } from './bridgeChannel';

const channelNames: ReadonlySet<string> = new Set(CHANNEL_NAMES);
const eventNames: ReadonlySet<string> = new Set(EVENT_NAMES);

/** A short, printable form of whatever the page passed as a name, for the error message. */
function shown(name: unknown): string {
  return typeof name === 'string' ? JSON.stringify(name.slice(0, 80)) : `a ${typeof name}`;
}

export function createPostdeckBridge(
  ipc: Pick<typeof ipcRenderer, 'invoke' | 'on' | 'removeListener'>,
  files: Pick<typeof webUtils, 'getPathForFile'>,
): PostdeckBridgeApi {
  return {
    pathForFile(file: File): string {
      // Electron's own lookup: the page learns the path of a file the user gave it, and of nothing else.
      return file instanceof File ? files.getPathForFile(file) : '';
    },
    async chooseExportPath(suggestedName: string): Promise<string | null> {
      if (typeof suggestedName !== 'string') throw new TypeError('postdeck.chooseExportPath: the name must be a string');
      const chosen: unknown = await ipc.invoke(EXPORT_PATH_CHANNEL, suggestedName);
      return typeof chosen === 'string' ? chosen : null;
    },
    revealMedia(mediaId: string): Promise<unknown> {
      // The main process checks the id and that the file is the library's; this only carries it.
      return ipc.invoke(REVEAL_MEDIA_CHANNEL, { mediaId });
    },
    invoke(channel: string, input: unknown): Promise<unknown> {
      if (typeof channel !== 'string' || !channelNames.has(channel)) {
        return Promise.reject(new TypeError(`postdeck.invoke: ${shown(channel)} is not a Postdeck channel`));
      }
      return ipc.invoke(channel, input);
    },
    on(event: string, listener: (payload: unknown) => void): () => void {
      if (typeof event !== 'string' || !eventNames.has(event)) throw new TypeError(`postdeck.on: ${shown(event)} is not a Postdeck event`);
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

contextBridge.exposeInMainWorld('postdeck', createPostdeckBridge(ipcRenderer, webUtils));
