import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AttentionAlerts } from '../../../src-main/accounts/alerts';
import { TOKEN_PURPOSE, type AccountsContext } from '../../../src-main/accounts/context';
import { HealthKeeper } from '../../../src-main/accounts/health';
import { AccountsService } from '../../../src-main/accounts/service';
import { WriteBatch } from '../../../src-main/db/writeBatch';
import { DAY } from '../../../src-main/config/clock';
import { ManualClock } from '../../../src-main/config/manualClock';
import { sandboxEnvironment } from '../../../src-main/config/environment';
import { DomainEvents, EventBus } from '../../../src-main/config/events';
import { createLogger } from '../../../src-main/config/logger';
import { AccountsRepo, type AccountRecord } from '../../../src-main/db/accountsRepo';
import { openDatabase, type Database } from '../../../src-main/db/database';
import { SecretsRepo } from '../../../src-main/db/secretsRepo';
import { VaultKeysRepo } from '../../../src-main/db/vaultKeysRepo';
import type { InstagramClient, LongLivedToken, Profile } from '../../../src-main/instagram/client';
import { memoryKeyProtector } from '../../../src-main/vault/localProtectors';
import { Vault } from '../../../src-main/vault/vault';
import { accountRecord } from '../../helpers/accountRecord';
import { walFrames } from '../../helpers/walFrames';

/** A promise the test settles by hand, so the order of a race is the test's, not the machine's. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const PROFILE: Profile = { appScopedId: '1', igUserId: '17841400000000001', username: 'maya.makes', name: null, accountType: 'MEDIA_CREATOR', pictureUrl: null, followersCount: 1200, mediaCount: 48 };

interface Rig {
  db: Database;
  context: AccountsContext;
  keeper: HealthKeeper;
  accounts: AccountsRepo;
  secrets: SecretsRepo;
  vault: Vault;
  clock: ManualClock;
  logLines: string[];
  /** Resolves when the keeper asks Instagram to refresh; the test answers through `answerRefresh`. */
  refreshAsked: Promise<string>;
  answerRefresh(token: LongLivedToken): void;
  /** The token /me was called with, each time. */
  meCalls: string[];
  account: AccountRecord;
}

const dirs: string[] = [];
const dbs: Database[] = [];
afterEach(() => {
  dbs.splice(0).forEach((db) => db.close());
  dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
});

/**
 * One account whose token is 8 days old (a refresh is due), and a fake Instagram the test drives;
 * `others` more accounts like it. `refreshAsked` resolves once every account has asked; every ask gets the one answer.
 */
async function rig(options: { expiresInDays?: number; others?: number; concurrency?: number } = {}): Promise<Rig> {
  const dir = mkdtempSync(join(tmpdir(), 'postdeck-refresh-'));
  dirs.push(dir);
  const db = openDatabase(join(dir, 'postdeck.db'));
  dbs.push(db);
  const clock = new ManualClock(Date.UTC(2026, 10, 1, 9));
  const logLines: string[] = [];
  const logger = createLogger((line) => logLines.push(line), { minLevel: 'debug' });
  const accounts = new AccountsRepo(db);
  const secrets = new SecretsRepo(db, 'secrets');
  const vault = await Vault.open(new VaultKeysRepo(db), memoryKeyProtector(), clock, logger);
  const issuedAt = clock.now() - 8 * DAY;
  const account = accountRecord(issuedAt, {
    igUserId: PROFILE.igUserId,
    appScopedId: '1',
    username: PROFILE.username,
    tokenExpiresAt: clock.now() + (options.expiresInDays ?? 52) * DAY,
  });
  const others = Array.from({ length: options.others ?? 0 }, (_, index) =>
    accountRecord(issuedAt, { igUserId: `1784140000000${1000 + index}`, username: `other.${index}`, tokenExpiresAt: account.tokenExpiresAt }),
  );
  for (const record of [account, ...others]) {
    accounts.insert(record);
    secrets.put(vault.seal(record.id, TOKEN_PURPOSE, 'IGAA-old-token'), issuedAt);
  }

  const asked = deferred<string>();
  const answer = deferred<LongLivedToken>();
  const meCalls: string[] = [];
  let refreshes = 0;
  const client = {
    refresh: (token: string) => {
      if (++refreshes === 1 + others.length) asked.resolve(token);
      return answer.promise;
    },
    me: (token: string) => {
      meCalls.push(token);
      return Promise.resolve(PROFILE);
    },
  } as unknown as InstagramClient;
  const events = new EventBus(logger);
  const context: AccountsContext = {
    db,
    accounts,
    secrets,
    vault,
    clock,
    events,
    domain: new DomainEvents(logger),
    logger,
    environment: () => sandboxEnvironment({ url: 'http://127.0.0.1:9', clientId: '1', clientSecret: 's', redirectUri: 'https://x.invalid/cb' }),
    client: () => client,
    requireSealing: () => undefined,
  };
  const keeper = new HealthKeeper(context, new AttentionAlerts(events, logger), options.concurrency ? { concurrency: options.concurrency } : {});
  return {
    db,
    context,
    keeper,
    accounts,
    secrets,
    vault,
    clock,
    logLines,
    refreshAsked: asked.promise,
    answerRefresh: answer.resolve,
    meCalls,
    account,
  };
}

