import { afterEach, describe, expect, it } from 'vitest';
import type { Account } from '../../../src-shared/models';
import { DAY, HOUR, MINUTE } from '../../../src-main/config/clock';
import { connectAs, startHarness, type Harness } from '../../helpers/harness';
import { followersOn } from '../../../src-main/sandbox/insights/values';

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

async function withAccounts(usernames = ['maya.makes', 'northside.bakery'], overrides = {}) {
  harness = await startHarness({ overrides });
  for (const username of usernames) {
    const result = await connectAs(harness, { username });
    if (!result.ok) throw new Error(result.error.code);
  }
  return harness;
}

const accounts = (h: Harness) => h.value<Account[]>('accounts.list');
const igIdOf = (h: Harness, username: string) => h.sandbox.world.people().find((person) => person.username === username)!.igUserId;
const alerts = (h: Harness) => h.events.filter((event) => event.name === 'health.alert');
const timerSweeps = (h: Harness) => h.logLines.filter((line) => line.includes('"message":"refresh sweep"') && line.includes('"reason":"timer"'));

describe('refresh keeps tokens alive', () => {
  it('180 simulated days with the app running: no account ever expires, and every refresh happens when due', async () => {
    const h = await withAccounts();
    const refreshes = new Map<string, number[]>();
    for (let elapsed = 0; elapsed < 180 * DAY; elapsed += 6 * HOUR) {
      h.clock.advance(6 * HOUR);
      await h.app.wake('timer');
      for (const account of await accounts(h)) {
        expect(account.health.state).toBe('healthy');
        expect(Date.parse(account.tokenExpiresAt)).toBeGreaterThan(h.clock.now() + 45 * DAY);
        const times = refreshes.get(account.id) ?? [];
        const last = account.lastRefreshAt ? Date.parse(account.lastRefreshAt) : null;
        if (last !== null && times.at(-1) !== last) times.push(last);
        refreshes.set(account.id, times);
      }
    }
    for (const times of refreshes.values()) {
      expect(times.length).toBeGreaterThanOrEqual(24);
      // Each refresh came within one sweep interval of being due (7 days after the previous one).
      for (let i = 1; i < times.length; i++) {
        expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(7 * DAY);
        expect(times[i]! - times[i - 1]!).toBeLessThanOrEqual(7 * DAY + 6 * HOUR);
      }
    }
  }, 120_000);

  it('closed for 59 days, then started: refreshed at start and healthy', async () => {
    const h = await withAccounts();
    await h.app.close();
    h.clock.advance(59 * DAY);
    await h.restart();
    await h.app.wake('start');
    for (const account of await accounts(h)) {
      expect(account.health.state).toBe('healthy');
      expect(account.lastRefreshAt).toBe(new Date(h.clock.now()).toISOString());
      expect(Date.parse(account.tokenExpiresAt)).toBe(h.clock.now() + 60 * DAY);
    }
  });

  it('the start-up sweep runs by itself when the host starts with background timers', async () => {
    const h = await withAccounts(['maya.makes']);
    h.clock.advance(20 * DAY);
    await h.restart({ backgroundTimers: true });
    await h.waitForEvents((event) => event.name === 'accounts.changed' && (event.payload as { reason: string }).reason === 'refreshed');
    expect((await accounts(h))[0]!.lastRefreshAt).toBe(new Date(h.clock.now()).toISOString());
  });

  it('with background timers the sweep is a job on the app clock: an hour after start it runs again and refreshes what came due', async () => {
    const h = await withAccounts(['maya.makes']);
    await h.app.close();
    // Start half an hour before the token is a week old: the start-up sweep finds nothing to refresh.
    h.clock.advance(7 * DAY - 30 * MINUTE);
    await h.restart({ backgroundTimers: true });
    const startedAt = h.clock.now();
    await h.app.wake('start');
    expect((await accounts(h))[0]!.lastRefreshAt).toBeNull();
    await h.clock.advanceAsync(HOUR);
    await h.app.jobsIdle();
    const [account] = await accounts(h);
    expect(Date.parse(account!.lastRefreshAt!)).toBe(startedAt + HOUR);
    expect(timerSweeps(h)).toHaveLength(1);
  });

  it('the booked sweep follows the app into live mode, where the sandbox\'s jobs wait', async () => {
    const h = await withAccounts(['maya.makes']);
    await h.restart({ backgroundTimers: true });
    await h.app.wake('start');
    await h.value('settings.setLiveConfig', { appId: '7700000000000042', appSecret: '0123456789abcdef0123456789abcdef', redirectUri: 'https://example.com/cb' });
    await h.clock.advanceAsync(HOUR);
    await h.app.jobsIdle();
    expect(timerSweeps(h)).toHaveLength(1);
  });

  it('closed for 61 days: unhealthy token_expired, reconnect offered, nothing else lost', async () => {
    const h = await withAccounts();
    const before = await accounts(h);
    await h.app.close();
    h.clock.advance(61 * DAY);
    await h.restart();
    await h.app.wake('start');
    const after = await accounts(h);
    expect(after.map((account) => [account.username, account.health.state, account.health.reason])).toEqual([
      ['maya.makes', 'unhealthy', 'token_expired'],
      ['northside.bakery', 'unhealthy', 'token_expired'],
    ]);
    expect(after.map(({ id, igUserId, connectedAt, scopes }) => ({ id, igUserId, connectedAt, scopes }))).toEqual(
      before.map(({ id, igUserId, connectedAt, scopes }) => ({ id, igUserId, connectedAt, scopes })),
    );
    expect(alerts(h)).toHaveLength(2);
    const reconnected = await connectAs(h, { username: 'maya.makes' }, { accountId: after[0]!.id });
    expect(reconnected.ok && reconnected.value).toMatchObject({ id: after[0]!.id, health: { state: 'healthy' } });
  });
});

