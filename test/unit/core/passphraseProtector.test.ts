import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { passphraseKeyProtector, WrongPassphraseError } from '../../../src-main/vault/passphraseProtector';

// Cheap parameters keep the test fast; the stored file says which were used.
const CHEAP = { N: 2 ** 10, r: 8, p: 1 };

describe('passphraseKeyProtector', () => {
  const dir = mkdtempSync(join(tmpdir(), 'postdeck-passphrase-'));
  const keyFile = join(dir, 'serve-key.json');
  afterEach(() => rmSync(keyFile, { force: true }));

  it('seals the wrapping key with scrypt + AES-256-GCM and stores the parameters beside it, owner-only', async () => {
    const first = await passphraseKeyProtector(keyFile, 'correct horse battery staple', CHEAP);
    const sealed = await first.protect(Buffer.from('master key bytes'));
    const stored = JSON.parse(readFileSync(keyFile, 'utf8')) as Record<string, unknown>;
    expect(stored).toMatchObject({ version: 1, kdf: 'scrypt', N: CHEAP.N, r: 8, p: 1 });
    expect(Buffer.from(stored.salt as string, 'base64')).toHaveLength(16);
    expect(Buffer.from(stored.sealedKey as string, 'base64')).toHaveLength(32);
    expect(readFileSync(keyFile, 'utf8')).not.toContain('correct horse');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(first.id).toBe('passphrase');
    expect(first.weaknessWarning()).toBeNull();

    // The next start, with the same passphrase, opens what the first sealed.
    const again = await passphraseKeyProtector(keyFile, 'correct horse battery staple');
    expect((await again.unprotect(sealed)).plain.toString()).toBe('master key bytes');
  });

  it('refuses a wrong passphrase with a clear error and writes nothing', async () => {
    await passphraseKeyProtector(keyFile, 'right one', CHEAP);
    const before = readFileSync(keyFile, 'utf8');
    await expect(passphraseKeyProtector(keyFile, 'wrong one', CHEAP)).rejects.toThrow(WrongPassphraseError);
    await expect(passphraseKeyProtector(keyFile, 'wrong one', CHEAP)).rejects.toThrow(/passphrase does not open .*Nothing was changed/);
    expect(readFileSync(keyFile, 'utf8')).toBe(before);
  });

  it('refuses a key file whose scrypt parameters ask for more than Postdeck ever writes, before deriving', async () => {
    await passphraseKeyProtector(keyFile, 'right one', CHEAP);
    const stored = JSON.parse(readFileSync(keyFile, 'utf8')) as Record<string, unknown>;
    writeFileSync(keyFile, JSON.stringify({ ...stored, N: 2 ** 15, p: 16 }));
    await expect(passphraseKeyProtector(keyFile, 'right one')).rejects.toThrow(/N=32768, r=8, p=16\) ask for more time or memory than Postdeck ever uses/);
  });
});