const storedToken = (r: Rig) => {
  const sealed = r.secrets.get(r.account.id, TOKEN_PURPOSE);
  return sealed ? r.vault.open(sealed) : null;
};
const logged = (r: Rig, text: string) => r.logLines.some((line) => line.includes(text));

describe('a refreshed token is never silently lost', () => {
  it('is committed the moment Instagram answers, before any other request for the account', async () => {
    const r = await rig();
    const checked = r.keeper.check(r.account.id);
    await r.refreshAsked;
    r.answerRefresh({ accessToken: 'IGAA-new-token', expiresInSeconds: 60 * 86_400 });
    await checked;
    expect(r.meCalls).toEqual(['IGAA-new-token']);
    expect(storedToken(r)).toBe('IGAA-new-token');
    expect(r.accounts.get(r.account.id)?.lastRefreshAt).toBe(r.clock.now());
    expect(logged(r, 'token refreshed')).toBe(true);
  });

  it('answers that arrive together share one commit, each stored before its account\'s next request', async () => {
    const r = await rig({ others: 15 });
    const checked = r.keeper.check();
    await r.refreshAsked;
    r.db.pragma('wal_checkpoint(TRUNCATE)');
    r.answerRefresh({ accessToken: 'IGAA-new-token', expiresInSeconds: 60 * 86_400 });
    const checkedAccounts = await checked;
    expect(checkedAccounts).toHaveLength(16);
    expect(r.meCalls).toEqual(Array.from({ length: 16 }, () => 'IGAA-new-token'));
    for (const account of r.accounts.list('sandbox')) {
      expect(r.vault.open(r.secrets.get(account.id, TOKEN_PURPOSE)!)).toBe('IGAA-new-token');
      expect(account.lastRefreshAt).toBe(r.clock.now());
    }
    // One commit per account would append at least one frame for each of the 16 tokens.
    expect(walFrames(r.db)).toBeLessThan(16);
  });

  it('the next account is checked once Instagram has answered, without waiting for the health write to reach the disk', async () => {
    const r = await rig({ others: 1, concurrency: 1 });
    const refresh = vi.spyOn(r.context.client(), 'refresh');
    const healthWrite = vi.spyOn(r.accounts, 'updateHealth');
    r.answerRefresh({ accessToken: 'IGAA-new-token', expiresInSeconds: 60 * 86_400 });
    const checkedAccounts = await r.keeper.check();
    expect(refresh).toHaveBeenCalledTimes(2);
    expect(healthWrite).toHaveBeenCalledTimes(2);
    // One check at a time, yet the second account asked Instagram before the first one's health was written.
    expect(refresh.mock.invocationCallOrder[1]).toBeLessThan(healthWrite.mock.invocationCallOrder[0]!);
    // check() still answers only once every result is stored.
    expect(checkedAccounts.map((account) => account.health.checkedAt)).toEqual([new Date(r.clock.now()).toISOString(), new Date(r.clock.now()).toISOString()]);
  });

  it('a write that throws: the check rejects (storage_failed), the log says "not stored", never "refreshed", and health stays', async () => {
    const r = await rig();
    vi.spyOn(r.secrets, 'put').mockImplementation(() => {
      throw new Error('disk I/O error');
    });
    const checked = r.keeper.check(r.account.id);
    await r.refreshAsked;
    r.answerRefresh({ accessToken: 'IGAA-new-token', expiresInSeconds: 60 * 86_400 });
    await expect(checked).rejects.toMatchObject({ code: 'storage_failed' });
    expect(logged(r, 'token refresh not stored')).toBe(true);
    expect(logged(r, 'token refreshed')).toBe(false);
    // The new token was not used for anything else; the stored one is the old one, and the account is as it was.
    expect(r.meCalls).toEqual([]);
    expect(storedToken(r)).toBe('IGAA-old-token');
    expect(r.accounts.get(r.account.id)).toMatchObject({ healthState: 'healthy', lastRefreshAt: null, tokenIssuedAt: r.account.tokenIssuedAt });
  });

  it('a write that throws near expiry: the account warns expiring_soon / refresh_failing', async () => {
    const r = await rig({ expiresInDays: 3 });
    vi.spyOn(r.accounts, 'updateRefresh').mockImplementation(() => {
      throw new Error('database is locked');
    });
    const checked = r.keeper.check(r.account.id);
    await r.refreshAsked;
    r.answerRefresh({ accessToken: 'IGAA-new-token', expiresInSeconds: 60 * 86_400 });
    await expect(checked).rejects.toMatchObject({ code: 'storage_failed' });
    // One transaction: the token written before the failing update was rolled back with it.
    expect(storedToken(r)).toBe('IGAA-old-token');
    expect(r.accounts.get(r.account.id)).toMatchObject({ healthState: 'expiring_soon', healthReason: 'refresh_failing' });
  });

  it('a refresh that finishes after a disconnect stores nothing: the schema refuses the orphan secret', async () => {
    const r = await rig();
    const checked = r.keeper.check(r.account.id);
    await r.refreshAsked;
    new AccountsService(r.context).disconnect(r.account.id);
    expect(r.secrets.get(r.account.id, TOKEN_PURPOSE)).toBeNull();
    r.answerRefresh({ accessToken: 'IGAA-new-token', expiresInSeconds: 60 * 86_400 });
    await expect(checked).resolves.toEqual([]);
    expect(r.secrets.get(r.account.id, TOKEN_PURPOSE)).toBeNull();
    expect(r.accounts.get(r.account.id)).toBeNull();
    expect(r.meCalls).toEqual([]);
    expect(logged(r, 'token refresh not stored')).toBe(false);
    // The guarantee is the foreign key, not a check in the code: a direct write is refused too.
    expect(() => r.secrets.put(r.vault.seal(r.account.id, TOKEN_PURPOSE, 'x'), 0)).toThrow(/FOREIGN KEY/);
  });
});

