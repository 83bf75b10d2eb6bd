import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppEvent } from '../../../src-shared/events';
import { AttentionAlerts } from '../../../src-main/accounts/alerts';
import type { AccountsContext } from '../../../src-main/accounts/context';
import { HealthKeeper } from '../../../src-main/accounts/health';
import { AccountSessions } from '../../../src-main/accounts/session';
import { DATABASE_FILE } from '../../../src-main/app/createApp';
import { sandboxEnvironment } from '../../../src-main/config/environment';
import { DomainEvents, EventBus } from '../../../src-main/config/events';
import { silentLogger } from '../../../src-main/config/logger';
import { AccountsRepo } from '../../../src-main/db/accountsRepo';
import { openDatabase } from '../../../src-main/db/database';
import { SecretsRepo } from '../../../src-main/db/secretsRepo';
import { VaultKeysRepo } from '../../../src-main/db/vaultKeysRepo';
import { InstagramClient } from '../../../src-main/instagram/client';
import { isInstagramError } from '../../../src-main/instagram/errors';
import { SANDBOX_APP_ID, SANDBOX_APP_SECRET } from '../../../src-main/sandbox';
import { memoryKeyProtector } from '../../../src-main/vault/localProtectors';
import { Vault } from '../../../src-main/vault/vault';
import { z } from 'zod';
import type { Account } from '../../../src-shared/models';
import { CALLBACK_URL, type Harness, startConnected } from '../../helpers/harness';

let harness: Harness | null = null;
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await harness?.close();
  harness = null;
});

/** The accounts room over the harness's own data, as publishing will use it. */
async function sessionsFor(h: Harness, mode: 'sandbox' | 'live' = 'sandbox') {
  const db = openDatabase(join(h.dataDir, DATABASE_FILE));
  const client = new InstagramClient({ authBase: h.sandbox.url, apiBase: h.sandbox.url, graphBase: h.sandbox.url, graphVersion: 'v24.0' });
  cleanups.push(() => client.close(), () => void db.close());
  const events = new EventBus(silentLogger);
  const seen: AppEvent[] = [];
  events.subscribe((event) => seen.push(event));
  const environment = { ...sandboxEnvironment({ url: h.sandbox.url, clientId: SANDBOX_APP_ID, clientSecret: SANDBOX_APP_SECRET, redirectUri: CALLBACK_URL }), mode };
  const context: AccountsContext = {
    db,
    accounts: new AccountsRepo(db),
    secrets: new SecretsRepo(db, 'secrets'),
    vault: await Vault.open(new VaultKeysRepo(db), memoryKeyProtector(h.masterKey), h.clock, silentLogger),
    clock: h.clock,
    events,
    domain: new DomainEvents(silentLogger),
    logger: silentLogger,
    environment: () => environment,
    client: () => client,
    requireSealing: () => undefined,
  };
  const health = new HealthKeeper(context, new AttentionAlerts(events, silentLogger));
  return { sessions: new AccountSessions(context, health), context, alerts: () => seen.filter((event) => event.name === 'health.alert') };
}

async function connected(): Promise<{ h: Harness; account: Account }> {
  const started = await startConnected();
  harness = started.h;
  return started;
}

const me = z.object({ username: z.string() });

describe('withAccount: the one door to a token', () => {
  it('hands the call the Graph API bound to a working token, for one call', async () => {
    const { h, account } = await connected();
    const { sessions } = await sessionsFor(h);
    const profile = await sessions.withAccount(account.id, (use) => use.api.get('/me', { fields: 'username' }, me));
    expect(profile).toEqual({ username: 'maya.makes' });
  });

  it('a 190 while using the account marks it unhealthy with one alert, and the next use is refused by name', async () => {
    const { h, account } = await connected();
    const { sessions, context, alerts } = await sessionsFor(h);
    h.sandbox.world.revokeTokens(account.igUserId, 'password_changed');
    const error = await sessions.withAccount(account.id, (use) => use.api.get('/me', { fields: 'username' }, me)).catch((e: unknown) => e);
    expect(isInstagramError(error) && error.kind).toBe('auth');
    expect(context.accounts.get(account.id)).toMatchObject({ healthState: 'unhealthy', healthReason: 'token_revoked' });
    expect(alerts()).toHaveLength(1);
    await expect(sessions.withAccount(account.id, async () => 'never')).rejects.toMatchObject({ code: 'account_unhealthy', error: { detail: 'Reconnect @maya.makes.' } });
    expect(alerts()).toHaveLength(1);
  });

  it('a transient failure never touches health', async () => {
    const { h, account } = await connected();
    const { sessions, context } = await sessionsFor(h);
    h.sandbox.world.addFault({ kind: 'status', status: 503, count: 1 });
    await expect(sessions.withAccount(account.id, (use) => use.api.get('/me', { fields: 'username' }, me))).rejects.toMatchObject({ kind: 'server' });
    expect(context.accounts.get(account.id)?.healthState).toBe('healthy');
  });

  it("refuses an account of the other mode, and a job bound to the other mode", async () => {
    const { h, account } = await connected();
    const live = await sessionsFor(h, 'live');
    await expect(live.sessions.withAccount(account.id, async () => 'never')).rejects.toMatchObject({ code: 'wrong_mode' });
    const sandbox = await sessionsFor(h);
    await expect(sandbox.sessions.withAccount(account.id, async () => 'never', 'live')).rejects.toMatchObject({ code: 'wrong_mode' });
  });
});
