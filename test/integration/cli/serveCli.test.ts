import BetterSqlite3 from 'better-sqlite3';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appError } from '../../../src-shared/errors';
import type { Account } from '../../../src-shared/models';
import type { Post } from '../../../src-shared/posts';
import { createApp } from '../../../src-main/app/createApp';
import { OwnerClient } from '../../../src-main/cli/client';
import { localTime } from '../../../src-main/cli/format';
import { ManualClock } from '../../../src-main/config/manualClock';
import { silentLogger } from '../../../src-main/config/logger';
import { aesKeyProtector } from '../../../src-main/vault/localProtectors';
import { consent } from '../../helpers/harness';

const REEL = join(process.cwd(), 'test/fixtures/media/reel-4s-9x16.mp4');
const USER = 'maya.makes';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A temp data folder, the built `postdeck` CLI, and `postdeck serve` children on it (with its built-in sandbox). */
class Scene {
  dir = mkdtempSync(join(tmpdir(), 'postdeck-cli-'));
  dataDir = join(this.dir, 'data');
  controlToken = randomBytes(16).toString('hex');
  serve: ChildProcess | null = null;
  /** What each serve child has printed so far. */
  private readonly printed = new WeakMap<ChildProcess, { text: string }>();
  sandboxUrl = '';
  env: Record<string, string>;

