import type { SafeStorage } from 'electron';
import type { KeyProtector } from '../vault/keyProtector';

type SafeStorageLike = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>;

export const BASIC_TEXT_WARNING =
  'Your system keyring is not protecting Postdeck’s secrets (Electron is using its "basic_text" fallback), ' +
  'so anyone who can read your files could open your Instagram tokens. Install and unlock GNOME Keyring or KWallet, ' +
  'or start Postdeck with --password-store=gnome-libsecret, then restart Postdeck.';

/**
 * The vault's master key sealed by the OS through Electron `safeStorage`: Keychain on macOS, DPAPI on
 * Windows, libsecret/KWallet on Linux (or the weak `basic_text` fallback, which we report).
 * Ciphertext is carried as base64 through encryptString/decryptString.
 */
export class SafeStorageProtector implements KeyProtector {
  readonly id = 'safeStorage';

  constructor(
    private readonly safeStorage: SafeStorageLike,
    private readonly platform: NodeJS.Platform = process.platform,
  ) {}

  backend(): string {
    if (this.platform === 'darwin') return 'keychain';
    if (this.platform === 'win32') return 'dpapi';
    if (this.platform === 'linux') return this.safeStorage.getSelectedStorageBackend();
    return 'unknown';
  }

  weaknessWarning(): string | null {
    return this.platform === 'linux' && this.backend() === 'basic_text' ? BASIC_TEXT_WARNING : null;
  }

  protect(plain: Buffer): Buffer {
    this.requireEncryption();
    return this.safeStorage.encryptString(plain.toString('base64'));
  }

  unprotect(sealed: Buffer): Buffer {
    this.requireEncryption();
    return Buffer.from(this.safeStorage.decryptString(sealed), 'base64');
  }

  private requireEncryption(): void {
    if (!this.safeStorage.isEncryptionAvailable()) {
      throw new Error(
        'The system keyring is not available, so Postdeck cannot protect or open its key (safeStorage.isEncryptionAvailable() is false). ' +
          'On Linux, install and unlock GNOME Keyring or KWallet.',
      );
    }
  }
}
