import { createStore } from 'zustand/vanilla';
import type { AppError, Result } from '../../src-shared/errors';
import type { ChannelInput } from '../../src-shared/ipc';
import type { AppInfo, Preferences } from '../../src-shared/models';
import type { Bridge } from '../bridge';

export interface AppState {
  info: AppInfo | null;
  infoError: AppError | null;
  preferences: Preferences | null;
  preferencesError: AppError | null;
  savingPreferences: boolean;
  loadInfo(): Promise<void>;
  loadPreferences(): Promise<void>;
  setPreferences(patch: Partial<Preferences>): Promise<Result<Preferences>>;
  saveLiveConfig(input: ChannelInput<'settings.setLiveConfig'>): Promise<Result<AppInfo>>;
  clearLiveConfig(): Promise<Result<AppInfo>>;
  resetSecureStorage(): Promise<Result<AppInfo>>;
  setWeakKeyringConsent(allow: boolean): Promise<Result<AppInfo>>;
}

export function createAppStore(bridge: Bridge) {
  return createStore<AppState>()((set) => ({
    info: null,
    infoError: null,
    preferences: null,
    preferencesError: null,
    savingPreferences: false,

    async loadInfo() {
      const result = await bridge.invoke('app.info', {});
      if (result.ok) set({ info: result.value, infoError: null });
      else set({ infoError: result.error });
    },

    async loadPreferences() {
      const result = await bridge.invoke('settings.getPreferences', {});
      if (result.ok) set({ preferences: result.value, preferencesError: null });
      else set({ preferencesError: result.error });
    },

    async setPreferences(patch) {
      set({ savingPreferences: true, preferencesError: null });
      const result = await bridge.invoke('settings.setPreferences', patch);
      if (result.ok) set({ preferences: result.value, savingPreferences: false });
      else set({ preferencesError: result.error, savingPreferences: false });
      return result;
    },

    async saveLiveConfig(input) {
      const result = await bridge.invoke('settings.setLiveConfig', input);
      if (result.ok) set({ info: result.value });
      return result;
    },

    async clearLiveConfig() {
      const result = await bridge.invoke('settings.clearLiveConfig', {});
      if (result.ok) set({ info: result.value });
      return result;
    },

    async resetSecureStorage() {
      const result = await bridge.invoke('settings.resetSecureStorage', { confirm: 'reset' });
      if (result.ok) set({ info: result.value });
      return result;
    },

    async setWeakKeyringConsent(allow) {
      const result = await bridge.invoke('settings.setWeakKeyringConsent', { allow });
      if (result.ok) set({ info: result.value });
      return result;
    },
  }));
}

export type AppStore = ReturnType<typeof createAppStore>;
