/** The one IPC channel main → renderer events travel on; the preload filters it by event name. */
export const EVENT_CHANNEL = 'postdeck:event';
/** The renderer asks the main process for the Save dialog of an export (electron/ipc.ts registerSaveDialog). */
export const EXPORT_PATH_CHANNEL = 'postdeck:choose-export-path';
/** The renderer asks the main process to show a media library file in its folder (electron/ipc.ts registerRevealMedia). */
export const REVEAL_MEDIA_CHANNEL = 'postdeck:reveal-media';
