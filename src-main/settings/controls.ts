import type { AppInfo, Preferences } from '../../src-shared/models';
import type { Environment } from '../config/environment';
import type { DomainEvents, EventBus } from '../config/events';
import { Failure } from '../config/failure';
import type { SecureStorage } from './secureStorage';
import type { SettingsService } from './service';

export interface SettingsControlsDeps {
  settings: Pick<SettingsService, 'getPreferences' | 'setPreferences' | 'saveLive' | 'clearLive'>;
  secureStorage: Pick<SecureStorage, 'reset' | 'setConsent'>;
  /** The Instagram the app talks to: `apply` picks it again from the environment variables and settings. */
  environments: { apply(): Promise<unknown>; current(): Environment };
  /** What `app.info` answers, read after the change. */
  info(): AppInfo;
  events: EventBus;
  domain: DomainEvents;
}

/** What the Settings screen changes: preferences, the live Instagram app and secure storage. */
export class SettingsControls {
  constructor(private readonly deps: SettingsControlsDeps) {}

  getPreferences(): Preferences {
    return this.deps.settings.getPreferences();
  }

  setPreferences(change: Partial<Preferences>): Preferences {
    return this.deps.settings.setPreferences(change);
  }

  async setLiveConfig(input: { appId: string; appSecret?: string | undefined; redirectUri: string }): Promise<AppInfo> {
    this.requireSettingsControl();
    this.deps.settings.saveLive(input);
    return this.reconfigured();
  }

  async clearLiveConfig(): Promise<AppInfo> {
    this.requireSettingsControl();
    this.deps.settings.clearLive();
    return this.reconfigured();
  }

  async resetSecureStorage(): Promise<AppInfo> {
    await this.deps.secureStorage.reset();
    // The App secret went with the old key, so the live configuration changes too.
    return this.reconfigured();
  }

  setWeakKeyringConsent({ allow }: { allow: boolean }): AppInfo {
    this.deps.secureStorage.setConsent(allow);
    this.deps.events.emit('app.changed', {});
    return this.deps.info();
  }

  /** The stored configuration changed (here, or by an import): live or sandbox is picked again. */
  async reconfigured(): Promise<AppInfo> {
    await this.deps.environments.apply();
    this.deps.domain.emit('environment.changed', {});
    this.deps.events.emit('app.changed', {});
    // Sandbox and live accounts are listed apart, so the list changes with the mode.
    this.deps.events.emit('accounts.changed', { reason: 'environment' });
    return this.deps.info();
  }

  private requireSettingsControl(): void {
    if (this.deps.environments.current().live?.source === 'environment') {
      throw new Failure('config_invalid', 'Environment variables set the Instagram app; change them instead.');
    }
  }
}
