/** The one IPC channel main → renderer events travel on; the preload filters it by event name. */
export const EVENT_CHANNEL = 'postdeck:event';
