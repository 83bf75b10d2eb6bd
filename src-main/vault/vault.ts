import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Clock } from '../config/clock';
import { Failure } from '../config/failure';
import type { SealedSecret } from '../db/secretsRepo';
import type { VaultKeysRepo } from '../db/vaultKeysRepo';
import type { KeyProtector } from './keyProtector';

const ALGORITHM = 'aes-256-gcm';
const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Envelope encryption (DESIGN.md §4): each secret gets a fresh data key; the secret is sealed under it
 * with AES-256-GCM, the data key is sealed under the master key, and both seals bind the row
 * (owner, purpose, key version) as AAD, so a ciphertext moved to another row fails to open.
 */
export class Vault {
  private constructor(
    private readonly masterKey: Buffer,
    private readonly keyVersion: number,
  ) {}

  /**
   * Loads the master key, or creates it on first use. A key protected by a different mechanism or
   * keyring backend than today's is refused by name rather than silently replaced.
   */
  static open(keys: VaultKeysRepo, protector: KeyProtector, clock: Clock): Vault {
    const stored = keys.latest();
    if (!stored) {
      const masterKey = randomBytes(KEY_BYTES);
      keys.insert({ version: 1, protector: protector.id, backend: protector.backend(), protectedKey: protector.protect(masterKey) }, clock.now());
      return new Vault(masterKey, 1);
    }
    if (stored.protector !== protector.id || stored.backend !== protector.backend()) {
      throw new Failure('keyring_changed', `Stored with ${stored.protector}/${stored.backend}; now ${protector.id}/${protector.backend()}.`);
    }
    let masterKey: Buffer;
    try {
      masterKey = protector.unprotect(stored.protectedKey);
    } catch {
      throw new Failure('keyring_changed');
    }
    if (masterKey.length !== KEY_BYTES) throw new Failure('keyring_changed');
    return new Vault(masterKey, stored.version);
  }

  seal(ownerId: string, purpose: string, plaintext: string): SealedSecret {
    const aad = bindingFor(ownerId, purpose, this.keyVersion);
    const dataKey = randomBytes(KEY_BYTES);
    try {
      const wrapped = encrypt(this.masterKey, dataKey, aad);
      const sealed = encrypt(dataKey, Buffer.from(plaintext, 'utf8'), aad);
      return {
        ownerId,
        purpose,
        keyVersion: this.keyVersion,
        wrappedKey: Buffer.concat([wrapped.nonce, wrapped.ciphertext, wrapped.tag]),
        nonce: sealed.nonce,
        ciphertext: sealed.ciphertext,
        tag: sealed.tag,
      };
    } finally {
      dataKey.fill(0);
    }
  }

  /** Opens a sealed secret; throws if it was tampered with or belongs to another row. */
  open(secret: SealedSecret): string {
    if (secret.keyVersion !== this.keyVersion) throw new Error('Secret sealed under an unknown key version');
    const aad = bindingFor(secret.ownerId, secret.purpose, secret.keyVersion);
    const wrapped = secret.wrappedKey;
    const dataKey = decrypt(
      this.masterKey,
      {
        nonce: wrapped.subarray(0, NONCE_BYTES),
        ciphertext: wrapped.subarray(NONCE_BYTES, wrapped.length - TAG_BYTES),
        tag: wrapped.subarray(wrapped.length - TAG_BYTES),
      },
      aad,
    );
    try {
      return decrypt(dataKey, secret, aad).toString('utf8');
    } finally {
      dataKey.fill(0);
    }
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
