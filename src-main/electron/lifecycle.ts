/** Small lifecycle decisions of the desktop host, free of Electron so they are tested directly. */
import type { Preferences } from '../../src-shared/models';

export type DesktopPreferences = Pick<Preferences, 'keepRunningInTray' | 'startAtLogin'>;

/** Reads `settings.getPreferences`'s value defensively; anything missing keeps its current value. */
export function readPreferences(value: unknown, current: DesktopPreferences): DesktopPreferences {
  const record = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  return {
    keepRunningInTray: typeof record.keepRunningInTray === 'boolean' ? record.keepRunningInTray : current.keepRunningInTray,
    startAtLogin: typeof record.startAtLogin === 'boolean' ? record.startAtLogin : current.startAtLogin,
  };
}

/** Closing the main window: hide it to the tray while the preference is on, unless the app is quitting. */
export function closeAction(state: { quitting: boolean; keepRunningInTray: boolean }): 'hide' | 'close' {
  return !state.quitting && state.keepRunningInTray ? 'hide' : 'close';
}

/**
 * The page held its unload (a composer with unsaved changes; Electron cancels silently unless told): ask the
 * user when they close the window or reload; when the app quits, go (the composer keeps the text on this
 * computer and offers it again), because the quit has already closed the services behind the window.
 */
export function unloadAction(state: { quitting: boolean }): 'ask' | 'leave' {
  return state.quitting ? 'leave' : 'ask';
}

/** The question itself, for `dialog.showMessageBox`; button 0 leaves, button 1 (the default) stays. */
export const LEAVE_QUESTION = {
  type: 'question',
  buttons: ['Leave', 'Stay'],
  defaultId: 1,
  cancelId: 1,
  title: 'Leave without saving?',
  message: 'This post has changes you have not saved.',
  detail: 'Postdeck keeps them on this computer and offers them again when you come back to the post.',
} as const;

export interface IntervalTimers {
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/**
 * Polls connectivity and calls `onBackOnline` on each offline → online transition (not on every
 * online tick). Returns a stop function.
 */
export function watchConnectivity(
  isOnline: () => boolean,
  onBackOnline: () => void,
  timers: IntervalTimers = {
    setInterval: (callback, ms) => setInterval(callback, ms),
    clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
  },
  intervalMs = 30_000,
): () => void {
  let online = isOnline();
  const handle = timers.setInterval(() => {
    const now = isOnline();
    if (now && !online) onBackOnline();
    online = now;
  }, intervalMs);
  return () => timers.clearInterval(handle);
}