describe('only authoritative answers make an account unhealthy', () => {
  it('three days of 5xx, resets and timeouts: never unhealthy; expiring_soon near expiry; healthy again after recovery', async () => {
    const h = await withAccounts(['maya.makes'], { httpTimeoutMs: 200 });
    const world = h.sandbox.world;
    const outage = () => {
      world.addFault({ kind: 'status', status: 503, count: 20 });
      world.addFault({ kind: 'reset', count: 20 });
      world.addFault({ kind: 'latency', latencyMs: 400, count: 20 });
    };
    const states = new Set<string>();
    const runOutage = async () => {
      for (let hour = 0; hour < 72; hour += 3) {
        outage();
        h.clock.advance(3 * HOUR);
        await h.app.wake('timer');
        world.clearFaults();
        const [account] = await accounts(h);
        states.add(account!.health.state);
      }
    };
    h.clock.advance(10 * DAY);
    await runOutage();
    expect(states).toEqual(new Set(['healthy']));

    // Far from expiry it stays quiet; close to expiry the failure becomes visible, but is still not "unhealthy".
    h.clock.advance(38 * DAY); // day 51: the outage runs to day 54, the token ends on day 60
    await runOutage();
    expect(states.has('unhealthy')).toBe(false);
    const [warned] = await accounts(h);
    expect(warned!.health).toMatchObject({ state: 'expiring_soon', reason: 'refresh_failing' });
    expect(alerts(h)).toHaveLength(0);

    world.clearFaults();
    h.clock.advance(7 * HOUR); // past any backoff
    await h.app.wake('online');
    const [recovered] = await accounts(h);
    expect(recovered!.health.state).toBe('healthy');
    expect(Date.parse(recovered!.tokenExpiresAt)).toBe(h.clock.now() + 60 * DAY);
  }, 60_000);

  it.each([
    ['app_removed', 'token_revoked'],
    ['password_changed', 'token_revoked'],
  ] as const)('revoked in Instagram (%s): %s within one sweep; reconnect restores healthy with the same id', async (why, reason) => {
    const h = await withAccounts();
    h.sandbox.world.revokeTokens(igIdOf(h, 'maya.makes'), why);
    h.clock.advance(HOUR);
    await h.app.wake('timer');
    const [maya, bakery] = await accounts(h);
    expect(maya!.health).toMatchObject({ state: 'unhealthy', reason });
    expect(bakery!.health.state).toBe('healthy');
    expect(h.app.attentionCount()).toBe(1);
    // One alert, not one per sweep.
    for (let i = 0; i < 3; i++) {
      h.clock.advance(HOUR);
      await h.app.wake('timer');
    }
    expect(alerts(h)).toHaveLength(1);
    const reconnected = await connectAs(h, { username: 'maya.makes' }, { accountId: maya!.id });
    expect(reconnected.ok).toBe(true);
    const [restored] = await accounts(h);
    expect(restored).toMatchObject({ id: maya!.id, health: { state: 'healthy' } });
    expect(h.app.attentionCount()).toBe(0);
  });

  it('a required permission removed: permission_removed', async () => {
    const h = await withAccounts(['maya.makes']);
    h.sandbox.world.removePermission(igIdOf(h, 'maya.makes'), 'instagram_business_basic');
    const [checked] = await h.value<Account[]>('accounts.check', {});
    expect(checked!.health).toMatchObject({ state: 'unhealthy', reason: 'permission_removed' });
  });

  it('switched back to a Personal account: account_not_eligible', async () => {
    const h = await withAccounts(['northside.bakery']);
    h.sandbox.world.setAccountType(igIdOf(h, 'northside.bakery'), 'PERSONAL');
    const [checked] = await h.value<Account[]>('accounts.check', {});
    expect(checked!.health).toMatchObject({ state: 'unhealthy', reason: 'account_not_eligible' });
  });

  it('Check now on one account answers with that account, checked now', async () => {
    const h = await withAccounts();
    const [maya] = await accounts(h);
    h.clock.advance(2 * HOUR);
    const checked = await h.value<Account[]>('accounts.check', { accountId: maya!.id });
    expect(checked).toHaveLength(1);
    expect(checked[0]!.health.checkedAt).toBe(new Date(h.clock.now()).toISOString());
    const missing = await h.call('accounts.check', { accountId: '00000000-0000-4000-8000-000000000000' });
    expect(missing.ok ? null : missing.error.code).toBe('not_found');
  });

  it('checks of one account never overlap: concurrent callers share one request', async () => {
    const h = await withAccounts(['maya.makes']);
    h.sandbox.world.clearRequestLog();
    h.sandbox.world.addFault({ kind: 'latency', latencyMs: 50, count: 10 });
    await Promise.all([h.app.wake('timer'), h.value('accounts.check', {}), h.value('accounts.check', {})]);
    const meCalls = h.sandbox.world.requestLog().filter((entry) => entry.path.endsWith('/me'));
    expect(meCalls).toHaveLength(1);
  });
});

