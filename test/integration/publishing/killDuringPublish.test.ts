import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account } from '../../../src-shared/models';
import type { Post } from '../../../src-shared/posts';
import { createApp } from '../../../src-main/app/createApp';
import type { PostdeckApp } from '../../../src-main/app/types';
import { SECOND } from '../../../src-main/config/clock';
import { ManualClock } from '../../../src-main/config/manualClock';
import { silentLogger } from '../../../src-main/config/logger';
import { startSandbox, type Sandbox } from '../../../src-main/sandbox';
import type { RequestLogEntry } from '../../../src-main/sandbox/requestLog';
import { fileKeyProtector } from '../../../src-main/vault/localProtectors';
import { consent, liveModeEnv } from '../../helpers/harness';

/** Lanes run side by side, each with its own data folder and its own "Instagram"; 3 × 34 = 102 kills. */
const LANES = 3;
const TRIALS_PER_LANE = 34;
const APP = { appId: '4400000000000044', appSecret: 'fedcba9876543210fedcba9876543210' };
const REDIRECT = 'https://postdeck.example/oauth/instagram/callback';
const TERMINAL: ReadonlySet<Post['status']> = new Set(['published', 'failed', 'held', 'pending_manual', 'draft']);

/** Which publishing step a request to "Instagram" belongs to; null for requests that are not publishing (health checks). */
function stepOf(entry: RequestLogEntry, containerIds: ReadonlySet<string>): string | null {
  const path = entry.path.replace(/^\/v\d+\.\d+/, '');
  if (path.endsWith('/content_publishing_limit')) return 'quota';
  if (entry.method === 'POST' && path.endsWith('/media_publish')) return 'media_publish';
  if (entry.method === 'POST' && path.endsWith('/media')) return 'create container';
  if (entry.method === 'POST' && path.endsWith('/comments')) return 'first comment';
  if (entry.method === 'GET' && path.endsWith('/media')) return 'reconcile (recent media)';
  const single = /^\/(\d+)$/.exec(path);
  if (entry.method === 'GET' && single) return containerIds.has(single[1]!) ? 'container status' : 'permalink';
  return null;
}

class Lane {
  instagram!: Sandbox;
  readonly dataDir = mkdtempSync(join(tmpdir(), 'postdeck-killpub-'));
  accounts: Account[] = [];
  readonly captions = new Map<string, { accountId: string; firstComment: string | null }>();
  readonly killedAt = new Map<string, number>();
  private env: Record<string, string> = {};
  private child: ChildProcess | null = null;
  private image = '';

  constructor(private readonly lane: number) {}

  async start(): Promise<void> {
    this.instagram = await startSandbox({
      quiet: true,
      apps: [{ ...APP, redirectUris: [REDIRECT], mode: 'live' }],
      // Containers are ready at once, so every kill lands in publishing rather than in waiting.
      publishing: { imageProcessingMs: 0, publishQuotaTotal: 10_000 },
    });
    this.env = liveModeEnv(this.instagram, APP, REDIRECT);
    const jpeg = await sharp({ create: { width: 1080, height: 1080, channels: 3, background: '#c96' } }).jpeg().toBuffer();
    this.image = this.instagram.hostMedia(jpeg, 'image/jpeg').url;
    const app = await this.openApp(new ManualClock(Date.now()));
    try {
      for (const username of [`baker.${this.lane}`, `potter.${this.lane}`]) {
        this.instagram.world.addPerson({ username, accountType: 'BUSINESS', tester: true });
        const started = await app.dispatch('accounts.connect', {});
        if (!started.ok) throw new Error(started.error.code);
        const { authorizeUrl } = started.value as { authorizeUrl: string };
        const result = await app.handleOAuthCallback(await consent(authorizeUrl, { username }));
        if (!result.ok) throw new Error(result.error.code);
        this.accounts.push(result.value as Account);
      }
    } finally {
      await app.close();
    }
  }

