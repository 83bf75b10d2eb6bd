import type { WeakKeyringConsent } from '../../src-shared/models';
import { Failure } from '../config/failure';
import type { Logger } from '../config/logger';
import type { SecretsRepo } from '../db/secretsRepo';
import type { KeyProtector } from '../vault/keyProtector';
import type { Vault } from '../vault/vault';
import type { SettingsService } from './service';

/**
 * What the user decides about secure storage: consent to Linux's weak `basic_text` keyring before any
 * token is sealed under it, and resetting the vault when a changed keyring locked it.
 */
export class SecureStorage {
  constructor(
    private readonly deps: {
      vault: Vault;
      protector: KeyProtector;
      settings: Pick<SettingsService, 'weakKeyringConsent' | 'setWeakKeyringConsent'>;
      /** Both tables of sealed secrets: accounts' tokens and the app's own. */
      secretTables: SecretsRepo[];
      logger: Logger;
    },
  ) {}

  /** `null` where the keyring protects secrets and nothing needs asking. */
  consent(): WeakKeyringConsent | null {
    return this.deps.protector.requiresConsent() ? this.deps.settings.weakKeyringConsent() : null;
  }

  setConsent(allow: boolean): void {
    this.deps.settings.setWeakKeyringConsent(allow);
    this.deps.logger.info('weak keyring consent recorded', { allow });
  }

  /** Before a new token is sealed (connect, reconnect): refuses, by name, what the user has not agreed to. */
  requireSealing(): void {
    if (this.deps.vault.state !== 'ok') throw new Failure('keyring_changed');
    const consent = this.consent();
    if (consent === 'ask') throw new Failure('keyring_consent_needed');
    if (consent === 'refused') throw new Failure('keyring_unprotected');
  }

  /**
   * Discards every sealed secret and makes a new master key under today's keyring. Accounts, their
   * history and settings stay; the accounts need reconnecting, and the App secret entering again.
   * Only offered while the vault is locked: otherwise it would throw working tokens away.
   */
  async reset(): Promise<void> {
    if (this.deps.vault.state === 'ok') throw new Failure('invalid_request', 'Secure storage is working; there is nothing to reset.');
    await this.deps.vault.reset(() => this.deps.secretTables.forEach((table) => table.removeAll()));
    this.deps.logger.warn('secure storage reset: sealed secrets discarded, new master key');
  }
}