describe('WriteBatch', () => {
  it('one bad write in a batch: the others are committed one by one, and only its caller hears of it', async () => {
    const r = await rig();
    const batch = new WriteBatch(r.db, r.context.logger);
    const { id } = r.account;
    const results = await Promise.allSettled([
      batch.add(() => r.accounts.updateBackoff(id, 1, 111)),
      batch.add(() => {
        throw new Error('constraint failed');
      }),
      batch.add(() => r.accounts.updateHealth(id, { healthState: 'expiring_soon', healthReason: 'refresh_failing', healthCheckedAt: 5, healthNotified: false })),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(r.accounts.get(id)).toMatchObject({ refreshFailures: 1, nextAttemptAt: 111, healthState: 'expiring_soon', healthCheckedAt: 5 });
    expect(logged(r, 'batched write failed; retrying one by one')).toBe(true);
  });

  it('a write counts as stored only once the log sync after its commit has finished, and batches meanwhile share the next sync', async () => {
    const r = await rig();
    const syncs: Array<ReturnType<typeof deferred<void>>> = [];
    const batch = new WriteBatch(r.db, r.context.logger, () => {
      const sync = deferred<void>();
      syncs.push(sync);
      return sync.promise;
    });
    const { id } = r.account;
    let firstStored = false;
    const first = batch.add(() => r.accounts.updateBackoff(id, 1, 111)).then(() => (firstStored = true));
    await vi.waitFor(() => expect(syncs).toHaveLength(1));
    // Committed (another reader sees it) but not yet on disk: its caller still waits.
    expect(r.accounts.get(id)).toMatchObject({ refreshFailures: 1 });
    const second = batch.add(() => r.accounts.updateBackoff(id, 2, 222));
    const third = batch.add(() => r.accounts.updateBackoff(id, 3, 333));
    await vi.waitFor(() => expect(r.accounts.get(id)).toMatchObject({ refreshFailures: 3 }));
    expect(syncs).toHaveLength(1);
    expect(firstStored).toBe(false);
    syncs[0]!.resolve();
    await first;
    // The batch committed during the first sync waits for a second one, which both of its writes share.
    await vi.waitFor(() => expect(syncs).toHaveLength(2));
    syncs[1]!.resolve();
    await Promise.all([second, third]);
    expect(syncs).toHaveLength(2);
  });

  it('a failed sync fails the writes that waited for it, and the connection keeps its full sync for other writes', async () => {
    const r = await rig();
    const batch = new WriteBatch(r.db, r.context.logger, () => Promise.reject(new Error('EIO')));
    await expect(batch.add(() => r.accounts.updateBackoff(r.account.id, 1, 111))).rejects.toThrow('EIO');
    expect(logged(r, 'batched writes not synced to disk')).toBe(true);
    expect(r.db.pragma('synchronous', { simple: true })).toBe(2);
  });

});