  constructor() {
    writeFileSync(join(this.dir, 'passphrase'), 'a long passphrase for the test\n', { mode: 0o600 });
    writeFileSync(join(this.dir, 'wrong-passphrase'), 'not the passphrase\n', { mode: 0o600 });
    // Nothing from the developer's own environment: sandbox mode, this folder, this passphrase.
    const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('POSTDECK_'))) as Record<string, string>;
    this.env = {
      ...clean,
      POSTDECK_DATA_DIR: this.dataDir,
      POSTDECK_PASSPHRASE_FILE: join(this.dir, 'passphrase'),
      POSTDECK_SANDBOX_CONTROL_TOKEN: this.controlToken,
      POSTDECK_NOTIFY_COMMAND: 'echo "notify-command: $POSTDECK_TITLE"',
    };
  }

  cli(args: string[], options: { env?: Record<string, string>; onStderr?: (text: string) => void } = {}): Promise<Run> {
    const child = spawn(process.execPath, ['dist-main/cli.cjs', ...args], { env: { ...this.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const run: Run = { code: null, stdout: '', stderr: '' };
    child.stdout!.on('data', (chunk: Buffer) => (run.stdout += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => {
      run.stderr += chunk.toString();
      options.onStderr?.(run.stderr);
    });
    return new Promise((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code) => resolve({ ...run, code }));
    });
  }

  async json<T>(args: string[]): Promise<T> {
    const run = await this.cli([...args, '--json']);
    if (run.code !== 0) throw new Error(`postdeck ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
    return JSON.parse(run.stdout) as T;
  }

  /** Starts `postdeck serve`; resolves once it prints that it is up (its signal handlers are in place by then). */
  startServe(env: Record<string, string> = {}, flags: string[] = [], onStderr?: (stderr: string) => void): Promise<ChildProcess> {
    const child = spawn(process.execPath, ['dist-main/cli.cjs', 'serve', ...flags], { env: { ...this.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout = { text: '' };
    this.printed.set(child, stdout);
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      onStderr?.(stderr);
    });
    return new Promise((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        stdout.text += chunk.toString();
        if (stdout.text.includes('Postdeck serve:')) resolve(child);
      });
      child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
    });
  }

  /** Resolves once the serve child has printed `text`. */
  whenPrinted(child: ChildProcess, text: string): Promise<void> {
    const printed = this.printed.get(child)!;
    return new Promise((resolve) => {
      const check = () => {
        if (!printed.text.includes(text)) return;
        child.stdout!.off('data', check);
        resolve();
      };
      child.stdout!.on('data', check);
      check();
    });
  }

  stopServe(child: ChildProcess): Promise<number | null> {
    return new Promise((resolve) => {
      // 'close': exited, and everything it wrote has been read.
      child.once('close', (code) => resolve(code));
      child.kill('SIGTERM');
    });
  }

  async control(path: string, body: unknown): Promise<unknown> {
    const answer = await request(`${this.sandboxUrl}/__sandbox/${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${this.controlToken}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const value = (await answer.body.json()) as unknown;
    if (answer.statusCode >= 300) throw new Error(`sandbox ${path} answered ${answer.statusCode}: ${JSON.stringify(value)}`);
    return value;
  }

  posts(): Promise<Post[]> {
    return this.json<Post[]>(['posts', 'list']);
  }

  /** A post's row and its pending jobs, read from the database while no serve holds it. */
  storedPost(postId: string): { status: string; step: string | null; ig_media_id: string | null; jobs: number } {
    const db = new BetterSqlite3(join(this.dataDir, 'postdeck.db'), { readonly: true, fileMustExist: true });
    try {
      const row = db.prepare<[string], { status: string; step: string | null; ig_media_id: string | null }>('SELECT status, step, ig_media_id FROM posts WHERE id = ?').get(postId)!;
      const jobs = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM jobs WHERE key = ?').get(`publish:${postId}`)!.n;
      return { ...row, jobs };
    } finally {
      db.close();
    }
  }

  mediaFiles(): string[] {
    const folder = join(this.dataDir, 'media');
    return existsSync(folder) ? readdirSync(folder, { recursive: true }).map(String) : [];
  }
}

/** Resolves with the post once `done` holds: re-reads it on each `posts.changed` event the owner pushes. */
async function postWhen(socketPath: string, postId: string, done: (post: Post) => boolean): Promise<Post> {
  const client = await OwnerClient.open(socketPath);
  try {
    return await new Promise<Post>((resolve, reject) => {
      const check = () =>
        void client.call<Post>('posts.get', { postId }).then((result) => {
          if (!result.ok) reject(new Error(result.error.code));
          else if (done(result.value)) resolve(result.value);
        });
      client.onEvent((name) => {
        if (name === 'posts.changed') check();
      });
      check();
    });
  } finally {
    client.close();
  }
}

describe('the postdeck CLI against `postdeck serve`', () => {
  const scene = new Scene();
  const socketPath = join(scene.dataDir, 'postdeck.sock');

  beforeAll(() => {
    execFileSync(process.execPath, ['scripts/build-main.mjs'], { stdio: 'inherit' });
  }, 120_000);

  afterAll(() => {
    scene.serve?.kill('SIGKILL');
    rmSync(scene.dir, { recursive: true, force: true });
  });

  it('exits 3 and says how to start Postdeck when nothing owns the folder', async () => {
    const run = await scene.cli(['status']);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('postdeck serve');
  });

  it('starts, answers status, and refuses a second owner on the same folder, naming the first', async () => {
    scene.serve = await scene.startServe();
    const status = await scene.json<{ owner: { kind: string; pid: number }; host: string; mode: string; sandboxUrl: string }>(['status']);
    expect(status.owner).toMatchObject({ kind: 'serve', pid: scene.serve.pid });
    // The app itself says which host runs it, not only the lock file.
    expect(status.host).toBe('serve');
    expect(status.mode).toBe('sandbox');
    scene.sandboxUrl = status.sandboxUrl;
    expect(readFileSync(join(scene.dataDir, 'logs', 'serve.log'), 'utf8')).toContain('"message":"environment ready"');
    await scene.control('options', { videoProcessingMs: 0 });

    const second = await scene.cli(['serve']);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`already owns ${scene.dataDir}`);
    expect(second.stderr).toContain(`serve, pid ${scene.serve.pid}`);
  }, 60_000);

  it('connects an account: prints the address, waits for the callback at the owner, prints the account', async () => {
    let consented: Promise<void> | null = null;
    const run = await scene.cli(['accounts', 'connect', '--json'], {
      onStderr: (stderr) => {
        const address = /Open this address to connect: (\S+)/.exec(stderr)?.[1];
        if (!address || consented) return;
        // What the person does in the browser: consent, then the browser follows the redirect to the owner.
        consented = consent(address, { username: USER }).then(async (redirect) => {
          const landed = await request(redirect);
          expect(landed.statusCode).toBe(200);
          await landed.body.text();
        });
      },
    });
    await consented;
    expect(run.stderr).toContain('Open this address to connect: ');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ username: USER });
    expect((await scene.json<Account[]>(['accounts', 'list'])).map((account) => account.username)).toEqual([USER]);
  }, 60_000);

  it('refuses bad input with exit 1 and the sentence, and writes nothing', async () => {
    const future = new Date(Date.now() + 86_400_000).toISOString();
    const create = (...args: string[]) => scene.cli(['posts', 'create', '--caption', 'hello', ...args]);

    const unknown = await create('--account', '@nobody.here', '--reel', REEL, '--at', future);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toBe('not_found: No connected account is @nobody.here.\nRun `postdeck accounts list` to see the connected accounts.\n');

    const past = await create('--account', `@${USER}`, '--reel', REEL, '--at', '2020-01-01 09:00');
    expect(past.code).toBe(1);
    expect(past.stderr).toContain('post_invalid: Instagram would refuse this post as it is. That time has already passed.');

    const story = await create('--account', `@${USER}`, '--story', REEL, '--at', future);
    expect(story.code).toBe(1);
    expect(story.stderr).toContain('story_needs_business: Instagram publishes Stories through apps for Business accounts only');

    const usage = await create('--account', `@${USER}`, '--at', future);
    expect(usage.code).toBe(2);

    expect(await scene.posts()).toEqual([]);
    expect(scene.mediaFiles()).toEqual([]);
  }, 60_000);

  it('creates a manual post from a local file, lists it waiting for approval, and approves it; SIGTERM mid-publish resumes without a duplicate', async () => {
    // This minute, in local time: due now, so the manual post moves to the approval queue at once.
    const post = await scene.json<Post>(['posts', 'create', '--account', `@${USER}`, '--reel', REEL, '--caption', 'From the CLI', '--at', localTime(new Date().toISOString()), '--manual']);
    expect(post).toMatchObject({ kind: 'reel', mode: 'manual', caption: 'From the CLI', media: [{ mediaId: expect.any(String) }] });
    await postWhen(socketPath, post.id, (p) => p.status === 'pending_manual');
    // No desktop to show a notification: serve logs it and runs POSTDECK_NOTIFY_COMMAND.
    await scene.whenPrinted(scene.serve!, '"message":"notification"');
    await scene.whenPrinted(scene.serve!, 'notify-command: A post is waiting for your approval');
    const queued = await scene.json<Post[]>(['posts', 'list', '--status', 'pending_manual']);
    expect(queued.map((p) => p.id)).toEqual([post.id]);

    // Instagram processes the Reel for an hour (sandbox time); the host is told to stop meanwhile.
    await scene.control('options', { videoProcessingMs: 60 * 60_000 });
    const approved = await scene.cli(['posts', 'approve', post.id]);
    expect(approved.code).toBe(0);
    await postWhen(socketPath, post.id, (p) => p.progress === 'processing');
    expect(await scene.stopServe(scene.serve!)).toBe(0);
    expect(existsSync(join(scene.dataDir, 'postdeck.lock'))).toBe(false);
    // Stopped halfway: the container is made, nothing is published, and the job is still there to resume.
    const stored = scene.storedPost(post.id);
    expect(stored).toMatchObject({ status: 'publishing', step: 'container_created', ig_media_id: null });
    expect(stored.jobs).toBe(1);

    scene.serve = await scene.startServe();
    // The built-in sandbox comes back from its state file, on a new port; the hour of processing passes.
    scene.sandboxUrl = (await scene.json<{ sandboxUrl: string }>(['status'])).sandboxUrl;
    await scene.control('clock', { advanceMs: 60 * 60_000 });
    const published = await postWhen(socketPath, post.id, (p) => p.status === 'published');
    expect(published.igMediaId).toBeTruthy();
    const media = (await scene.control('media', undefined)) as Record<string, Array<{ caption: string }>>;
    expect(Object.values(media).flat().filter((item) => item.caption === 'From the CLI')).toHaveLength(1);
    const containers = (await scene.control('containers', undefined)) as Record<string, unknown[]>;
    expect(Object.values(containers).flat()).toHaveLength(1);
  }, 120_000);

  it('keeps the key in a plain file only with --insecure-key-file, and says why not', async () => {
    const dataDir = join(scene.dir, 'insecure');
    let warned = '';
    const child = await scene.startServe({ POSTDECK_DATA_DIR: dataDir, POSTDECK_PASSPHRASE_FILE: '' }, ['--insecure-key-file'], (stderr) => (warned = stderr));
    expect(await scene.stopServe(child)).toBe(0);
    expect(warned).toContain('WARNING: --insecure-key-file keeps the key that opens your Instagram tokens in a plain file');
    expect(existsSync(join(dataDir, 'serve-insecure.key'))).toBe(true);
    expect(existsSync(join(dataDir, 'serve-key.json'))).toBe(false);
  }, 60_000);

  it("refuses a folder whose tokens another kind of key protects, such as the desktop app's keyring", async () => {
    const dataDir = join(scene.dir, 'desktop-folder');
    const desktop = await createApp({
      host: 'desktop',
      version: 'test',
      dataDir,
      clock: new ManualClock(Date.now()),
      logger: silentLogger,
      keyProtector: aesKeyProtector(randomBytes(32), { id: 'safeStorage', backend: 'gnome_libsecret', weaknessWarning: null }),
      env: {},
      backgroundTimers: false,
    });
    await desktop.close();
    const before = createHash('sha256').update(readFileSync(join(dataDir, 'postdeck.db'))).digest('hex');
    const run = await scene.cli(['serve'], { env: { POSTDECK_DATA_DIR: dataDir } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("protected by the desktop app's OS keyring");
    expect(createHash('sha256').update(readFileSync(join(dataDir, 'postdeck.db'))).digest('hex')).toBe(before);
    expect(existsSync(join(dataDir, 'serve-key.json'))).toBe(false);
  }, 60_000);

  it('refuses a wrong passphrase with a clear error and changes nothing', async () => {
    expect(await scene.stopServe(scene.serve!)).toBe(0);
    scene.serve = null;
    const fingerprint = () =>
      ['serve-key.json', 'postdeck.db'].map((file) => createHash('sha256').update(readFileSync(join(scene.dataDir, file))).digest('hex'));
    const before = fingerprint();
    const run = await scene.cli(['serve'], { env: { POSTDECK_PASSPHRASE_FILE: join(scene.dir, 'wrong-passphrase') } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('The passphrase does not open');
    expect(fingerprint()).toEqual(before);
    expect(existsSync(join(scene.dataDir, 'postdeck.lock'))).toBe(false);
  }, 60_000);
});

describe('`postdeck serve` on a damaged data file', () => {
  const scene = new Scene();

  beforeAll(() => {
    execFileSync(process.execPath, ['scripts/build-main.mjs'], { stdio: 'inherit' });
  }, 120_000);

  afterAll(() => rmSync(scene.dir, { recursive: true, force: true }));

  it('exits 1 and prints the error code first, as a refused command does, so scripts can match it', async () => {
    mkdirSync(scene.dataDir, { mode: 0o700 });
    writeFileSync(join(scene.dataDir, 'postdeck.db'), 'not a database, just bytes\n'.repeat(100));
    const run = await scene.cli(['serve']);
    expect(run.code).toBe(1);
    expect(run.stderr.startsWith(`database_damaged: ${appError('database_damaged').message}\nFile: ${join(scene.dataDir, 'postdeck.db')}\n`)).toBe(true);
    expect(run.stderr).toContain(appError('database_damaged').action);
  }, 60_000);
});
