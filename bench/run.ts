import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { request } from 'undici';
import { TOKEN_PURPOSE } from '../src-main/accounts/context';
import { createApp, DATABASE_FILE } from '../src-main/app/createApp';
import type { PostdeckApp } from '../src-main/app/types';
import { DAY, systemClock } from '../src-main/config/clock';
import { silentLogger } from '../src-main/config/logger';
import { AccountsRepo, type AccountRecord } from '../src-main/db/accountsRepo';
import { openDatabase } from '../src-main/db/database';
import { SecretsRepo } from '../src-main/db/secretsRepo';
import { VaultKeysRepo } from '../src-main/db/vaultKeysRepo';
import { SANDBOX_APP_ID, SANDBOX_APP_SECRET } from '../src-main/sandbox';
import { consentInSandbox } from '../src-main/sandbox/scriptedConsent';
import { memoryKeyProtector } from '../src-main/vault/localProtectors';
import { Vault } from '../src-main/vault/vault';
import { createWebServer } from '../src-main/web/server';
import { spawnSandbox, type RemoteSandbox } from './sandboxProcess';

/**
 * `npm run bench`: each measurement printed as a ratio against its floor. Nothing here is a test;
 * the numbers are for people (DESIGN.md §9).
 */
const LATENCY_MS = 50;
const REDIRECT = 'http://127.0.0.1:9/oauth/instagram/callback';
const SWEEP_ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 10_000);
const SWEEP_CONCURRENCY = 64;

function liveEnv(sandbox: RemoteSandbox): Record<string, string> {
  return {
    POSTDECK_IG_APP_ID: SANDBOX_APP_ID,
    POSTDECK_IG_APP_SECRET: SANDBOX_APP_SECRET,
    POSTDECK_IG_REDIRECT_URI: REDIRECT,
    POSTDECK_IG_AUTH_BASE: sandbox.url,
    POSTDECK_IG_API_BASE: sandbox.url,
    POSTDECK_IG_GRAPH_BASE: sandbox.url,
  };
}

async function startApp(sandbox: RemoteSandbox, dataDir: string, key: Buffer): Promise<PostdeckApp> {
  return createApp({
    host: 'web',
    version: 'bench',
    dataDir,
    clock: systemClock,
    logger: silentLogger,
    keyProtector: memoryKeyProtector(key),
    env: liveEnv(sandbox),
    healthConcurrency: SWEEP_CONCURRENCY,
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

/** Callback received → account stored and listed, against 3 sequential requests × 50 ms. */
async function benchConnect(sandbox: RemoteSandbox): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'postdeck-bench-'));
  const app = await startApp(sandbox, dataDir, Buffer.alloc(32, 7));
  const people = (await sandbox.control('GET', '/__sandbox/people')) as { username: string; igUserId: string; accountType: string; tester: boolean }[];
  const creator = people.find((person) => person.accountType === 'MEDIA_CREATOR' && person.tester)!;
  await sandbox.control('POST', '/__sandbox/faults', { kind: 'latency', latencyMs: LATENCY_MS });
  const samples: number[] = [];
  for (let run = 0; run < 15; run++) {
    const started = await app.dispatch('accounts.connect', {});
    if (!started.ok) throw new Error(started.error.code);
    const callback = await consentInSandbox((started.value as { authorizeUrl: string }).authorizeUrl, { username: creator.username });
    const begin = performance.now();
    const result = await app.handleOAuthCallback(callback);
    const listed = await app.dispatch('accounts.list', {});
    const elapsed = performance.now() - begin;
    if (!result.ok || !listed.ok || (listed.value as unknown[]).length !== 1) throw new Error('connect failed in the benchmark');
    if (run > 0) samples.push(elapsed); // the first one also opens connections
  }
  await sandbox.control('DELETE', '/__sandbox/faults');
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
  const floor = 3 * LATENCY_MS;
  console.log(`connect: median ${median(samples).toFixed(1)} ms over ${samples.length} runs; floor ${floor} ms; ratio ${(median(samples) / floor).toFixed(3)} (target <= 1.10)`);
}

