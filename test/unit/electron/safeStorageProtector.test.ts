import { beforeEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';

import { resetFakes, safeStorage } from './fakeElectron';
import { BASIC_TEXT_WARNING, SafeStorageProtector } from '../../../src-main/electron/safeStorageProtector';

/** An Electron without the asynchronous safeStorage API. */
function syncOnly(): never {
  const { isEncryptionAvailable, encryptString, decryptString, getSelectedStorageBackend } = safeStorage;
  return { isEncryptionAvailable, encryptString, decryptString, getSelectedStorageBackend } as never;
}

describe('SafeStorageProtector', () => {
  beforeEach(resetFakes);

  it('round-trips binary keys through the synchronous API as base64 where the async one is missing', async () => {
    const protector = new SafeStorageProtector(syncOnly(), 'linux');
    const key = randomBytes(32);
    const sealed = await protector.protect(key);
    expect(sealed.equals(key)).toBe(false);
    expect(safeStorage.encryptString).toHaveBeenCalledWith(key.toString('base64'));
    const opened = await protector.unprotect(sealed);
    expect(opened.plain.equals(key)).toBe(true);
    expect(opened.shouldReseal).toBe(false);
    expect(protector.id).toBe('safeStorage');
  });

  it('uses the asynchronous API where Electron has it, and passes on its request to re-encrypt', async () => {
    const protector = new SafeStorageProtector(safeStorage as never, 'linux');
    const key = randomBytes(32);
    const sealed = await protector.protect(key);
    expect(safeStorage.encryptStringAsync).toHaveBeenCalledWith(key.toString('base64'));
    expect((await protector.unprotect(sealed)).shouldReseal).toBe(false);
    safeStorage.rotated = true;
    const opened = await protector.unprotect(sealed);
    expect(opened).toEqual({ plain: key, shouldReseal: true });
    expect(safeStorage.encryptString).not.toHaveBeenCalled();
    expect(safeStorage.decryptString).not.toHaveBeenCalled();
  });

  it('reports the backend per platform', () => {
    safeStorage.backendName = 'kwallet6';
    expect(new SafeStorageProtector(safeStorage as never, 'linux').backend()).toBe('kwallet6');
    expect(new SafeStorageProtector(safeStorage as never, 'darwin').backend()).toBe('keychain');
    expect(new SafeStorageProtector(safeStorage as never, 'win32').backend()).toBe('dpapi');
  });

  it('warns on the Linux basic_text backend, and only there', () => {
    safeStorage.backendName = 'basic_text';
    const warning = new SafeStorageProtector(safeStorage as never, 'linux').weaknessWarning();
    expect(warning).toBe(BASIC_TEXT_WARNING);
    expect(warning).toMatch(/GNOME Keyring or KWallet/);
    expect(warning).toMatch(/--password-store=gnome-libsecret/);
    safeStorage.backendName = 'gnome_libsecret';
    expect(new SafeStorageProtector(safeStorage as never, 'linux').weaknessWarning()).toBeNull();
    expect(new SafeStorageProtector(safeStorage as never, 'darwin').weaknessWarning()).toBeNull();
  });

  it('asks for consent before sealing on the Linux basic_text backend only', () => {
    safeStorage.backendName = 'basic_text';
    expect(new SafeStorageProtector(safeStorage as never, 'linux').requiresConsent()).toBe(true);
    safeStorage.backendName = 'kwallet6';
    expect(new SafeStorageProtector(safeStorage as never, 'linux').requiresConsent()).toBe(false);
    expect(new SafeStorageProtector(safeStorage as never, 'darwin').requiresConsent()).toBe(false);
  });

  it.each([
    ['asynchronous', () => safeStorage as never],
    ['synchronous', () => syncOnly()],
  ])('refuses clearly when encryption is not available (%s API)', async (_api, storage) => {
    safeStorage.available = false;
    const protector = new SafeStorageProtector(storage(), 'linux');
    await expect(protector.protect(Buffer.from('k'))).rejects.toThrow(/keyring is not available/);
    await expect(protector.unprotect(Buffer.from('sealed:k'))).rejects.toThrow(/keyring is not available/);
    expect(safeStorage.encryptString).not.toHaveBeenCalled();
    expect(safeStorage.encryptStringAsync).not.toHaveBeenCalled();
  });
});
