import { createStore } from 'zustand/vanilla';
import type { AppError, Result } from '../../src-shared/errors';
import type { ChannelInput } from '../../src-shared/ipc';
import type { AppInfo } from '../../src-shared/models';
import type { Bridge } from '../bridge';

export interface AppState {
  info: AppInfo | null;
  infoError: AppError | null;
  loadInfo(): Promise<void>;
  saveLiveConfig(input: ChannelInput<'settings.setLiveConfig'>): Promise<Result<AppInfo>>;
  clearLiveConfig(): Promise<Result<AppInfo>>;
  resetSecureStorage(): Promise<Result<AppInfo>>;
  setWeakKeyringConsent(allow: boolean): Promise<Result<AppInfo>>;
}

export function createAppStore(bridge: Bridge) {
  return createStore<AppState>()((set) => ({
    info: null,
    infoError: null,

    async loadInfo() {
      const result = await bridge.invoke('app.info', {});
      if (result.ok) set({ info: result.value, infoError: null });
      else set({ infoError: result.error });
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
