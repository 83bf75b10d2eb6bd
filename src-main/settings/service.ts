import type { Preferences } from '../../src-shared/models';
import type { Clock } from '../config/clock';
import type { LiveSettings } from '../config/environment';
import type { EventBus } from '../config/events';
import { Failure } from '../config/failure';
import type { Database } from '../db/database';
import type { SecretsRepo } from '../db/secretsRepo';
import type { SettingsRepo } from '../db/settingsRepo';
import type { Vault } from '../vault/vault';

const APP_SECRET_OWNER = 'app';
const APP_SECRET_PURPOSE = 'ig_app_secret';
const DEFAULT_PREFERENCES: Preferences = { keepRunningInTray: true, startAtLogin: false };

/**
 * User settings: preferences, and the live Instagram app (App ID and redirect URI in plain settings,
 * the app secret sealed in the vault and never returned).
 */
export class SettingsService {
  constructor(
    private readonly deps: { db: Database; settings: SettingsRepo; secrets: SecretsRepo; vault: Vault; clock: Clock; events: EventBus },
  ) {}

  getPreferences(): Preferences {
    const stored = this.deps.settings.get('preferences');
    if (!stored) return { ...DEFAULT_PREFERENCES };
    try {
      const parsed = JSON.parse(stored) as Partial<Preferences>;
      return {
        keepRunningInTray: typeof parsed.keepRunningInTray === 'boolean' ? parsed.keepRunningInTray : DEFAULT_PREFERENCES.keepRunningInTray,
        startAtLogin: typeof parsed.startAtLogin === 'boolean' ? parsed.startAtLogin : DEFAULT_PREFERENCES.startAtLogin,
      };
    } catch {
      return { ...DEFAULT_PREFERENCES };
    }
  }

  setPreferences(change: Partial<Preferences>): Preferences {
    const next = { ...this.getPreferences(), ...change };
    this.deps.settings.set('preferences', JSON.stringify(next));
    this.deps.events.emit('app.changed', {});
    return next;
  }

  storedLive(): LiveSettings {
    const sealed = this.deps.secrets.get(APP_SECRET_OWNER, APP_SECRET_PURPOSE);
    return {
      appId: this.deps.settings.get('live.appId'),
      redirectUri: this.deps.settings.get('live.redirectUri'),
      appSecret: sealed ? this.deps.vault.open(sealed) : null,
    };
  }

  /** Saves the live app. A missing secret keeps the stored one; there must be one either way. */
  saveLive(input: { appId: string; appSecret?: string | undefined; redirectUri: string }): void {
    const { db, settings, secrets, vault, clock } = this.deps;
    const hasSecret = input.appSecret !== undefined || secrets.get(APP_SECRET_OWNER, APP_SECRET_PURPOSE) !== null;
    if (!hasSecret) throw new Failure('config_invalid', 'Enter the Instagram App secret.');
    db.transaction(() => {
      settings.set('live.appId', input.appId);
      settings.set('live.redirectUri', input.redirectUri);
      if (input.appSecret !== undefined) secrets.put(vault.seal(APP_SECRET_OWNER, APP_SECRET_PURPOSE, input.appSecret), clock.now());
    })();
  }

  clearLive(): void {
    const { db, settings, secrets } = this.deps;
    db.transaction(() => {
      settings.remove('live.appId');
      settings.remove('live.redirectUri');
      secrets.remove(APP_SECRET_OWNER, APP_SECRET_PURPOSE);
    })();
  }
}
