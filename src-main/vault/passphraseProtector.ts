import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { aesKeyProtector } from './localProtectors';
import type { KeyProtector } from './keyProtector';

/** OWASP's scrypt floor (N=2^17, r=8, p=1): about 128 MiB and a fraction of a second, once per start. */
export const DEFAULT_SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const;
export type ScryptParams = { N: number; r: number; p: number };

/** What `serve-key.json` holds: the scrypt parameters and salt beside the key they seal. No secret in the clear. */
interface SealedKeyFile extends ScryptParams {
  version: 1;
  kdf: 'scrypt';
  salt: string;
  nonce: string;
  tag: string;
  sealedKey: string;
}

export class WrongPassphraseError extends Error {
  override readonly name = 'WrongPassphraseError';
  constructor(file: string) {
    super(`The passphrase does not open ${file}. Nothing was changed. Check POSTDECK_PASSPHRASE_FILE (or what you typed) and start again.`);
  }
}

/** A 32-byte key from a passphrase; shared with export files (src-main/transfer), which store their own salt and parameters. */
export function derivePassphraseKey(passphrase: string, salt: Buffer, params: ScryptParams): Buffer {
  return scryptSync(passphrase.normalize('NFC'), salt, 32, { ...params, maxmem: 256 * params.N * params.r + 1024 * 1024 });
}

export interface GcmSealed {
  nonce: Buffer;
  tag: Buffer;
  sealed: Buffer;
}

/** AES-256-GCM under `key`; `aad` is authenticated too (an export file binds its header, nonce included, this way). */
export function gcmSeal(key: Buffer, plain: Buffer, aad?: Buffer, nonce: Buffer = randomBytes(12)): GcmSealed {
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  if (aad) cipher.setAAD(aad);
  const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { nonce, tag: cipher.getAuthTag(), sealed };
}

/** Opens what `gcmSeal` sealed; throws when the key is wrong or any byte (or the aad) changed. */
export function gcmOpen(key: Buffer, { nonce, tag, sealed }: GcmSealed, aad?: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, nonce);
  if (aad) decipher.setAAD(aad);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed), decipher.final()]);
}

/**
 * The headless host has no OS keyring: the key that wraps the vault's master key is sealed under a
 * passphrase (scrypt, then AES-256-GCM) in `keyFile`, beside its parameters. The first start creates it;
 * later starts open it, and a wrong passphrase throws before anything is written.
 */
export function passphraseKeyProtector(keyFile: string, passphrase: string, params: ScryptParams = DEFAULT_SCRYPT): KeyProtector {
  if (passphrase.length === 0) throw new Error('The passphrase is empty.');
  return aesKeyProtector(existsSync(keyFile) ? openSealedKey(keyFile, passphrase) : createSealedKey(keyFile, passphrase, params), {
    id: 'passphrase',
    backend: 'scrypt',
    weaknessWarning: null,
  });
}

function createSealedKey(keyFile: string, passphrase: string, params: ScryptParams): Buffer {
  const key = randomBytes(32);
  const salt = randomBytes(16);
  const { nonce, tag, sealed } = gcmSeal(derivePassphraseKey(passphrase, salt, params), key);
  const file: SealedKeyFile = {
    version: 1,
    kdf: 'scrypt',
    ...params,
    salt: salt.toString('base64'),
    nonce: nonce.toString('base64'),
    tag: tag.toString('base64'),
    sealedKey: sealed.toString('base64'),
  };
  writeFileSync(keyFile, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}

function openSealedKey(keyFile: string, passphrase: string): Buffer {
  const file = JSON.parse(readFileSync(keyFile, 'utf8')) as SealedKeyFile;
  if (file.version !== 1 || file.kdf !== 'scrypt') throw new Error(`${keyFile} was written by a newer Postdeck.`);
  const key = derivePassphraseKey(passphrase, Buffer.from(file.salt, 'base64'), file);
  try {
    return gcmOpen(key, { nonce: Buffer.from(file.nonce, 'base64'), tag: Buffer.from(file.tag, 'base64'), sealed: Buffer.from(file.sealedKey, 'base64') });
  } catch {
    throw new WrongPassphraseError(keyFile);
  }
}
