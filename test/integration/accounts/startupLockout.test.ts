import BetterSqlite3 from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Account, AppInfo } from '../../../src-shared/models';
import { DATABASE_FILE } from '../../../src-main/app/createApp';
import { memoryKeyProtector } from '../../../src-main/vault/localProtectors';
import { connectAs, startHarness, type Harness } from '../../helpers/harness';
import { countRows } from '../../helpers/inspect';

const APP_SECRET = '0123456789abcdef0123456789abcdef';
const LIVE = { appId: '7700000000000042', appSecret: APP_SECRET, redirectUri: 'https://example.com/cb' };

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

async function connected(usernames: string[]): Promise<Harness> {
  harness = await startHarness();
  for (const username of usernames) {
    const result = await connectAs(harness, { username });
    if (!result.ok) throw new Error(result.error.code);
  }
  return harness;
}

/** Flips one byte of a sealed column in the database file, as a damaged disk or a bad copy would. */
function flipByte(dataDir: string, sql: string): void {
  const db = new BetterSqlite3(join(dataDir, DATABASE_FILE));
  try {
    const row = db.prepare(`SELECT rowid AS id, ciphertext FROM ${sql}`).get() as { id: number; ciphertext: Buffer };
    const damaged = Buffer.from(row.ciphertext);
    damaged[0] = damaged[0]! ^ 0x01;
    const table = sql.split(' ')[0]!;
    db.prepare(`UPDATE ${table} SET ciphertext = ? WHERE rowid = ?`).run(damaged, row.id);
  } finally {
    db.close();
  }
}

const list = (h: Harness) => h.value<Account[]>('accounts.list');

describe('a damaged sealed token', () => {
  it('is its own reason, secret_damaged, logged with owner and purpose but never the bytes; the account offers Reconnect', async () => {
    const h = await connected(['maya.makes', 'northside.bakery']);
    const [maya] = await list(h);
    flipByte(h.dataDir, `secrets WHERE owner_id = '${maya!.id}'`);
    await h.restart();
    const checked = await h.value<Account[]>('accounts.check', {});
    expect(checked.map((a) => [a.username, a.health.state, a.health.reason])).toEqual([
      ['maya.makes', 'unhealthy', 'secret_damaged'],
      ['northside.bakery', 'healthy', undefined],
    ]);
    const line = h.logLines.find((text) => text.includes('sealed token cannot be opened'));
    expect(line).toContain(maya!.id);
    expect(line).toContain('ig_access_token');
    expect(line).toContain('secret_damaged');
    expect(line).not.toMatch(/ciphertext|wrapped/i);
    // Reconnect puts it right, on the same row.
    const again = await connectAs(h, { username: 'maya.makes' }, { accountId: maya!.id });
    expect(again.ok && again.value).toMatchObject({ id: maya!.id, health: { state: 'healthy' } });
  });
});

describe('a damaged Instagram App secret in Settings', () => {
  it('does not stop the app: it starts, in live mode, and Settings asks for the secret again', async () => {
    harness = await startHarness();
    const h = harness;
    await h.value('settings.setLiveConfig', LIVE);
    flipByte(h.dataDir, 'app_secrets');
    await h.restart();
    const info = await h.value<AppInfo>('app.info');
    expect(info.mode).toBe('live');
    expect(info.liveConfig).toMatchObject({ appId: LIVE.appId, secretStored: false, secretDamaged: true });
    expect(h.logLines.some((line) => line.includes('a stored app secret cannot be opened'))).toBe(true);
    // Saving without the secret is refused; with it, it is stored again and the flag clears.
    const withoutSecret = await h.call('settings.setLiveConfig', { appId: LIVE.appId, redirectUri: LIVE.redirectUri });
    expect(withoutSecret.ok ? null : withoutSecret.error.code).toBe('config_invalid');
    const saved = await h.value<AppInfo>('settings.setLiveConfig', LIVE);
    expect(saved.liveConfig).toMatchObject({ secretStored: true, secretDamaged: false });
  });
});

