import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Clock } from '../config/clock';
import { Failure } from '../config/failure';
import type { Logger } from '../config/logger';
import type { SealedSecret } from '../db/secretsRepo';
import type { StoredMasterKey, VaultKeysRepo } from '../db/vaultKeysRepo';
import type { KeyProtector } from './keyProtector';

const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** Why the vault cannot be used: the master key did not open with today's keyring. */
export type VaultState = 'ok' | 'keyring_changed';

/**
 * Envelope encryption (DESIGN.md §4): each secret gets a fresh data key; the secret is sealed under it
 * with AES-256-GCM, the data key is sealed under the master key, and both seals bind the row
 * (owner, purpose, key version) as AAD, so a ciphertext moved to another row fails to open.
 *
 * A master key that will not open (a changed keyring) leaves the vault locked rather than stopping the
 * app: every seal and open then fails with `keyring_changed` until the keyring is restored (restart) or
 * the user resets secure storage, which discards every sealed secret and makes a new key.
 */
export class Vault {
  private constructor(
    private key: { master: Buffer; version: number } | null,
    private readonly keys: VaultKeysRepo,
    private readonly protector: KeyProtector,
    private readonly clock: Clock,
  ) {}

  /**
   * Loads the master key, or creates it on first use. A key protected by a different mechanism or
   * keyring backend than today's is never silently replaced: the vault opens locked.
   */
  static async open(keys: VaultKeysRepo, protector: KeyProtector, clock: Clock, logger: Logger): Promise<Vault> {
    const stored = keys.latest();
    if (!stored) {
      const vault = new Vault(null, keys, protector, clock);
      await vault.createKey(1, () => undefined);
      return vault;
    }
    const master = await unprotectStored(stored, protector, keys, logger);
    return new Vault(master ? { master, version: stored.version } : null, keys, protector, clock);
  }

  get state(): VaultState {
    return this.key ? 'ok' : 'keyring_changed';
  }

  /**
   * Discards every sealed secret and the old master key, and makes a new one under today's protector.
   * `discardSecrets` deletes the sealed rows; it runs in the same transaction as the key swap.
   */
  async reset(discardSecrets: () => void): Promise<void> {
    const next = (this.keys.latest()?.version ?? 0) + 1;
    await this.createKey(next, discardSecrets);
  }

  private async createKey(version: number, inTransaction: () => void): Promise<void> {
    const master = randomBytes(KEY_BYTES);
    const protectedKey = await this.protector.protect(master);
    this.keys.replaceAll({ version, protector: this.protector.id, backend: this.protector.backend(), protectedKey }, this.clock.now(), inTransaction);
    this.key?.master.fill(0);
    this.key = { master, version };
  }

  seal(ownerId: string, purpose: string, plaintext: string): SealedSecret {
    const { master, version } = this.unlocked();
    const aad = bindingFor(ownerId, purpose, version);
    const dataKey = randomBytes(KEY_BYTES);
    try {
      const wrapped = encrypt(master, dataKey, aad);
      const sealed = encrypt(dataKey, Buffer.from(plaintext, 'utf8'), aad);
      return {
        ownerId,
        purpose,
        keyVersion: version,
        wrappedKey: Buffer.concat([wrapped.nonce, wrapped.ciphertext, wrapped.tag]),
        nonce: sealed.nonce,
        ciphertext: sealed.ciphertext,
        tag: sealed.tag,
      };
    } finally {
      dataKey.fill(0);
    }
  }

  /**
   * Opens a sealed secret. Throws `keyring_changed` while the vault is locked, and `secret_damaged` when
   * the row was tampered with, damaged, or moved from another row (never with any of its bytes).
   */
  open(secret: SealedSecret): string {
    const { master, version } = this.unlocked();
    const damaged = () => new Failure('secret_damaged', `Owner ${secret.ownerId}, purpose ${secret.purpose}.`);
    if (secret.keyVersion !== version) throw damaged();
    const aad = bindingFor(secret.ownerId, secret.purpose, secret.keyVersion);
    const wrapped = secret.wrappedKey;
    let dataKey: Buffer;
    try {
      dataKey = decrypt(
        master,
        {
          nonce: wrapped.subarray(0, NONCE_BYTES),
          ciphertext: wrapped.subarray(NONCE_BYTES, wrapped.length - TAG_BYTES),
          tag: wrapped.subarray(wrapped.length - TAG_BYTES),
        },
        aad,
      );
    } catch {
      throw damaged();
    }
    try {
      return decrypt(dataKey, secret, aad).toString('utf8');
    } catch {
      throw damaged();
    } finally {
      dataKey.fill(0);
    }
  }

  private unlocked(): { master: Buffer; version: number } {
    if (!this.key) throw new Failure('keyring_changed');
    return this.key;
  }
}

/**
 * The stored master key opened with today's protector, or null when it cannot be (another mechanism
 * or backend, or the keyring refuses). Re-protected in place when the protector asks for it.
 */
async function unprotectStored(stored: StoredMasterKey, protector: KeyProtector, keys: VaultKeysRepo, logger: Logger): Promise<Buffer | null> {
  if (stored.protector !== protector.id || stored.backend !== protector.backend()) {
    logger.error('master key was protected by another keyring', {
      stored: `${stored.protector}/${stored.backend}`,
      now: `${protector.id}/${protector.backend()}`,
    });
    return null;
  }
  try {
    const { plain, shouldReseal } = await protector.unprotect(stored.protectedKey);
    if (plain.length !== KEY_BYTES) throw new Error(`master key has ${plain.length} bytes`);
    if (shouldReseal) {
      keys.updateProtectedKey(stored.version, await protector.protect(plain));
      logger.info('master key re-protected at the keyring\'s request', { version: stored.version });
    }
    return plain;
  } catch (error) {
    logger.error('master key could not be opened with the keyring', { error });
    return null;
  }
}

interface Sealed {
  nonce: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

function bindingFor(ownerId: string, purpose: string, keyVersion: number): Buffer {
  return Buffer.from(JSON.stringify(['postdeck-secret', ownerId, purpose, keyVersion]), 'utf8');
}

function encrypt(key: Buffer, plaintext: Buffer, aad: Buffer): Sealed {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { nonce, ciphertext, tag: cipher.getAuthTag() };
}

function decrypt(key: Buffer, sealed: Sealed, aad: Buffer): Buffer {
  if (sealed.nonce.length !== NONCE_BYTES || sealed.tag.length !== TAG_BYTES) throw new Error('Malformed sealed secret');
  const decipher = createDecipheriv(ALGORITHM, key, sealed.nonce, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.tag);
  return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
}
