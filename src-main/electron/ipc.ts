import { realpath } from 'node:fs/promises';
import path from 'node:path';
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { channels } from '../../src-shared/ipc';
import { revealMediaInputSchema } from '../../src-shared/media';
import { appError, type Result } from '../../src-shared/errors';
import type { PostdeckApp } from '../app/types';
import { EVENT_CHANNEL, EXPORT_PATH_CHANNEL, REVEAL_MEDIA_CHANNEL } from './bridgeChannel';
import { isAppPageUrl } from './urlPolicy';

/** The webContents allowed to call the handler table: added at main-window creation, removed on `destroyed`. */
export class TrustedSenders {
  private readonly contents = new Map<number, WebContents>();

  add(webContents: WebContents): void {
    const id = webContents.id;
    this.contents.set(id, webContents);
    webContents.once('destroyed', () => this.contents.delete(id));
  }

  has(id: number): boolean {
    return this.contents.has(id);
  }

  /** Live trusted webContents, for pushing events. */
  list(): WebContents[] {
    return [...this.contents.values()].filter((contents) => !contents.isDestroyed());
  }
}

/** The parts of an IPC event the guard reads (a structural subset of IpcMainInvokeEvent). */
export interface SenderEvent {
  sender: { id: number } | null | undefined;
  senderFrame: { url: string; parent: unknown } | null | undefined;
}

/**
 * THE sender check (one function, one place). Trusted only when the sender is a webContents we created
 * for the app AND the sending frame is its top frame AND that frame shows the app's own index.html.
 * A sub-frame, a foreign page loaded into our window, or any other webContents is refused.
 */
export function isTrustedSender(event: SenderEvent, trusted: Pick<TrustedSenders, 'has'>, appPageUrl: string): boolean {
  const sender = event.sender;
  if (!sender || typeof sender.id !== 'number' || !trusted.has(sender.id)) return false;
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  return isAppPageUrl(frame.url, appPageUrl);
}

export interface IpcBinding {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  app: Pick<PostdeckApp, 'dispatch'>;
  trusted: Pick<TrustedSenders, 'has'>;
  appPageUrl: string;
}

/** One `ipcMain.handle` per channel of the table. Returns a function that removes them. */
export function registerIpcHandlers({ ipcMain, app, trusted, appPageUrl }: IpcBinding): () => void {
  const names = Object.keys(channels);
  for (const channel of names) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, input: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event, trusted, appPageUrl)) return { ok: false, error: appError('invalid_request') };
      try {
        return await app.dispatch(channel, input);
      } catch {
        // dispatch never throws by contract; if it does, nothing but a generic error crosses the boundary.
        return { ok: false, error: appError('internal_error') };
      }
    });
  }
  return () => {
    for (const channel of names) ipcMain.removeHandler(channel);
  };
}

/** Pushes every app event to the trusted windows only. Returns the unsubscribe function. */
export function forwardAppEvents(app: Pick<PostdeckApp, 'subscribe'>, trusted: Pick<TrustedSenders, 'list'>): () => void {
  return app.subscribe((event) => {
    for (const contents of trusted.list()) contents.send(EVENT_CHANNEL, event.name, event.payload);
  });
}

/** A name a Save dialog may suggest: letters, digits, dot, dash and underscore, ending in .pdx. */
const EXPORT_NAME = /^[\w.-]{1,80}\.pdx$/;

export interface SaveDialogBinding {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  trusted: Pick<TrustedSenders, 'has'>;
  appPageUrl: string;
  /** The system's Save dialog, opened over the app's window: the chosen path, or null when cancelled. */
  showSaveDialog(options: { defaultName: string }): Promise<string | null>;
}

/**
 * The export's Save dialog: asked for by the app's own page only, with a plain file name (never a path);
 * answers the path the user chose, or null. Returns a function that removes the handler.
 */
export function registerSaveDialog({ ipcMain, trusted, appPageUrl, showSaveDialog }: SaveDialogBinding): () => void {
  ipcMain.handle(EXPORT_PATH_CHANNEL, async (event: IpcMainInvokeEvent, suggestedName: unknown): Promise<string | null> => {
    if (!isTrustedSender(event, trusted, appPageUrl)) return null;
    return showSaveDialog({ defaultName: typeof suggestedName === 'string' && EXPORT_NAME.test(suggestedName) ? suggestedName : 'postdeck.pdx' });
  });
  return () => ipcMain.removeHandler(EXPORT_PATH_CHANNEL);
}

export interface RevealMediaBinding {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  app: Pick<PostdeckApp, 'mediaFile'>;
  trusted: Pick<TrustedSenders, 'has'>;
  appPageUrl: string;
  /** Electron's shell.showItemInFolder. */
  showItemInFolder(file: string): void;
}

/** Whether `file`, links followed, lies inside `folder` (false when either cannot be read). */
async function isInsideFolder(file: string, folder: string): Promise<boolean> {
  try {
    const [realFile, realFolder] = await Promise.all([realpath(file), realpath(folder)]);
    const relative = path.relative(realFolder, realFile);
    return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
  } catch {
    return false;
  }
}

/**
 * "Show in folder" for a reminder's media: asked for by the app's own page only, with a media id (checked
 * with the contract's schema), and shown only when the library's record leads to a file inside the
 * library's folder; anything else is refused and nothing is shown. Returns a function that removes the handler.
 */
export function registerRevealMedia({ ipcMain, app, trusted, appPageUrl, showItemInFolder }: RevealMediaBinding): () => void {
  ipcMain.handle(REVEAL_MEDIA_CHANNEL, async (event: IpcMainInvokeEvent, input: unknown): Promise<Result<null>> => {
    if (!isTrustedSender(event, trusted, appPageUrl)) return { ok: false, error: appError('invalid_request') };
    const parsed = revealMediaInputSchema.safeParse(input);
    if (!parsed.success) return { ok: false, error: appError('invalid_request') };
    const found = app.mediaFile(parsed.data.mediaId);
    if (!found.ok) return found;
    if (!(await isInsideFolder(found.value.path, found.value.folder))) return { ok: false, error: appError('media_not_found') };
    showItemInFolder(found.value.path);
    return { ok: true, value: null };
  });
  return () => ipcMain.removeHandler(REVEAL_MEDIA_CHANNEL);
}
