import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src-main/config/manualClock';
import { isFailure } from '../../../src-main/config/failure';
import { silentLogger } from '../../../src-main/config/logger';
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
  const open = (protector: KeyProtector = memoryKeyProtector(masterKey)) => Vault.open(keys, protector, clock, silentLogger);

  beforeEach(() => {
    db = openDatabase(':memory:');
    keys = new VaultKeysRepo(db);
    secrets = new SecretsRepo(db, 'app_secrets');
  });
  afterEach(() => db.close());

  it('seals and opens a secret, also after a trip through the secrets table', async () => {
    const vault = await open();
    const sealed = vault.seal('account-1', 'access_token', TOKEN);
    expect(sealed.ciphertext.toString('utf8')).not.toContain(TOKEN);
    expect(vault.open(sealed)).toBe(TOKEN);
    secrets.put(sealed, clock.now());
    expect(vault.open(secrets.get('account-1', 'access_token')!)).toBe(TOKEN);
  });

  it('uses a fresh nonce and data key for every seal', async () => {
    const vault = await open();
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
  ])('refuses a secret with a flipped bit in its %s as secret_damaged, naming the row but none of its bytes', async (_part, tamper) => {
    const vault = await open();
    const sealed = vault.seal('account-1', 'access_token', TOKEN);
    expectFailure(() => vault.open(tamper(sealed)), 'secret_damaged');
    try {
      vault.open(tamper(sealed));
    } catch (error) {
      expect((error as { error: { detail: string } }).error.detail).toBe('Owner account-1, purpose access_token.');
    }
    expect(vault.open(sealed)).toBe(TOKEN);
  });

  it('binds a secret to its owner and purpose', async () => {
    const vault = await open();
    const sealed = vault.seal('account-1', 'access_token', TOKEN);
    expectFailure(() => vault.open({ ...sealed, ownerId: 'account-2' }), 'secret_damaged');
    expectFailure(() => vault.open({ ...sealed, purpose: 'app_secret' }), 'secret_damaged');

    // Moved row by row in the table, too.
    secrets.put({ ...sealed, ownerId: 'account-2' }, clock.now());
    expectFailure(() => vault.open(secrets.get('account-2', 'access_token')!), 'secret_damaged');
  });

  it('stores the master key only in protected form and reopens old secrets with the same protector', async () => {
    const first = await open();
    secrets.put(first.seal('account-1', 'access_token', TOKEN), clock.now());
    const stored = keys.latest()!;
    expect(stored).toMatchObject({ version: 1, protector: 'memory', backend: 'memory' });
    expect(stored.protectedKey.length).toBeGreaterThan(0);

    const again = await open();
    expect(again.state).toBe('ok');
    expect(again.open(secrets.get('account-1', 'access_token')!)).toBe(TOKEN);
  });

  it('opens locked (keyring_changed), never replacing the key, under a different protector id or backend', async () => {
    await open();
    const base = memoryKeyProtector(masterKey);
    for (const changed of [{ ...base, id: 'safeStorage' }, { ...base, backend: () => 'basic_text' }]) {
      const locked = await open(changed);
      expect(locked.state).toBe('keyring_changed');
      expectFailure(() => locked.seal('account-1', 'access_token', TOKEN), 'keyring_changed');
    }
    // Nothing was replaced: the original protector still works.
    expect(keys.latest()?.protector).toBe('memory');
    expect((await open()).state).toBe('ok');
  });

  it('opens locked when the protector cannot unprotect the stored key; opening a secret then says keyring_changed', async () => {
    const first = await open();
    const sealed = first.seal('account-1', 'access_token', TOKEN);
    const broken: KeyProtector = { ...memoryKeyProtector(masterKey), unprotect: () => Promise.reject(new Error('keyring locked')) };
    expect((await open(broken)).state).toBe('keyring_changed');
    // Same id/backend but another key: GCM authentication fails inside unprotect.
    const otherKey = await open(memoryKeyProtector(Buffer.alloc(32, 9)));
    expect(otherKey.state).toBe('keyring_changed');
    expectFailure(() => otherKey.open(sealed), 'keyring_changed');
  });

  it('reset discards what the old key sealed, in the same transaction as the new key, and unlocks', async () => {
    const first = await open();
    secrets.put(first.seal('app', 'ig_app_secret', TOKEN), clock.now());
    const locked = await open(memoryKeyProtector(Buffer.alloc(32, 9)));
    await locked.reset(() => secrets.removeAll());
    expect(locked.state).toBe('ok');
    expect(secrets.get('app', 'ig_app_secret')).toBeNull();
    expect(keys.latest()?.version).toBe(2);
    const sealed = locked.seal('account-1', 'access_token', TOKEN);
    const reopened = await open(memoryKeyProtector(Buffer.alloc(32, 9)));
    expect(reopened.open(sealed)).toBe(TOKEN);

    // A discard that fails leaves the old key and the old secrets as they were.
    const stillOld = await open(memoryKeyProtector(Buffer.alloc(32, 5)));
    secrets.put(reopened.seal('app', 'ig_app_secret', TOKEN), clock.now());
    await expect(
      stillOld.reset(() => {
        secrets.removeAll();
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(keys.latest()?.version).toBe(2);
    expect(secrets.get('app', 'ig_app_secret')).not.toBeNull();
  });

  it('re-protects the master key when the protector asks for it, and keeps it', async () => {
    const protector = memoryKeyProtector(masterKey);
    const first = await open(protector);
    const sealed = first.seal('account-1', 'access_token', TOKEN);
    const before = keys.latest()!.protectedKey;
    const asking: KeyProtector = {
      ...protector,
      unprotect: async (bytes) => ({ ...(await protector.unprotect(bytes)), shouldReseal: true }),
    };
    const resealed = await open(asking);
    expect(resealed.open(sealed)).toBe(TOKEN);
    const after = keys.latest()!.protectedKey;
    expect(after.equals(before)).toBe(false);
    expect((await open(protector)).open(sealed)).toBe(TOKEN);
  });
});

describe('fileKeyProtector', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'postdeck-vault-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a 0600 key file and reuses it on the next start', async () => {
    const file = join(dir, 'vault.key');
    const first = fileKeyProtector(file);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    const content = readFileSync(file, 'utf8');
    expect(Buffer.from(content.trim(), 'base64')).toHaveLength(32);

    const sealed = await first.protect(Buffer.from('master'));
    const second = fileKeyProtector(file);
    expect(readFileSync(file, 'utf8')).toBe(content);
    expect((await second.unprotect(sealed)).plain.toString()).toBe('master');
    expect(second.id).toBe('file');
    expect(second.backend()).toBe('file');
  });

  it('tightens an existing key file to 0600 without replacing it', async () => {
    const file = join(dir, 'vault.key');
    const key = Buffer.alloc(32, 3).toString('base64');
    writeFileSync(file, `${key}\n`, { mode: 0o644 });
    const protector = fileKeyProtector(file);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe(`${key}\n`);
    const sealed = await protector.protect(Buffer.from('master'));
    expect((await fileKeyProtector(file).unprotect(sealed)).plain.toString()).toBe('master');
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
