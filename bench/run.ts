import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { request } from 'undici';
import { silentLogger } from '../src-main/config/logger';
import { consentInSandbox } from '../src-main/sandbox/scriptedConsent';
import { createWebServer } from '../src-main/host/apiServer';
import { benchPublish } from './publish';
import { benchEngage } from './engage';
import { benchMedia } from './media';
import { spawnSandbox, type RemoteSandbox } from './sandboxProcess';
import { LATENCY_MS, median, percentile, REDIRECT, seedAccounts, startApp, SWEEP_ACCOUNTS, SWEEP_CONCURRENCY } from './setup';

/**
 * `npm run bench`: each measurement printed as a ratio against its floor. Nothing here is a test;
 * the numbers are for people (DESIGN.md §9).
 */
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

/**
 * A refresh sweep of every account (tokens 8 days old: a refresh and a /me each), against
 * requests × latency ÷ concurrency: no sweep can do better with that many requests in flight.
 */
async function benchSweep(sandbox: RemoteSandbox): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'postdeck-bench-'));
  const key = Buffer.alloc(32, 9);
  // The basic scope only: comment polls and insights checks would start a minute in, outside the sweep's
  // concurrency, and their requests would count in the floor as if they were the sweep's.
  await seedAccounts(sandbox, dataDir, key, SWEEP_ACCOUNTS, ['instagram_business_basic']);
  const app = await startApp(sandbox, dataDir, key);
  await sandbox.control('DELETE', '/__sandbox/log');
  await sandbox.control('POST', '/__sandbox/faults', { kind: 'latency', latencyMs: LATENCY_MS });
  const cpuBefore = process.cpuUsage();
  const begin = performance.now();
  await app.wake('timer');
  const elapsed = performance.now() - begin;
  const cpu = process.cpuUsage(cpuBefore);
  await sandbox.control('DELETE', '/__sandbox/faults');
  const stats = (await sandbox.control('GET', '/__sandbox/stats')) as { requests: number };
  const listed = await app.dispatch('accounts.list', {});
  const refreshed = listed.ok ? (listed.value as { lastRefreshAt: string | null }[]).filter((account) => account.lastRefreshAt).length : 0;
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
  const floor = (stats.requests * LATENCY_MS) / SWEEP_CONCURRENCY;
  // The process's high-water mark (seeding included), so no peak between two samples goes unseen.
  const peakRss = process.resourceUsage().maxRSS * 1024;
  console.log(
    `refresh sweep: ${SWEEP_ACCOUNTS} accounts (${refreshed} refreshed), ${stats.requests} requests at concurrency ${SWEEP_CONCURRENCY}, ` +
      `${(elapsed / 1000).toFixed(2)} s; floor ${(floor / 1000).toFixed(2)} s; ratio ${(elapsed / floor).toFixed(3)} (target <= 1.10); ` +
      `peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MiB; app CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s`,
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
  const measurements = { connect: benchConnect, sweep: benchSweep, list: benchList, publish: benchPublish, engage: benchEngage, media: benchMedia };
  const chosen = process.argv.slice(2);
  for (const name of chosen) if (!(name in measurements)) throw new Error(`Unknown measurement ${name}; choose from ${Object.keys(measurements).join(', ')}.`);
  for (const [name, run] of Object.entries(measurements)) {
    if (chosen.length > 0 && !chosen.includes(name)) continue;
    // A fresh sandbox each: the measurements seed the same usernames, and none should pay for another's state.
    const sandbox = await spawnSandbox(REDIRECT);
    try {
      await run(sandbox);
    } finally {
      await sandbox.stop();
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
