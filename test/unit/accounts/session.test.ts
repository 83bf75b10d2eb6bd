import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TOKEN_PURPOSE } from '../../../src-main/accounts/context';
import { AccountSessions, type AccountUse } from '../../../src-main/accounts/session';
import { sandboxEnvironment } from '../../../src-main/config/environment';
import { silentLogger } from '../../../src-main/config/logger';
import { ManualClock } from '../../../src-main/config/manualClock';
import { AccountsRepo } from '../../../src-main/db/accountsRepo';
import { openDatabase } from '../../../src-main/db/database';
import { SecretsRepo } from '../../../src-main/db/secretsRepo';
import { VaultKeysRepo } from '../../../src-main/db/vaultKeysRepo';
import { InstagramClient } from '../../../src-main/instagram/client';
import { memoryKeyProtector } from '../../../src-main/vault/localProtectors';
import { Vault } from '../../../src-main/vault/vault';
import { accountRecord } from '../../helpers/accountRecord';

const TOKEN = 'IGAAdoorTestToken-0123456789abcdef';
const ACCOUNT_ID = 'account-1';

const closers: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** A stand-in Graph API that records the Authorization header of every request. */
async function graphStub(): Promise<{ url: string; authorizations: Array<string | undefined> }> {
  const authorizations: Array<string | undefined> = [];
  const server: Server = createServer((req, res) => {
    authorizations.push(req.headers.authorization);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ username: 'maya.makes' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, authorizations };
}

/** The door over a real vault and database, with the account's token sealed in it. */
async function door(graphBase: string): Promise<AccountSessions> {
  const clock = new ManualClock();
  const db = openDatabase(':memory:');
  const client = new InstagramClient({ authBase: graphBase, apiBase: graphBase, graphBase, graphVersion: 'v24.0' });
  closers.push(() => void db.close(), () => client.close());
  const accounts = new AccountsRepo(db);
  const secrets = new SecretsRepo(db, 'secrets');
  const vault = await Vault.open(new VaultKeysRepo(db), memoryKeyProtector(Buffer.alloc(32, 7)), clock, silentLogger);
  accounts.insert(accountRecord(clock.now(), { id: ACCOUNT_ID }));
  secrets.put(vault.seal(ACCOUNT_ID, TOKEN_PURPOSE, TOKEN), clock.now());
  const environment = sandboxEnvironment({ url: graphBase, clientId: 'app', clientSecret: 'secret', redirectUri: `${graphBase}/callback` });
  const health = { settled: async () => undefined, reportUseFailure: async () => undefined, reportUnopenableToken: async () => undefined };
  return new AccountSessions({ accounts, secrets, vault, environment: () => environment, client: () => client }, health);
}

/** Every string reachable through the enumerable properties of a value (what a caller could read, log or send on). */
function readableStrings(value: unknown, seen = new Set<unknown>()): string[] {
  if (typeof value === 'string') return [value];
  if (value === null || typeof value !== 'object' || seen.has(value)) return [];
  seen.add(value);
  return Object.values(value).flatMap((inner) => readableStrings(inner, seen));
}

describe('the account door', () => {
  it('hands out a Graph client bound to the token, never the token itself', async () => {
    const stub = await graphStub();
    const sessions = await door(stub.url);
    let handed: AccountUse | null = null;
    const profile = await sessions.withAccount(ACCOUNT_ID, (use) => {
      handed = use;
      return use.api.get('/me', { fields: 'username' }, z.object({ username: z.string() }));
    });
    expect(handed).toMatchObject({ accountId: ACCOUNT_ID, username: 'maya.makes' });
    expect(Object.keys(handed!)).not.toContain('token');
    expect(readableStrings(handed).filter((text) => text.includes(TOKEN))).toEqual([]);
    expect(JSON.stringify(handed)).not.toContain(TOKEN);
    expect(profile).toEqual({ username: 'maya.makes' });
    expect(stub.authorizations).toEqual([`Bearer ${TOKEN}`]);
  });
});
