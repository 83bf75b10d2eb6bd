import { beforeEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';

import { resetFakes, safeStorage } from './fakeElectron';
import { BASIC_TEXT_WARNING, SafeStorageProtector } from '../../../src-main/electron/safeStorageProtector';

describe('SafeStorageProtector', () => {
  beforeEach(resetFakes);

  it('round-trips binary keys through encryptString/decryptString as base64', () => {
    const protector = new SafeStorageProtector(safeStorage as never, 'linux');
    const key = randomBytes(32);
    const sealed = protector.protect(key);
    expect(sealed.equals(key)).toBe(false);
    expect(safeStorage.encryptString).toHaveBeenCalledWith(key.toString('base64'));
    expect(protector.unprotect(sealed).equals(key)).toBe(true);
    expect(protector.id).toBe('safeStorage');
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

  it('refuses clearly when encryption is not available', () => {
    safeStorage.available = false;
    const protector = new SafeStorageProtector(safeStorage as never, 'linux');
    expect(() => protector.protect(Buffer.from('k'))).toThrow(/keyring is not available/);
    expect(() => protector.unprotect(Buffer.from('sealed:k'))).toThrow(/keyring is not available/);
    expect(safeStorage.encryptString).not.toHaveBeenCalled();
  });
});
