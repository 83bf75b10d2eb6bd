import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../src-shared/errors';
import type { Account } from '../../../src-shared/models';
import { DATABASE_FILE } from '../../../src-main/app/createApp';
import { TOKEN_PURPOSE } from '../../../src-main/accounts/context';
import { SecretsRepo } from '../../../src-main/db/secretsRepo';
import { VaultKeysRepo } from '../../../src-main/db/vaultKeysRepo';
import { memoryKeyProtector } from '../../../src-main/vault/localProtectors';
import { Vault } from '../../../src-main/vault/vault';
import { ManualClock } from '../../../src-main/config/manualClock';
import { silentLogger } from '../../../src-main/config/logger';
import { connectAs, startHarness, type Harness } from '../../helpers/harness';
import { databaseBytes } from '../../helpers/inspect';

let harness: Harness;
const responses: Result<unknown>[] = [];

beforeEach(async () => {
  harness = await startHarness();
  responses.length = 0;
  const dispatch = harness.app.dispatch.bind(harness.app);
  harness.app.dispatch = async (channel, input) => {
    const result = await dispatch(channel, input);
    responses.push(result);
    return result;
  };
});

afterEach(async () => {
  await harness.close();
});

/** Opens the stored tokens the way the app does, from outside the app: the test's view of the plaintext. */
async function withVault<T>(run: (secrets: SecretsRepo, vault: Vault, db: BetterSqlite3.Database) => T): Promise<T> {
  const db = new BetterSqlite3(join(harness.dataDir, DATABASE_FILE));
  try {
    return run(new SecretsRepo(db), await Vault.open(new VaultKeysRepo(db), memoryKeyProtector(harness.masterKey), new ManualClock(), silentLogger), db);
  } finally {
    db.close();
  }
}

describe('tokens stay secret', () => {
  it("after a connect, the token's bytes appear nowhere: database, WAL, logs, IPC responses, events", async () => {
    const connected = await connectAs(harness, { username: 'maya.makes' });
    responses.push(connected);
    await harness.call('accounts.list');
    await harness.call('accounts.check', {});
    const account = (await harness.value<Account[]>('accounts.list'))[0]!;
    const token = await withVault((secrets, vault) => vault.open(secrets.get(account.id, TOKEN_PURPOSE)!));
    // It is the real, working token: the sandbox accepts it.
    const me = await request(`${harness.sandbox.url}/me?fields=username&access_token=${token}`);
    expect(await me.body.json()).toEqual({ username: 'maya.makes' });

    const needle = Buffer.from(token);
    for (const bytes of databaseBytes(harness.dataDir)) expect(bytes.includes(needle)).toBe(false);
    // Even a fragment would be a leak: look for the token's middle third as well.
    const fragment = token.slice(token.length / 3, (2 * token.length) / 3);
    expect(harness.logLines.length).toBeGreaterThan(0);
    expect(harness.logLines.join('\n')).not.toContain(fragment);
    expect(JSON.stringify(responses)).not.toContain(fragment);
    expect(JSON.stringify(harness.events)).not.toContain(fragment);
    expect(JSON.stringify(responses)).toContain('maya.makes');
  });

  it("a sealed token copied onto another account's row fails to open", async () => {
    await connectAs(harness, { username: 'maya.makes' });
    await connectAs(harness, { username: 'northside.bakery' });
    const [maya, bakery] = await harness.value<Account[]>('accounts.list');
    await withVault((secrets, vault, db) => {
      const sealed = secrets.get(maya!.id, TOKEN_PURPOSE)!;
      expect(vault.open(sealed)).toMatch(/^IG/);
      db.prepare('UPDATE secrets SET wrapped_key = ?, nonce = ?, ciphertext = ?, tag = ? WHERE owner_id = ?').run(
        sealed.wrappedKey,
        sealed.nonce,
        sealed.ciphertext,
        sealed.tag,
        bakery!.id,
      );
      expect(() => vault.open(secrets.get(bakery!.id, TOKEN_PURPOSE)!)).toThrow();
    });
    // The app refuses it too: the account asks to be reconnected, and the other one is untouched.
    const checked = await harness.value<Account[]>('accounts.check', {});
    expect(checked.map((account) => [account.username, account.health.state, account.health.reason])).toEqual([
      ['maya.makes', 'healthy', undefined],
      ['northside.bakery', 'unhealthy', 'secret_damaged'],
    ]);
  });
});
