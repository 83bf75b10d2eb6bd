import { DEFAULT_PREFERENCES, type Preferences, type WeakKeyringConsent } from '../../src-shared/models';
import type { Clock } from '../config/clock';
import type { LiveSettings } from '../config/environment';
import type { EventBus } from '../config/events';
import { Failure, isFailure } from '../config/failure';
import type { Logger } from '../config/logger';
import type { Database } from '../db/database';
import type { SecretsRepo } from '../db/secretsRepo';
import type { SettingsRepo } from '../db/settingsRepo';
import type { Vault } from '../vault/vault';

/** The owner of the app's own sealed secrets in `app_secrets` (an export carries them too). */
export const APP_SECRET_OWNER = 'app';
const APP_SECRET_PURPOSE = 'ig_app_secret';
const WEAK_KEYRING_CONSENT = 'weakKeyringConsent';

/**
 * User settings: preferences, the user's answer about the weak `basic_text` keyring, and the live
 * Instagram app (App ID and redirect URI in plain settings, the app secret sealed in the vault and
 * never returned).
 */
export class SettingsService {
  constructor(
    private readonly deps: {
      db: Database;
      settings: SettingsRepo;
      /** The app's own sealed secrets (`app_secrets`), not accounts' tokens. */
      appSecrets: SecretsRepo;
      vault: Vault;
      clock: Clock;
      events: EventBus;
      logger: Logger;
    },
  ) {}

  getPreferences(): Preferences {
    const stored = this.deps.settings.get('preferences');
    if (!stored) return { ...DEFAULT_PREFERENCES };
    try {
      const parsed = JSON.parse(stored) as Partial<Preferences>;
      return {
        keepRunningInTray: typeof parsed.keepRunningInTray === 'boolean' ? parsed.keepRunningInTray : DEFAULT_PREFERENCES.keepRunningInTray,
        startAtLogin: typeof parsed.startAtLogin === 'boolean' ? parsed.startAtLogin : DEFAULT_PREFERENCES.startAtLogin,
        missedSlotGraceMinutes:
          Number.isInteger(parsed.missedSlotGraceMinutes) && parsed.missedSlotGraceMinutes! >= 0 && parsed.missedSlotGraceMinutes! <= 24 * 60
            ? parsed.missedSlotGraceMinutes!
            : DEFAULT_PREFERENCES.missedSlotGraceMinutes,
        notifyNewComments: typeof parsed.notifyNewComments === 'boolean' ? parsed.notifyNewComments : DEFAULT_PREFERENCES.notifyNewComments,
        notifyNewMessages: typeof parsed.notifyNewMessages === 'boolean' ? parsed.notifyNewMessages : DEFAULT_PREFERENCES.notifyNewMessages,
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

  weakKeyringConsent(): WeakKeyringConsent {
    const stored = this.deps.settings.get(WEAK_KEYRING_CONSENT);
    return stored === 'allowed' || stored === 'refused' ? stored : 'ask';
  }

  setWeakKeyringConsent(allow: boolean): void {
    this.deps.settings.set(WEAK_KEYRING_CONSENT, allow ? 'allowed' : 'refused');
  }

  /**
   * The stored live app. A sealed secret that will not open (damaged, or the keyring changed) never
   * stops the app: it reads as no secret, flagged so Settings asks for it again.
   */
  storedLive(): LiveSettings {
    const secret = this.openAppSecret(APP_SECRET_PURPOSE);
    return {
      appId: this.deps.settings.get('live.appId'),
      redirectUri: this.deps.settings.get('live.redirectUri'),
      appSecret: secret.value,
      secretDamaged: secret.damaged,
    };
  }

  /** One of the app's own sealed secrets (e.g. the media bucket's key), read as null when missing or unopenable. */
  appSecret(purpose: string): { get(): string | null; put(value: string): void; remove(): void } {
    const { appSecrets, vault, clock } = this.deps;
    return {
      get: () => this.openAppSecret(purpose).value,
      put: (value) => appSecrets.put(vault.seal(APP_SECRET_OWNER, purpose, value), clock.now()),
      remove: () => appSecrets.remove(APP_SECRET_OWNER, purpose),
    };
  }

  private openAppSecret(purpose: string): { value: string | null; damaged: boolean } {
    const sealed = this.deps.appSecrets.get(APP_SECRET_OWNER, purpose);
    if (!sealed) return { value: null, damaged: false };
    try {
      return { value: this.deps.vault.open(sealed), damaged: false };
    } catch (error) {
      if (!isFailure(error)) throw error;
      this.deps.logger.error('a stored app secret cannot be opened', { purpose, reason: error.error.code });
      return { value: null, damaged: true };
    }
  }

  /** Saves the live app. A missing secret keeps the stored one; there must be a usable one either way. */
  saveLive(input: { appId: string; appSecret?: string | undefined; redirectUri: string }): void {
    const { db, settings, appSecrets, vault, clock } = this.deps;
    if (input.appSecret === undefined && this.storedLive().appSecret === null) throw new Failure('config_invalid', 'Enter the Instagram App secret.');
    const sealed = input.appSecret === undefined ? null : vault.seal(APP_SECRET_OWNER, APP_SECRET_PURPOSE, input.appSecret);
    db.transaction(() => {
      settings.set('live.appId', input.appId);
      settings.set('live.redirectUri', input.redirectUri);
      if (sealed) appSecrets.put(sealed, clock.now());
    })();
  }

  clearLive(): void {
    const { db, settings, appSecrets } = this.deps;
    db.transaction(() => {
      settings.remove('live.appId');
      settings.remove('live.redirectUri');
      appSecrets.remove(APP_SECRET_OWNER, APP_SECRET_PURPOSE);
    })();
  }
}
