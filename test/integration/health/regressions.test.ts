import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { Account } from '../../../src-shared/models';
import { DAY, HOUR } from '../../../src-main/config/clock';
import { migrate } from '../../../src-main/db/database';
import { migrations } from '../../../src-main/db/migrations';
import { connectAs, type Harness, startConnected } from '../../helpers/harness';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

async function withAccount(username = 'maya.makes', notified: string[] = []): Promise<{ h: Harness; account: Account }> {
  const started = await startConnected({ overrides: { notifier: { notify: (title) => notified.push(title) } } }, username);
  harness = started.h;
  return started;
}

const igIdOf = (h: Harness, username: string) => h.sandbox.world.people().find((person) => person.username === username)!.igUserId;
const alerts = (h: Harness) => h.events.filter((event) => event.name === 'health.alert');

describe('alerts', () => {
  it('exactly one per step into unhealthy, banner and OS notification together; a second after recovery and a new failure', async () => {
    const notified: string[] = [];
    const { h, account } = await withAccount('maya.makes', notified);
    h.sandbox.world.revokeTokens(igIdOf(h, 'maya.makes'), 'password_changed');
    for (let i = 0; i < 3; i++) {
      h.clock.advance(HOUR);
      await h.app.wake('timer');
      await h.value('accounts.check', {});
      await h.value('accounts.check', { accountId: account.id });
    }
    expect(alerts(h)).toHaveLength(1);
    expect(notified).toEqual(['@maya.makes needs reconnecting']);

    expect((await connectAs(h, { username: 'maya.makes' }, { accountId: account.id })).ok).toBe(true);
    h.clock.advance(HOUR);
    await h.app.wake('timer');
    expect(alerts(h)).toHaveLength(1);

    h.sandbox.world.removePermission(igIdOf(h, 'maya.makes'), 'instagram_business_basic');
    await h.value('accounts.check', {});
    await h.value('accounts.check', {});
    expect(alerts(h).map((event) => event.payload)).toEqual([
      { accountId: account.id, username: 'maya.makes', reason: 'token_revoked' },
      { accountId: account.id, username: 'maya.makes', reason: 'permission_removed' },
    ]);
    expect(notified).toHaveLength(2);
  });
});

describe('reconnect', () => {
  it('keeps the id, the first connection time and lastRefreshAt (the peer bug Postiz fixed in PR #1884)', async () => {
    const { h, account } = await withAccount();
    h.clock.advance(8 * DAY);
    await h.app.wake('timer');
    const [refreshed] = await h.value<Account[]>('accounts.list');
    expect(refreshed!.lastRefreshAt).toBe(new Date(h.clock.now()).toISOString());

    h.sandbox.world.revokeTokens(igIdOf(h, 'maya.makes'), 'app_removed');
    h.clock.advance(HOUR);
    await h.app.wake('timer');
    h.clock.advance(HOUR);
    const again = await connectAs(h, { username: 'maya.makes' }, { accountId: account.id });
    expect(again.ok && again.value).toMatchObject({
      id: account.id,
      connectedAt: account.connectedAt,
      lastRefreshAt: refreshed!.lastRefreshAt,
      consentAt: new Date(h.clock.now()).toISOString(),
      health: { state: 'healthy' },
    });
    expect(await h.value<Account[]>('accounts.list')).toHaveLength(1);
  });
});

describe('the account list', () => {
  it('is cached per mode: switching to live and back shows each mode its own accounts, with no account written', async () => {
    const { h, account } = await withAccount();
    expect((await h.value<Account[]>('accounts.list')).map((a) => a.id)).toEqual([account.id]);
    await h.value('settings.setLiveConfig', { appId: '7700000000000042', appSecret: '0123456789abcdef0123456789abcdef', redirectUri: 'https://example.com/cb' });
    expect(await h.value<Account[]>('accounts.list')).toEqual([]);
    await h.value('settings.clearLiveConfig');
    expect((await h.value<Account[]>('accounts.list')).map((a) => a.id)).toEqual([account.id]);
  });
});

describe('migration 0002', () => {
  it("moves tokens under their accounts, the App secret apart, drops orphans, and cascades deletes", () => {
    const db = new BetterSqlite3(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.slice(0, 1));
    db.prepare(`INSERT INTO accounts (id, environment, ig_user_id, username, account_type, scopes, consent_at, connected_at,
      updated_at, token_issued_at, token_expires_at) VALUES ('acc-1', 'sandbox', '1784', 'maya', 'BUSINESS', '[]', 0, 0, 0, 0, 0)`).run();
    const secret = db.prepare(`INSERT INTO secrets VALUES (?, ?, 1, x'01', x'02', x'03', x'04', 0)`);
    secret.run('acc-1', 'ig_access_token');
    secret.run('app', 'ig_app_secret');
    secret.run('gone-account', 'ig_access_token');

    migrate(db, migrations);
    const owners = (table: string) => (db.prepare(`SELECT owner_id FROM ${table} ORDER BY owner_id`).all() as { owner_id: string }[]).map((r) => r.owner_id);
    expect(owners('secrets')).toEqual(['acc-1']);
    expect(owners('app_secrets')).toEqual(['app']);
    db.prepare("DELETE FROM accounts WHERE id = 'acc-1'").run();
    expect(owners('secrets')).toEqual([]);
    expect(owners('app_secrets')).toEqual(['app']);
    db.close();
  });
});
