import type { SafeStorage } from 'electron';
import type { KeyProtector } from '../vault/keyProtector';

type SyncSafeStorage = Pick<SafeStorage, 'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'>;
/** Electron's asynchronous API (newer releases); used where the installed Electron has it. */
type AsyncSafeStorage = Partial<Pick<SafeStorage, 'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync'>>;
export type SafeStorageLike = SyncSafeStorage & AsyncSafeStorage;

export const BASIC_TEXT_WARNING =
  'Your system keyring is not protecting Postdeck’s secrets (Electron is using its "basic_text" fallback), ' +
  'so anyone who can read your files could open your Instagram tokens. Install and unlock GNOME Keyring or KWallet, ' +
  'or start Postdeck with --password-store=gnome-libsecret, then restart Postdeck.';

const UNAVAILABLE =
  'The system keyring is not available, so Postdeck cannot protect or open its key (safeStorage reports encryption unavailable). ' +
  'On Linux, install and unlock GNOME Keyring or KWallet.';

/**
 * The vault's master key sealed by the OS through Electron `safeStorage`: Keychain on macOS, DPAPI on
 * Windows, libsecret/KWallet on Linux (or the weak `basic_text` fallback, which needs the user's consent).
 * Ciphertext is carried as base64 through the string API. The asynchronous API is preferred: it is
 * the supported one, and it says when the OS wants the key encrypted again.
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
    return this.requiresConsent() ? BASIC_TEXT_WARNING : null;
  }

  requiresConsent(): boolean {
    return this.platform === 'linux' && this.backend() === 'basic_text';
  }

  async protect(plain: Buffer): Promise<Buffer> {
    const text = plain.toString('base64');
    const { encryptStringAsync } = this.safeStorage;
    if (encryptStringAsync && (await this.asyncAvailable())) return encryptStringAsync.call(this.safeStorage, text);
    this.requireSyncEncryption();
    return this.safeStorage.encryptString(text);
  }

  async unprotect(sealed: Buffer): Promise<{ plain: Buffer; shouldReseal: boolean }> {
    const { decryptStringAsync } = this.safeStorage;
    if (decryptStringAsync && (await this.asyncAvailable())) {
      const { result, shouldReEncrypt } = await decryptStringAsync.call(this.safeStorage, sealed);
      return { plain: Buffer.from(result, 'base64'), shouldReseal: shouldReEncrypt };
    }
    this.requireSyncEncryption();
    return { plain: Buffer.from(this.safeStorage.decryptString(sealed), 'base64'), shouldReseal: false };
  }

  /** The async API exists; whether it can encrypt now is its own question (false before `ready`, or without a keyring). */
  private async asyncAvailable(): Promise<boolean> {
    const { isAsyncEncryptionAvailable } = this.safeStorage;
    if (!isAsyncEncryptionAvailable) return false;
    if (!(await isAsyncEncryptionAvailable.call(this.safeStorage))) throw new Error(UNAVAILABLE);
    return true;
  }

  private requireSyncEncryption(): void {
    if (!this.safeStorage.isEncryptionAvailable()) throw new Error(UNAVAILABLE);
  }
}