  async stop(): Promise<void> {
    this.child?.kill('SIGKILL');
    await this.instagram?.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** The data folder and key file the killed host uses; `clock` drives its timers, so resuming takes no real time. */
  openApp(clock: ManualClock): Promise<PostdeckApp> {
    return createApp({
      host: 'web',
      version: 'test',
      dataDir: this.dataDir,
      clock,
      timers: clock,
      logger: silentLogger,
      keyProtector: fileKeyProtector(join(this.dataDir, 'web-host.key')),
      env: this.env,
      backgroundTimers: false,
    });
  }

  /** Two posts due in a second: an image with a first comment, and a carousel or a plain image. Returns the fewest publishing requests they need. */
  async schedulePosts(trial: number): Promise<number> {
    const clock = new ManualClock(Date.now());
    const app = await this.openApp(clock);
    try {
      const at = new Date(clock.now() + SECOND).toISOString();
      const carousel = trial % 2 === 0;
      const specs = [
        { account: this.accounts[0]!, kind: 'image', media: [{ url: this.image }], firstComment: `#trial${trial}` },
        { account: this.accounts[1]!, kind: carousel ? 'carousel' : 'image', media: carousel ? [{ url: this.image }, { url: this.image }] : [{ url: this.image }], firstComment: null },
      ];
      for (const [index, spec] of specs.entries()) {
        const caption = `lane ${this.lane} trial ${trial} post ${index}`;
        const created = await app.dispatch('posts.create', {
          accountId: spec.account.id,
          kind: spec.kind,
          caption,
          media: spec.media,
          scheduledAt: at,
          ...(spec.firstComment ? { firstComment: spec.firstComment } : {}),
        });
        if (!created.ok) throw new Error(`${created.error.code}: ${created.error.detail ?? ''}`);
        this.captions.set(caption, { accountId: spec.account.id, firstComment: spec.firstComment });
      }
      // quota, container, status, publish for each post; a carousel's two items add two containers.
      return 8 + (carousel ? 2 : 0);
    } finally {
      await app.close();
    }
  }

  /** Runs the browser host on the folder and SIGKILLs it the moment "Instagram" answers its `killAt`-th publishing request. */
  runAndKill(killAt: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['dist-main/web.cjs', '--port', '0', '--data-dir', this.dataDir], {
        env: { ...process.env, ...this.env },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      this.child = child;
      let stderr = '';
      child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      let counted = 0;
      const containers = () => new Set(this.accounts.flatMap((account) => this.instagram.world.publishing.containersOf(account.igUserId).map((c) => c.id)));
      const unsubscribe = this.instagram.world.log.subscribe((entry) => {
        const step = stepOf(entry, containers());
        if (step === null || ++counted !== killAt) return;
        child.kill('SIGKILL');
        this.killedAt.set(step, (this.killedAt.get(step) ?? 0) + 1);
      });
      child.on('error', reject);
      child.on('exit', (code, signal) => {
        unsubscribe();
        this.child = null;
        // One turn for bytes already sent to reach the sandbox's parser; then its in-flight requests end.
        if (signal === 'SIGKILL') setImmediate(() => void this.instagram.idle().then(resolve));
        else reject(new Error(`host exited on its own (${code}) after ${counted} publishing requests:\n${stderr}`));
      });
    });
  }

  /** A fresh app resumes whatever the killed one left, on a manual clock, until every post has come to rest. */
  async resume(): Promise<Post[]> {
    const clock = new ManualClock(Date.now());
    const app = await this.openApp(clock);
    try {
      for (let step = 0; step < 600; step++) {
        await app.jobsIdle();
        const listed = await app.dispatch('posts.list', {});
        if (!listed.ok) throw new Error(listed.error.code);
        const posts = listed.value as Post[];
        if (posts.every((post) => TERMINAL.has(post.status))) return posts;
        await clock.advanceAsync(SECOND);
      }
      throw new Error('posts did not come to rest after ten minutes of app time');
    } finally {
      await app.close();
    }
  }
}

describe('SIGKILL at random points of publishing', () => {
  const lanes = Array.from({ length: LANES }, (_, index) => new Lane(index));

  beforeAll(async () => {
    execFileSync(process.execPath, ['scripts/build-main.mjs'], { stdio: 'inherit' });
    await Promise.all(lanes.map((lane) => lane.start()));
  }, 120_000);

  afterAll(() => Promise.all(lanes.map((lane) => lane.stop())));

  it(`publishes every post exactly once across ${LANES * TRIALS_PER_LANE} kills`, async () => {
    await Promise.all(
      lanes.map(async (lane) => {
        for (let trial = 0; trial < TRIALS_PER_LANE; trial++) {
          const fewest = await lane.schedulePosts(trial);
          await lane.runAndKill(1 + Math.floor(Math.random() * fewest));
          await lane.resume();
        }
      }),
    );

    let posts = 0;
    const kills = new Map<string, number>();
    for (const lane of lanes) {
      for (const [step, count] of lane.killedAt) kills.set(step, (kills.get(step) ?? 0) + count);
      const app = await lane.openApp(new ManualClock(Date.now()));
      try {
        const listed = await app.dispatch('posts.list', {});
        if (!listed.ok) throw new Error(listed.error.code);
        const stored = listed.value as Post[];
        // Not lost: every post created is here, and published.
        expect(stored.map((post) => post.caption).sort()).toEqual([...lane.captions.keys()].sort());
        for (const post of stored) {
          expect(post.status, `${post.caption}: ${JSON.stringify(post.attempts.slice(-3))}`).toBe('published');
          // Exactly one Instagram media per post, and the post knows which.
          const account = lane.accounts.find((a) => a.id === post.accountId)!;
          const media = lane.instagram.world.publishing.mediaOf(account.igUserId).filter((item) => item.caption === post.caption);
          expect(media.map((item) => item.id), post.caption).toEqual([post.igMediaId]);
          expect(post.permalink, post.caption).toMatch(/^https:\/\/www\.instagram\.com\/p\//);
          // The first comment at most once; when it may be missing, the post says so.
          const comments = lane.instagram.world.publishing.commentsOn(media[0]!.id);
          const expected = lane.captions.get(post.caption)!.firstComment;
          if (expected === null) expect(comments, post.caption).toEqual([]);
          else if (comments.length === 0) expect(post.firstCommentError?.message, post.caption).toMatch(/may be missing/);
          else expect(comments.map((comment) => comment.text), post.caption).toEqual([expected]);
          posts++;
        }
      } finally {
        await app.close();
      }
    }
    const killCount = [...kills.values()].reduce((sum, count) => sum + count, 0);
    console.log(`${killCount} kills over ${posts} posts, by step: ${[...kills].map(([step, count]) => `${step} ${count}`).join(', ')}`);
    expect(killCount).toBe(LANES * TRIALS_PER_LANE);
    expect(kills.get('media_publish')).toBeGreaterThan(0);
  }, 600_000);
});
