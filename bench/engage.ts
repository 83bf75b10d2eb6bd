import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { request } from 'undici';
import { COMMENTS_PAGE } from '../src-renderer/features/comments/inbox';
import { createApp } from '../src-main/app/createApp';
import { POLL_INTERVAL_MS } from '../src-main/comments';
import { DAY, HOUR, MINUTE } from '../src-main/config/clock';
import { ManualClock } from '../src-main/config/manualClock';
import { silentLogger } from '../src-main/config/logger';
import { memoryKeyProtector } from '../src-main/vault/localProtectors';
import { createWebServer } from '../src-main/host/apiServer';
import type { RemoteSandbox } from './sandboxProcess';
import { LATENCY_MS, liveEnv, percentile, seedAccounts } from './setup';

const ACCOUNTS = 100;
const POSTS = 50;

interface RequestEntry {
  method: string;
  path: string;
}

/**
 * Comment polling for 100 accounts × 50 posts of the last week, 50 ms on every answer: the requests the
 * cadence makes per minute against its floor (one media page and one comments read per post every 5 minutes,
 * one media page per account hourly for older posts), then `comments.list` over the host's HTTP API with the
 * whole inbox stored. The app runs on a manual clock so a poll cycle needs no real 5-minute wait.
 */
export async function benchEngage(sandbox: RemoteSandbox): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'postdeck-bench-'));
  const key = Buffer.alloc(32, 17);
  await seedAccounts(sandbox, dataDir, key, ACCOUNTS);
  const people = (await sandbox.control('GET', '/__sandbox/people')) as { username: string; igUserId: string }[];
  for (const person of people.filter((p) => p.username.startsWith('bench.creator.'))) {
    // Within the last 6 days and at least a day old, so every seeded comment but the 26-hour one has arrived.
    await sandbox.control('POST', '/__sandbox/media/outside', { igUserId: person.igUserId, count: POSTS, withinMs: 5 * DAY });
  }
  const clock = new ManualClock(Date.now());
  // As shipped (checkContract off, as in a packaged app): development runs also check every answer against the contract.
  const app = await createApp({ host: 'web', version: 'bench', dataDir, clock, timers: clock, logger: silentLogger, keyProtector: memoryKeyProtector(key), env: liveEnv(sandbox), checkContract: false });
  await sandbox.control('POST', '/__sandbox/faults', { kind: 'latency', latencyMs: LATENCY_MS });

  const cycle = async (advanceMs: number) => {
    await sandbox.control('DELETE', '/__sandbox/log');
    const begin = performance.now();
    await clock.advanceAsync(advanceMs);
    await app.jobsIdle();
    const seconds = (performance.now() - begin) / 1000;
    const log = (await sandbox.control('GET', '/__sandbox/log')) as RequestEntry[];
    // Insights checks run in the same minutes; only the polls' requests count here.
    return { seconds, requests: log.filter((e) => e.path.endsWith('/comments') || e.path.endsWith('/media')).length };
  };
  // The first round polls recent and older media of every account; the next one (5 minutes on) only recent.
  const first = await cycle(MINUTE);
  const recent = await cycle(POLL_INTERVAL_MS.recent);
  await sandbox.control('DELETE', '/__sandbox/faults');
  const olderPerHour = first.requests - recent.requests;
  const perMinute = recent.requests / (POLL_INTERVAL_MS.recent / MINUTE) + olderPerHour / (HOUR / MINUTE);
  const floorPerMinute = (ACCOUNTS * (POSTS + 1)) / (POLL_INTERVAL_MS.recent / MINUTE) + ACCOUNTS / (HOUR / MINUTE);
  console.log(
    `comment polling: ${ACCOUNTS} accounts × ${POSTS} recent posts, ${perMinute.toFixed(0)} requests/min; floor ${floorPerMinute.toFixed(0)}; ` +
      `ratio ${(perMinute / floorPerMinute).toFixed(3)} (target <= 1.05); a 5-minute round took ${recent.seconds.toFixed(1)} s at ${LATENCY_MS} ms per answer`,
  );

  const token = 'bench-token';
  const server = createWebServer({ token, staticDir: tmpdir(), logger: silentLogger, app: () => app });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  /** p50 and p99 of `comments.list` with this input over HTTP, and how many comments (replies included) came back. */
  const timeList = async (input: object) => {
    const samples: number[] = [];
    let comments = 0;
    for (let run = 0; run < 60; run++) {
      const begin = performance.now();
      const response = await request(`http://127.0.0.1:${port}/api/comments.list`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
      const text = await response.body.text();
      const elapsed = performance.now() - begin;
      const body = JSON.parse(text) as { ok: boolean; value: Array<{ replies: unknown[] }> };
      if (!body.ok) throw new Error('comments.list failed in the benchmark');
      comments = body.value.reduce((total, thread) => total + 1 + thread.replies.length, 0);
      if (run >= 10) samples.push(elapsed); // warm-up
    }
    return { p50: percentile(samples, 0.5), p99: percentile(samples, 0.99), comments };
  };
  // What the inbox screen asks for: its first page and one more (to know whether older ones exist).
  const page = await timeList({ limit: COMMENTS_PAGE + 1 });
  const whole = await timeList({});
  server.close();
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
  console.log(
    `comments.list over HTTP, the inbox's first page (${page.comments} of ${whole.comments} comments): p50 ${page.p50.toFixed(1)} ms, p99 ${page.p99.toFixed(1)} ms (target p50 <= 20 ms); ` +
      `the whole inbox at once: p50 ${whole.p50.toFixed(1)} ms, p99 ${whole.p99.toFixed(1)} ms`,
  );
}
