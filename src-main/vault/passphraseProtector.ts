import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { aesKeyProtector } from './localProtectors';
import type { KeyProtector } from './keyProtector';

/** OWASP's scrypt floor (N=2^17, r=8, p=1): about 128 MiB and a fraction of a second, once per start. */
export const DEFAULT_SCRYPT = { N: 2 ** 17, r: 8, p: 1 } as const;
export type ScryptParams = { N: number; r: number; p: number };

/**
 * The most a stored file's parameters may ask for: twice what Postdeck writes, in time (N·r·p) and in memory
 * (128·N·r bytes). The file names its own cost, and a hostile one asking N=2^20, r=32 took 12 s and 4 GiB.
 */
const MAX_SCRYPT_COST = 2 * DEFAULT_SCRYPT.N * DEFAULT_SCRYPT.r * DEFAULT_SCRYPT.p;
const MAX_SCRYPT_MEMORY = 2 * 128 * DEFAULT_SCRYPT.N * DEFAULT_SCRYPT.r;

/** Whether `params` are scrypt parameters Postdeck could have written; anything else is refused before deriving. */
export function affordableScrypt(params: Partial<Record<keyof ScryptParams, unknown>>): boolean {
  const { N, r, p } = params;
  if (!Number.isSafeInteger(N) || !Number.isSafeInteger(r) || !Number.isSafeInteger(p)) return false;
  const [n, blockSize, parallel] = [N as number, r as number, p as number];
  return n > 1 && (n & (n - 1)) === 0 && blockSize >= 1 && parallel >= 1 && n * blockSize * parallel <= MAX_SCRYPT_COST && 128 * n * blockSize <= MAX_SCRYPT_MEMORY;
}

export class UnaffordableScryptError extends Error {
  override readonly name = 'UnaffordableScryptError';
  constructor({ N, r, p }: ScryptParams) {
    super(`The scrypt parameters N=${N}, r=${r}, p=${p} ask for more time or memory than Postdeck ever uses.`);
  }
}

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

/**
 * A 32-byte key from a passphrase; shared with export files (src-main/transfer), which store their own salt and
 * parameters. Derived on libuv's thread pool, so the app keeps answering meanwhile; parameters beyond what
 * Postdeck writes are refused (UnaffordableScryptError) before any work.
 */
export function derivePassphraseKey(passphrase: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  if (!affordableScrypt(params)) return Promise.reject(new UnaffordableScryptError(params));
  return new Promise((resolve, reject) => {
    scrypt(passphrase.normalize('NFC'), salt, 32, { ...params, maxmem: MAX_SCRYPT_MEMORY + 1024 * 1024 }, (error, key) => (error ? reject(error) : resolve(key)));
  });
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
export async function passphraseKeyProtector(keyFile: string, passphrase: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<KeyProtector> {
  if (passphrase.length === 0) throw new Error('The passphrase is empty.');
  return aesKeyProtector(existsSync(keyFile) ? await openSealedKey(keyFile, passphrase) : await createSealedKey(keyFile, passphrase, params), {
    id: 'passphrase',
    backend: 'scrypt',
    weaknessWarning: null,
  });
}

async function createSealedKey(keyFile: string, passphrase: string, params: ScryptParams): Promise<Buffer> {
  const key = randomBytes(32);
  const salt = randomBytes(16);
  const { nonce, tag, sealed } = gcmSeal(await derivePassphraseKey(passphrase, salt, params), key);
  const file: SealedKeyFile = {
    version: 1,
    kdf: 'scrypt',
    ...params,
    salt: salt.toString('base64'),
    nonce: nonce.toString('base64'),
    tag: tag.toString('base64'),
    sealedKey: sealed.toString('base64'),
  };
  await writeFile(keyFile, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}

async function openSealedKey(keyFile: string, passphrase: string): Promise<Buffer> {
  const file = JSON.parse(await readFile(keyFile, 'utf8')) as SealedKeyFile;
  if (file.version !== 1 || file.kdf !== 'scrypt') throw new Error(`${keyFile} was written by a newer Postdeck.`);
  if (!affordableScrypt(file)) throw new Error(`${keyFile} was not written by Postdeck: its scrypt parameters (N=${String(file.N)}, r=${String(file.r)}, p=${String(file.p)}) ask for more time or memory than Postdeck ever uses. Nothing was changed.`);
  const key = await derivePassphraseKey(passphrase, Buffer.from(file.salt, 'base64'), file);
  try {
    return gcmOpen(key, { nonce: Buffer.from(file.nonce, 'base64'), tag: Buffer.from(file.tag, 'base64'), sealed: Buffer.from(file.sealedKey, 'base64') });
  } catch {
    throw new WrongPassphraseError(keyFile);
  }
}
