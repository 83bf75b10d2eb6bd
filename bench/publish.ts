import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import type { AppEvent, EventMap } from '../src-shared/events';
import type { Account } from '../src-shared/models';
import type { Post } from '../src-shared/posts';
import type { PostdeckApp } from '../src-main/app/types';
import { DAY, SECOND } from '../src-main/config/clock';
import type { RemoteSandbox } from './sandboxProcess';
import { LATENCY_MS, percentile, seedAccounts, startApp } from './setup';

const ACCOUNTS = 100;
const POSTS = 1_000;
const SPREAD_MS = 60 * SECOND;
const IDLE_POSTS = 10_000;
/** The job runner's default: publish runs in flight at once. */
const CONCURRENCY = 8;
/** The fewest round trips a post needs: quota, create, status, publish (the permalink read comes after). */
const ROUND_TRIPS = 4;

/** A JPEG at a loopback address, as a creator's CDN would serve it. */
async function serveImage(): Promise<{ url: string; close: () => void }> {
  const jpeg = await sharp({ create: { width: 1080, height: 1080, channels: 3, background: '#c96' } }).jpeg().toBuffer();
  const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': jpeg.length }).end(jpeg));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/photo.jpg`, close: () => server.close() };
}

async function createPosts(app: PostdeckApp, accounts: Account[], url: string, count: number, slotOf: (index: number) => number): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index++) {
    const created = await app.dispatch('posts.create', {
      accountId: accounts[index % accounts.length]!.id,
      kind: 'image',
      caption: `bench post ${index}`,
      media: [{ url }],
      scheduledAt: new Date(slotOf(index)).toISOString(),
    });
    if (!created.ok) throw new Error(`${created.error.code}: ${created.error.detail ?? ''}`);
    ids.push((created.value as Post).id);
  }
  return ids;
}

/**
 * 1,000 posts due within one minute across 100 accounts, 50 ms on every answer: wall time against the floor,
 * how late the scheduler picks each post up, and what 10,000 future posts cost while nothing is due.
 */
export async function benchPublish(sandbox: RemoteSandbox): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'postdeck-bench-'));
  const key = Buffer.alloc(32, 13);
  // Publishing scopes only: comment polling and insights are real work, but not what future posts cost.
  await seedAccounts(sandbox, dataDir, key, ACCOUNTS, ['instagram_business_basic', 'instagram_business_content_publish']);
  // Ready at once: the measurement is Postdeck's pipeline, not Instagram's processing.
  await sandbox.control('POST', '/__sandbox/options', { imageProcessingMs: 0, publishQuotaTotal: 100 });
  const image = await serveImage();
  const app = await startApp(sandbox, dataDir, key);
  try {
    const listed = await app.dispatch('accounts.list', {});
    if (!listed.ok) throw new Error(listed.error.code);
    const accounts = listed.value as Account[];

    const firstSlot = Date.now() + 20 * SECOND; // time to create them all first
    const slots = new Map<string, number>();
    const ids = await createPosts(app, accounts, image.url, POSTS, (index) => firstSlot + Math.floor((index * SPREAD_MS) / POSTS));
    ids.forEach((id, index) => slots.set(id, firstSlot + Math.floor((index * SPREAD_MS) / POSTS)));

    const pickedUp = new Map<string, number>();
    let lastPublished = 0;
    const allPublished = new Promise<void>((resolve) => {
      const published = new Set<string>();
      app.subscribe((event: AppEvent) => {
        if (event.name !== 'posts.changed') return;
        const { postId, status } = event.payload as EventMap['posts.changed'];
        if (!postId || !slots.has(postId)) return;
        if (status === 'publishing' && !pickedUp.has(postId)) pickedUp.set(postId, Date.now());
        if (status === 'published' && !published.has(postId) && published.add(postId).size === POSTS) {
          lastPublished = Date.now();
          resolve();
        }
      });
    });
    await sandbox.control('POST', '/__sandbox/faults', { kind: 'latency', latencyMs: LATENCY_MS });
    await allPublished;
    await sandbox.control('DELETE', '/__sandbox/faults');

    const lastSlot = Math.max(...slots.values());
    const wall = lastPublished - firstSlot;
    const floor = Math.max(lastSlot - firstSlot + ROUND_TRIPS * LATENCY_MS, (POSTS * ROUND_TRIPS * LATENCY_MS) / CONCURRENCY);
    const lateness = [...pickedUp].map(([id, at]) => at - slots.get(id)!);
    console.log(
      `publish: ${POSTS} posts over ${SPREAD_MS / 1000} s across ${ACCOUNTS} accounts, ${LATENCY_MS} ms per answer: ` +
        `${(wall / 1000).toFixed(2)} s from the first slot to the last publish; floor ${(floor / 1000).toFixed(2)} s; ratio ${(wall / floor).toFixed(3)}`,
    );
    console.log(
      `scheduler lateness (slot → picked up): p50 ${percentile(lateness, 0.5).toFixed(0)} ms, p99 ${percentile(lateness, 0.99).toFixed(0)} ms ` +
        `(target p99 <= 1,000 ms)`,
    );

    // 10,000 posts due tomorrow: nothing should run until then; one timer, no polling.
    await createPosts(app, accounts, image.url, IDLE_POSTS, (index) => Date.now() + DAY + index * SECOND);
    // Settle first: the collector still tidies up after creating them; idle is what follows.
    await new Promise((resolve) => setTimeout(resolve, 10 * SECOND));
    const before = process.cpuUsage();
    const began = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 20 * SECOND));
    const used = process.cpuUsage(before);
    const perMinute = ((used.user + used.system) / 1e6) * (60_000 / (performance.now() - began));
    console.log(`idle with ${IDLE_POSTS} future posts: ${perMinute.toFixed(3)} CPU seconds per idle minute (target ≈ 0: one timer, no polling)`);
  } finally {
    await app.close();
    image.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