describe('disconnect', () => {
  it('removes the row and the sealed token at once; the sealed bytes are gone from the database file and WAL', async () => {
    const h = await withAccounts(['maya.makes']);
    const [maya] = await accounts(h);
    const { default: BetterSqlite3 } = await import('better-sqlite3');
    const { join } = await import('node:path');
    const { databaseBytes, countRows } = await import('../../helpers/inspect');
    const db = new BetterSqlite3(join(h.dataDir, 'postdeck.db'), { readonly: true });
    const sealed = db.prepare('SELECT ciphertext, wrapped_key FROM secrets WHERE owner_id = ?').get(maya!.id) as { ciphertext: Buffer; wrapped_key: Buffer };
    db.close();
    expect(databaseBytes(h.dataDir).some((bytes) => bytes.includes(sealed.ciphertext))).toBe(true);

    expect(await h.value('accounts.disconnect', { accountId: maya!.id })).toEqual({ removed: true });
    expect(countRows(h.dataDir)).toEqual({ accounts: 0, secrets: 0 });
    for (const bytes of databaseBytes(h.dataDir)) {
      expect(bytes.includes(sealed.ciphertext)).toBe(false);
      expect(bytes.includes(sealed.wrapped_key)).toBe(false);
    }
    const again = await h.call('accounts.disconnect', { accountId: maya!.id });
    expect(again.ok ? null : again.error.code).toBe('not_found');
  });
});

describe('profile counts', () => {
  it('are stored at connect and follow Instagram at the next check', async () => {
    const h = await withAccounts(['maya.makes']);
    const person = h.sandbox.world.people().find((p) => p.username === 'maya.makes')!;
    const [connected] = await accounts(h);
    expect(connected!.mediaCount).toBe(person.mediaCount);
    expect(connected!.followersCount).toBe(followersOn(person, h.clock.now()));

    // The sandbox's followers drift by the day, as a real account's do.
    h.clock.advance(10 * DAY);
    await h.app.dispatch('accounts.check', { accountId: connected!.id });
    const [checked] = await accounts(h);
    expect(checked!.followersCount).toBe(followersOn(person, h.clock.now()));
    expect(checked!.followersCount).not.toBe(connected!.followersCount);
  });
});
