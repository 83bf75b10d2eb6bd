import { createStore } from 'zustand/vanilla';
import type { AppError, Result } from '../../../src-shared/errors';
import type { Preferences } from '../../../src-shared/models';
import type { Bridge } from '../../bridge';

export interface PreferencesState {
  preferences: Preferences | null;
  error: AppError | null;
  saving: boolean;
  load(): Promise<void>;
  save(patch: Partial<Preferences>): Promise<Result<Preferences>>;
}

/** The desktop app's preferences (tray, start at login, missed slots, comment notifications). */
export function createPreferencesStore(bridge: Bridge) {
  return createStore<PreferencesState>()((set) => ({
    preferences: null,
    error: null,
    saving: false,

    async load() {
      const result = await bridge.invoke('settings.getPreferences', {});
      if (result.ok) set({ preferences: result.value, error: null });
      else set({ error: result.error });
    },

    async save(patch) {
      set({ saving: true, error: null });
      const result = await bridge.invoke('settings.setPreferences', patch);
      if (result.ok) set({ preferences: result.value, saving: false });
      else set({ error: result.error, saving: false });
      return result;
    },
  }));
}

export type PreferencesStore = ReturnType<typeof createPreferencesStore>;
