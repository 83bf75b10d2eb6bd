import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src-main/config/clock';
import { isFailure } from '../../../src-main/config/failure';
import { openDatabase, type Database } from '../../../src-main/db/database';
import { SecretsRepo, type SealedSecret } from '../../../src-main/db/secretsRepo';
import { VaultKeysRepo } from '../../../src-main/db/vaultKeysRepo';
import type { KeyProtector } from '../../../src-main/vault/keyProtector';
import { fileKeyProtector, memoryKeyProtector } from '../../../src-main/vault/localProtectors';
import { Vault } from '../../../src-main/vault/vault';

const TOKEN = 'IGAAexampleLongLivedToken-0123456789';

function flipBit(buffer: Buffer, index = 0): Buffer {
  const copy = Buffer.from(buffer);
  copy[index] = copy[index]! ^ 0x01;
  return copy;
}

function expectFailure(run: () => unknown, code: string): void {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(isFailure(thrown)).toBe(true);
  expect((thrown as { code: string }).code).toBe(code);
}

describe('Vault', () => {
  let db: Database;
  let keys: VaultKeysRepo;
  let secrets: SecretsRepo;
  const clock = new ManualClock();
  const masterKey = Buffer.alloc(32, 7);

  beforeEach(() => {
    db = openDatabase(':memory:');
    keys = new VaultKeysRepo(db);
    secrets = new SecretsRepo(db);
  });
  afterEach(() => db.close());

  it('seals and opens a secret, also after a trip through the secrets table', () => {
    const vault = Vault.open(keys, memoryKeyProtector(masterKey), clock);
    const sealed = vault.seal('account-1', 'access_token', TOKEN);
    expect(sealed.ciphertext.toString('utf8')).not.toContain(TOKEN);
    expect(vault.open(sealed)).toBe(TOKEN);
    secrets.put(sealed, clock.now());
    expect(vault.open(secrets.get('account-1', 'access_token')!)).toBe(TOKEN);
  });

  it('uses a fresh nonce and data key for every seal', () => {
    const vault = Vault.open(keys, memoryKeyProtector(masterKey), clock);
    const a = vault.seal('account-1', 'access_token', TOKEN);
    const b = vault.seal('account-1', 'access_token', TOKEN);
    expect(a.nonce.equals(b.nonce)).toBe(false);
    expect(a.wrappedKey.equals(b.wrappedKey)).toBe(false);
    expect(a.ciphertext.equals(b.ciphertext)).toBe(false);
    expect(vault.open(a)).toBe(TOKEN);
    expect(vault.open(b)).toBe(TOKEN);
  });

  it.each<[string, (s: SealedSecret) => SealedSecret]>([
    ['ciphertext', (s) => ({ ...s, ciphertext: flipBit(s.ciphertext, 3) })],
    ['tag', (s) => ({ ...s, tag: flipBit(s.tag) })],
    ['nonce', (s) => ({ ...s, nonce: flipBit(s.nonce) })],
    ['wrapped key nonce', (s) => ({ ...s, wrappedKey: flipBit(s.wrappedKey, 0) })],
    ['wrapped key body', (s) => ({ ...s, wrappedKey: flipBit(s.wrappedKey, 20) })],
    ['wrapped key tag', (s) => ({ ...s, wrappedKey: flipBit(s.wrappedKey, s.wrappedKey.length - 1) })],
  ])('refuses a secret with a flipped bit in its %s', (_part, tamper) => {
    const vault = Vault.open(keys, memoryKeyProtector(masterKey), clock);
    const sealed = vault.seal('account-1', 'access_token', TOKEN);
    expect(() => vault.open(tamper(sealed))).toThrow();
    expect(vault.open(sealed)).toBe(TOKEN);
  });

  it('binds a secret to its owner and purpose', () => {
    const vault = Vault.open(keys, memoryKeyProtector(masterKey), clock);
    const sealed = vault.seal('account-1', 'access_token', TOKEN);
    expect(() => vault.open({ ...sealed, ownerId: 'account-2' })).toThrow();
    expect(() => vault.open({ ...sealed, purpose: 'app_secret' })).toThrow();

    // Moved row by row in the table, too.
    secrets.put({ ...sealed, ownerId: 'account-2' }, clock.now());
    expect(() => vault.open(secrets.get('account-2', 'access_token')!)).toThrow();
  });

  it('stores the master key only in protected form and reopens old secrets with the same protector', () => {
    const first = Vault.open(keys, memoryKeyProtector(masterKey), clock);
    secrets.put(first.seal('account-1', 'access_token', TOKEN), clock.now());
    const stored = keys.latest()!;
    expect(stored).toMatchObject({ version: 1, protector: 'memory', backend: 'memory' });
    expect(stored.protectedKey.length).toBeGreaterThan(0);

    const again = Vault.open(keys, memoryKeyProtector(masterKey), clock);
    expect(again.open(secrets.get('account-1', 'access_token')!)).toBe(TOKEN);
  });

  it('refuses a different protector id or backend with keyring_changed', () => {
    Vault.open(keys, memoryKeyProtector(masterKey), clock);
    const base = memoryKeyProtector(masterKey);
    expectFailure(() => Vault.open(keys, { ...base, id: 'safeStorage' }, clock), 'keyring_changed');
    expectFailure(() => Vault.open(keys, { ...base, backend: () => 'basic_text' }, clock), 'keyring_changed');
    // Nothing was replaced: the original protector still works.
    expect(keys.latest()?.protector).toBe('memory');
    expect(() => Vault.open(keys, memoryKeyProtector(masterKey), clock)).not.toThrow();
  });

  it('reports keyring_changed when the protector cannot unprotect the stored key', () => {
    Vault.open(keys, memoryKeyProtector(masterKey), clock);
    const broken: KeyProtector = {
      ...memoryKeyProtector(masterKey),
      unprotect: () => {
        throw new Error('keyring locked');
      },
    };
    expectFailure(() => Vault.open(keys, broken, clock), 'keyring_changed');
    // Same id/backend but another key: GCM authentication fails inside unprotect.
    expectFailure(() => Vault.open(keys, memoryKeyProtector(Buffer.alloc(32, 9)), clock), 'keyring_changed');
  });
});

