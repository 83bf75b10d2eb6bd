import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { KeyProtector } from './keyProtector';

/** Wraps with AES-256-GCM under a local key; the key's home decides how strong the protection is. */
function aesWrap(key: Buffer) {
  return {
    protect(plain: Buffer): Promise<Buffer> {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Promise.resolve(Buffer.concat([nonce, cipher.getAuthTag(), body]));
    },
    unprotect(sealed: Buffer): Promise<{ plain: Buffer; shouldReseal: boolean }> {
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
        decipher.setAuthTag(sealed.subarray(12, 28));
        return Promise.resolve({ plain: Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]), shouldReseal: false });
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    },
  };
}

/** A protector that wraps with `key`; the caller says where the key lives and how weak that is. */
export function aesKeyProtector(key: Buffer, label: { id: string; backend: string; weaknessWarning: string | null }): KeyProtector {
  return { id: label.id, backend: () => label.backend, weaknessWarning: () => label.weaknessWarning, requiresConsent: () => false, ...aesWrap(key) };
}

/** Tests: a key that lives only as long as the process. */
export function memoryKeyProtector(key: Buffer = randomBytes(32)): KeyProtector {
  return aesKeyProtector(key, { id: 'memory', backend: 'memory', weaknessWarning: null });
}

/**
 * The browser host has no OS keyring: its wrapping key is a file beside the database (mode 0600).
 * That is weak protection, and the UI says so.
 */
export function fileKeyProtector(keyFile: string): KeyProtector {
  if (!existsSync(keyFile)) {
    writeFileSync(keyFile, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
  }
  chmodSync(keyFile, 0o600);
  const key = Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new Error(`The key file ${keyFile} is damaged.`);
  return {
    id: 'file',
    backend: () => 'file',
    weaknessWarning: () =>
      'The browser host protects tokens with a key file on this disk, not the system keyring. Use the desktop app for everyday use.',
    // Running the browser host is itself the choice (the README and this warning say what it means).
    requiresConsent: () => false,
    ...aesWrap(key),
  };
}