describe('a changed keyring', () => {
  it('does not stop the app: every account is unhealthy/keyring_changed, and resetting secure storage keeps accounts and settings', async () => {
    const h = await connected(['maya.makes', 'northside.bakery']);
    await h.value('settings.setPreferences', { startAtLogin: true });
    const before = await list(h);
    const newKeyring = memoryKeyProtector(randomBytes(32));
    const notified: string[] = [];
    // The start-up marks every account before any window subscribes: the OS notification tells the user.
    await h.restart({ keyProtector: newKeyring, notifier: { notify: (title) => notified.push(title) } });

    expect(await h.value<AppInfo>('app.info')).toMatchObject({ secureStorage: 'keyring_changed' });
    const locked = await list(h);
    expect(locked.map((a) => [a.id, a.health.state, a.health.reason])).toEqual(before.map((a) => [a.id, 'unhealthy', 'keyring_changed']));
    expect(notified).toEqual(['@maya.makes needs reconnecting', '@northside.bakery needs reconnecting']);
    // Nothing can be sealed under a key that cannot be opened: reconnecting points at Settings.
    const reconnect = await h.call('accounts.reconnect', { accountId: before[0]!.id });
    expect(reconnect.ok ? null : reconnect.error).toMatchObject({ code: 'keyring_changed', action: expect.stringContaining('Secure storage') });

    const reset = await h.value<AppInfo>('settings.resetSecureStorage', { confirm: 'reset' });
    expect(reset.secureStorage).toBe('ok');
    expect(countRows(h.dataDir)).toEqual({ accounts: 2, secrets: 0 });
    const kept = await list(h);
    expect(kept.map(({ id, connectedAt, consentAt }) => ({ id, connectedAt, consentAt }))).toEqual(
      before.map(({ id, connectedAt, consentAt }) => ({ id, connectedAt, consentAt })),
    );
    expect(await h.value('settings.getPreferences')).toEqual({ keepRunningInTray: true, startAtLogin: true, missedSlotGraceMinutes: 60, notifyNewComments: false, notifyNewMessages: true });
    const again = await connectAs(h, { username: 'maya.makes' }, { accountId: before[0]!.id });
    expect(again.ok && again.value).toMatchObject({ id: before[0]!.id, health: { state: 'healthy' } });

    // The new key is the one from now on.
    await h.restart({ keyProtector: newKeyring });
    expect(await h.value<AppInfo>('app.info')).toMatchObject({ secureStorage: 'ok' });
    const [checked] = await h.value<Account[]>('accounts.check', { accountId: before[0]!.id });
    expect(checked!.health.state).toBe('healthy');
  });

  it('restoring the previous keyring brings the accounts back at the next sweep, with no reset', async () => {
    const h = await connected(['maya.makes']);
    await h.restart({ keyProtector: memoryKeyProtector(randomBytes(32)) });
    expect((await list(h))[0]!.health.reason).toBe('keyring_changed');
    await h.restart({ keyProtector: memoryKeyProtector(h.masterKey) });
    await h.app.wake('start');
    expect((await list(h))[0]!.health).toMatchObject({ state: 'healthy' });
  });

  it('reset is refused while secure storage works, so working tokens are never thrown away', async () => {
    const h = await connected(['maya.makes']);
    const reset = await h.call('settings.resetSecureStorage', { confirm: 'reset' });
    expect(reset.ok ? null : reset.error.code).toBe('invalid_request');
    expect(countRows(h.dataDir)).toEqual({ accounts: 1, secrets: 1 });
  });
});

describe("Linux's basic_text keyring", () => {
  const basicText = (key: Buffer) => ({ ...memoryKeyProtector(key), requiresConsent: () => true });

  it('connecting asks once; the answer is remembered, and nothing is sealed without it', async () => {
    const key = randomBytes(32);
    harness = await startHarness({ overrides: { keyProtector: basicText(key) } });
    const h = harness;
    expect((await h.value<AppInfo>('app.info')).weakKeyringConsent).toBe('ask');
    const asked = await h.call('accounts.connect');
    expect(asked.ok ? null : asked.error).toMatchObject({ code: 'keyring_consent_needed', action: expect.stringContaining('--password-store') });

    await h.value('settings.setWeakKeyringConsent', { allow: false });
    const refused = await h.call('accounts.connect');
    expect(refused.ok ? null : refused.error.code).toBe('keyring_unprotected');
    expect(countRows(h.dataDir)).toEqual({ accounts: 0, secrets: 0 });

    const info = await h.value<AppInfo>('settings.setWeakKeyringConsent', { allow: true });
    expect(info.weakKeyringConsent).toBe('allowed');
    expect((await connectAs(h, { username: 'maya.makes' })).ok).toBe(true);
    await h.restart({ keyProtector: basicText(key) });
    expect((await h.value<AppInfo>('app.info')).weakKeyringConsent).toBe('allowed');
  });

  it('is not asked where the keyring protects secrets', async () => {
    harness = await startHarness();
    expect((await harness.value<AppInfo>('app.info')).weakKeyringConsent).toBeNull();
  });
});