/** Stores `count` accounts whose tokens are 8 days old (due for refresh), with real sandbox tokens. */
async function seedAccounts(sandbox: RemoteSandbox | null, dataDir: string, key: Buffer, count: number): Promise<void> {
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
        const record: AccountRecord = {
          id: randomUUID(),
          environment: 'live',
          igUserId,
          appScopedId: null,
          username,
          name: `Bench Creator ${username.split('.').pop()}`,
          accountType: 'MEDIA_CREATOR',
          pictureUrl: `https://scontent.cdninstagram.com/v/t51/${igUserId}.jpg`,
          scopes: ['instagram_business_basic', 'instagram_business_content_publish', 'instagram_business_manage_insights', 'instagram_business_manage_comments'],
          consentAt: issuedAt,
          connectedAt: issuedAt,
          updatedAt: issuedAt,
          tokenIssuedAt: issuedAt,
          tokenExpiresAt: issuedAt + 60 * DAY,
          lastRefreshAt: null,
          healthState: 'healthy',
          healthReason: null,
          healthCheckedAt: issuedAt,
          healthNotified: false,
          refreshFailures: 0,
          nextAttemptAt: null,
          defaultMode: 'automatic',
        };
        accounts.insert(record);
        secrets.put(vault.seal(record.id, TOKEN_PURPOSE, token), issuedAt);
      }
    })();
  }
  db.close();
}

/** A refresh sweep of every account, against requests × latency ÷ concurrency. */
async function benchSweep(sandbox: RemoteSandbox): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'postdeck-bench-'));
  const key = Buffer.alloc(32, 9);
  await seedAccounts(sandbox, dataDir, key, SWEEP_ACCOUNTS);
  const app = await startApp(sandbox, dataDir, key);
  await sandbox.control('DELETE', '/__sandbox/log');
  await sandbox.control('POST', '/__sandbox/faults', { kind: 'latency', latencyMs: LATENCY_MS });
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const begin = performance.now();
  await app.wake('timer');
  const elapsed = performance.now() - begin;
  clearInterval(sampler);
  await sandbox.control('DELETE', '/__sandbox/faults');
  const stats = (await sandbox.control('GET', '/__sandbox/stats')) as { requests: number };
  const listed = await app.dispatch('accounts.list', {});
  const refreshed = listed.ok ? (listed.value as { lastRefreshAt: string | null }[]).filter((account) => account.lastRefreshAt).length : 0;
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
  const floor = (stats.requests * LATENCY_MS) / SWEEP_CONCURRENCY;
  console.log(
    `refresh sweep: ${SWEEP_ACCOUNTS} accounts (${refreshed} refreshed), ${stats.requests} requests at concurrency ${SWEEP_CONCURRENCY}, ` +
      `${(elapsed / 1000).toFixed(2)} s; floor ${(floor / 1000).toFixed(2)} s; ratio ${(elapsed / floor).toFixed(3)} (target <= 1.15); ` +
      `peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MiB`,
  );
}

/** accounts.list over the browser host's HTTP API with 10,000 accounts stored. */
async function benchList(sandbox: RemoteSandbox): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'postdeck-bench-'));
  const key = Buffer.alloc(32, 11);
  await seedAccounts(null, dataDir, key, SWEEP_ACCOUNTS);
  const app = await startApp(sandbox, dataDir, key);
  const token = 'bench-token';
  const server = createWebServer({ token, staticDir: tmpdir(), logger: silentLogger, app: () => app });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const samples: number[] = [];
  for (let run = 0; run < 120; run++) {
    const begin = performance.now();
    const response = await request(`http://127.0.0.1:${port}/api/accounts.list`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    const text = await response.body.text();
    const elapsed = performance.now() - begin; // the API's latency: until the whole answer has arrived
    const body = JSON.parse(text) as { ok: boolean; value: unknown[] };
    if (!body.ok || body.value.length !== SWEEP_ACCOUNTS) throw new Error('list failed in the benchmark');
    if (run >= 20) samples.push(elapsed); // warm-up
  }
  server.close();
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
  console.log(
    `accounts.list over HTTP with ${SWEEP_ACCOUNTS} accounts: p50 ${percentile(samples, 0.5).toFixed(1)} ms, ` +
      `p99 ${percentile(samples, 0.99).toFixed(1)} ms (target p50 <= 20 ms)`,
  );
}

async function main(): Promise<void> {
  // `npm run bench -- sweep` runs one measurement; no argument runs them all.
  const measurements = { connect: benchConnect, sweep: benchSweep, list: benchList };
  const chosen = process.argv.slice(2);
  for (const name of chosen) if (!(name in measurements)) throw new Error(`Unknown measurement ${name}; choose from ${Object.keys(measurements).join(', ')}.`);
  const sandbox = await spawnSandbox(REDIRECT);
  try {
    for (const [name, run] of Object.entries(measurements)) if (chosen.length === 0 || chosen.includes(name)) await run(sandbox);
  } finally {
    await sandbox.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
