import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { TOKEN_PURPOSE } from '../src-main/accounts/context';
import { createApp, DATABASE_FILE } from '../src-main/app/createApp';
import type { PostdeckApp } from '../src-main/app/types';
import { DAY, systemClock } from '../src-main/config/clock';
import { silentLogger } from '../src-main/config/logger';
import { AccountsRepo } from '../src-main/db/accountsRepo';
import { openDatabase } from '../src-main/db/database';
import { SecretsRepo } from '../src-main/db/secretsRepo';
import { VaultKeysRepo } from '../src-main/db/vaultKeysRepo';
import { SANDBOX_APP_ID, SANDBOX_APP_SECRET } from '../src-main/sandbox';
import { memoryKeyProtector } from '../src-main/vault/localProtectors';
import { Vault } from '../src-main/vault/vault';
import type { RemoteSandbox } from './sandboxProcess';
import { accountRecord } from '../test/helpers/accountRecord';

/** What every measurement shares: the injected latency, live mode against the sandbox process, seeded accounts. */
export const LATENCY_MS = 50;
export const REDIRECT = 'http://127.0.0.1:9/oauth/instagram/callback';
export const SWEEP_ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 10_000);
export const SWEEP_CONCURRENCY = 64;

export function liveEnv(sandbox: RemoteSandbox): Record<string, string> {
  return {
    POSTDECK_IG_APP_ID: SANDBOX_APP_ID,
    POSTDECK_IG_APP_SECRET: SANDBOX_APP_SECRET,
    POSTDECK_IG_REDIRECT_URI: REDIRECT,
    POSTDECK_IG_AUTH_BASE: sandbox.url,
    POSTDECK_IG_API_BASE: sandbox.url,
    POSTDECK_IG_GRAPH_BASE: sandbox.url,
  };
}

export async function startApp(sandbox: RemoteSandbox, dataDir: string, key: Buffer): Promise<PostdeckApp> {
  return createApp({
    host: 'web',
    version: 'bench',
    dataDir,
    clock: systemClock,
    logger: silentLogger,
    keyProtector: memoryKeyProtector(key),
    env: liveEnv(sandbox),
    healthConcurrency: SWEEP_CONCURRENCY,
    // As shipped: development runs also check every answer against the contract, which is not the product's cost.
    checkContract: false,
  });
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
export const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

export const ALL_SCOPES = ['instagram_business_basic', 'instagram_business_content_publish', 'instagram_business_manage_insights', 'instagram_business_manage_comments'];

export async function seedAccounts(sandbox: RemoteSandbox | null, dataDir: string, key: Buffer, count: number, scopes: string[] = ALL_SCOPES): Promise<void> {
  const db = openDatabase(join(dataDir, DATABASE_FILE));
  const vault = await Vault.open(new VaultKeysRepo(db), memoryKeyProtector(key), systemClock, silentLogger);
  const accounts = new AccountsRepo(db);
  const secrets = new SecretsRepo(db);
  const now = Date.now();
  const issuedAt = now - 8 * DAY;
  const batch = 32;
  for (let start = 0; start < count; start += batch) {
    const made = await Promise.all(
      Array.from({ length: Math.min(batch, count - start) }, async (_, offset) => {
        const index = start + offset;
        const username = `bench.creator.${index}`;
        if (!sandbox) return { username, igUserId: `178414${String(index).padStart(11, "0")}`, token: `IGAA${randomUUID()}` };
        const person = (await sandbox.control('POST', '/__sandbox/people', { username, accountType: 'MEDIA_CREATOR', tester: true })) as { igUserId: string };
        const token = (await sandbox.control('POST', '/__sandbox/tokens', { igUserId: person.igUserId, issuedAt })) as { accessToken: string };
        return { username, igUserId: person.igUserId, token: token.accessToken };
      }),
    );
    db.transaction(() => {
      for (const { username, igUserId, token } of made) {
        const record = accountRecord(issuedAt, {
          environment: 'live',
          igUserId,
          username,
          name: `Bench Creator ${username.split('.').pop()}`,
          pictureUrl: `https://scontent.cdninstagram.com/v/t51/${igUserId}.jpg`,
          scopes,
        });
        accounts.insert(record);
        secrets.put(vault.seal(record.id, TOKEN_PURPOSE, token), issuedAt);
      }
    })();
  }
  db.close();
}