describe('fileKeyProtector', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'postdeck-vault-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a 0600 key file and reuses it on the next start', () => {
    const file = join(dir, 'vault.key');
    const first = fileKeyProtector(file);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    const content = readFileSync(file, 'utf8');
    expect(Buffer.from(content.trim(), 'base64')).toHaveLength(32);

    const sealed = first.protect(Buffer.from('master'));
    const second = fileKeyProtector(file);
    expect(readFileSync(file, 'utf8')).toBe(content);
    expect(second.unprotect(sealed).toString()).toBe('master');
    expect(second.id).toBe('file');
    expect(second.backend()).toBe('file');
  });

  it('tightens an existing key file to 0600 without replacing it', () => {
    const file = join(dir, 'vault.key');
    const key = Buffer.alloc(32, 3).toString('base64');
    writeFileSync(file, `${key}\n`, { mode: 0o644 });
    const protector = fileKeyProtector(file);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe(`${key}\n`);
    const sealed = protector.protect(Buffer.from('master'));
    expect(fileKeyProtector(file).unprotect(sealed).toString()).toBe('master');
  });

  it('rejects a damaged key file', () => {
    const file = join(dir, 'vault.key');
    writeFileSync(file, Buffer.alloc(16).toString('base64'));
    expect(() => fileKeyProtector(file)).toThrow(/damaged/);
  });

  it('warns that file protection is weak, unlike the memory protector', () => {
    expect(fileKeyProtector(join(dir, 'vault.key')).weaknessWarning()).toMatch(/key file/);
    expect(memoryKeyProtector().weaknessWarning()).toBeNull();
  });
});
