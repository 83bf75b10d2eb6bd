import BetterSqlite3 from 'better-sqlite3';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account } from '../../../src-shared/models';
import type { Post, PostStatus } from '../../../src-shared/posts';
import { DATABASE_FILE } from '../../../src-main/app/createApp';
import { HOUR, SECOND } from '../../../src-main/config/clock';
import { ManualClock } from '../../../src-main/config/manualClock';
import { startSandbox, type Sandbox } from '../../../src-main/sandbox';
import type { MediaItem } from '../../../src-main/media/library';
import { connectAs, startHarness, type Harness } from '../../helpers/harness';
import { makeTestVideo } from '../../helpers/testVideos';

const PASSPHRASE = 'correct horse battery staple';

let sandbox: Sandbox;
let clock: ManualClock;
let dir: string;
const harnesses: Harness[] = [];

beforeEach(async () => {
  clock = new ManualClock(Date.UTC(2026, 10, 1, 9));
  sandbox = await startSandbox({ clock, quiet: true });
  dir = mkdtempSync(join(tmpdir(), 'postdeck-transfer-'));
});

afterEach(async () => {
  for (const harness of harnesses.splice(0)) await harness.close();
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A machine: its own data folder and vault key, the one shared sandbox and clock. */
async function machine(): Promise<Harness> {
  const harness = await startHarness({ sandbox, clock });
  harnesses.push(harness);
  return harness;
}

async function connected(h: Harness, username = 'maya.makes'): Promise<Account> {
  const result = await connectAs(h, { username });
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
}

/** The source machine: an account, a photo in the library, a post scheduled in two hours with it. */
async function sourceWithScheduledPost(): Promise<{ h: Harness; account: Account; post: Post }> {
  const h = await machine();
  const account = await connected(h);
  const file = join(dir, 'loaf.png');
  writeFileSync(file, await sharp({ create: { width: 1080, height: 1080, channels: 3, background: '#c96' } }).png().toBuffer());
  const item = await h.value<{ id: string }>('media.import', { path: file });
  const post = await h.value<Post>('posts.create', {
    accountId: account.id,
    kind: 'image',
    caption: 'Moved with me #sourdough',
    media: [{ mediaId: item.id }],
    scheduledAt: new Date(clock.now() + 2 * HOUR).toISOString(),
  });
  return { h, account, post };
}

/** Everything the app stores: every row of every table, and the files in its media folder. */
function fingerprint(h: Harness): string {
  const db = new BetterSqlite3(join(h.dataDir, DATABASE_FILE), { readonly: true });
  try {
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
    const rows = tables.map(({ name }) => [name, db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all()]);
    const media = existsSync(join(h.dataDir, 'media')) ? readdirSync(join(h.dataDir, 'media'), { recursive: true }).sort() : [];
    return JSON.stringify({ rows, media });
  } finally {
    db.close();
  }
}

async function runUntil(h: Harness, postId: string, statuses: PostStatus[]): Promise<Post> {
  for (let waited = 0; waited < 10 * 60 * SECOND; waited += SECOND) {
    await h.app.jobsIdle();
    const post = await h.value<Post>('posts.get', { postId });
    if (statuses.includes(post.status)) return post;
    await clock.advanceAsync(SECOND);
  }
  throw new Error(`post ${postId} never reached ${statuses.join('/')}`);
}

describe('export and import between two machines', () => {
  it('a converted video moves as its original and is converted again on the new machine, where it is published converted', async () => {
    const source = await machine();
    const account = await connected(source);
    const item = await source.value<MediaItem>('media.import', { path: await makeTestVideo(dir, 'pour-120fps', { rate: 120 }) });
    await source.app.jobsIdle();
    expect((await source.value<MediaItem[]>('media.describe', { ids: [item.id] }))[0]!.conversion).toMatchObject({ state: 'converted' });
    const post = await source.value<Post>('posts.create', { accountId: account.id, kind: 'reel', caption: 'Pour, moved', media: [{ mediaId: item.id }], scheduledAt: new Date(clock.now() + 2 * HOUR).toISOString() });
    const file = join(dir, 'move.pdx');
    await source.value('data.export', { path: file, passphrase: PASSPHRASE });
    await source.app.close();

    const target = await machine();
    await target.value('data.import', { path: file, passphrase: PASSPHRASE });
    await target.app.jobsIdle();
    expect((await target.value<MediaItem[]>('media.describe', { ids: [item.id] }))[0]!.conversion).toMatchObject({ state: 'converted', summary: '120 fps → 30 fps' });
    await clock.advanceAsync(2 * HOUR - SECOND);
    expect((await runUntil(target, post.id, ['published', 'failed', 'held'])).status).toBe('published');
  });

  it('moves the account, its token, settings, media and a scheduled post; the post publishes on the new machine', async () => {
    const { h: source, account, post } = await sourceWithScheduledPost();
    await source.value('settings.setPreferences', { keepRunningInTray: false });
    const file = join(dir, 'move.pdx');
    expect(await source.value('data.export', { path: file, passphrase: PASSPHRASE })).toEqual({ path: file, accounts: 1, posts: 1, media: 1, messages: 0 });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // A move: the old machine is switched off before the slot.
    await source.app.close();

    const target = await machine();
    expect(await target.value('data.import', { path: file, passphrase: PASSPHRASE })).toEqual({ accounts: { added: 1, updated: 0 }, posts: 1, media: 1, messages: 0 });
    const [checked] = await target.value<Account[]>('accounts.check', { accountId: account.id });
    expect(checked).toMatchObject({ id: account.id, username: 'maya.makes', health: { state: 'healthy' }, scopes: account.scopes, consentAt: account.consentAt });
    expect(await target.value('settings.getPreferences')).toMatchObject({ keepRunningInTray: false });

    await clock.advanceAsync(2 * HOUR - SECOND);
    const done = await runUntil(target, post.id, ['published', 'failed', 'held']);
    expect(done.status).toBe('published');
    expect(sandbox.world.publishing.mediaOf(account.igUserId).map((media) => media.caption)).toEqual(['Moved with me #sourdough']);
    // The daily account check is scheduled for the imported account too, not only after a restart.
    const db = new BetterSqlite3(join(target.dataDir, DATABASE_FILE), { readonly: true });
    const daily = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM account_daily WHERE account_id = ?').get(account.id)!.n;
    db.close();
    expect(daily).toBeGreaterThan(0);
  });

  it('the export file holds no token the sandbox issued, and no account detail, in the clear', async () => {
    const { h: source } = await sourceWithScheduledPost();
    await connected(source, 'northside.bakery');
    const file = join(dir, 'move.pdx');
    await source.value('data.export', { path: file, passphrase: PASSPHRASE });
    const bytes = readFileSync(file);
    const tokens = sandbox.world.snapshot().tokens.map((issued) => issued.token);
    expect(tokens.length).toBeGreaterThanOrEqual(2);
    for (const token of tokens) {
      expect(bytes.includes(token)).toBe(false);
      expect(bytes.includes(Buffer.from(token).toString('base64'))).toBe(false);
    }
    expect(bytes.includes('maya.makes')).toBe(false);
  });

  it('the live app (with its secret) and the media bucket (with its key) move too, sealed', async () => {
    const APP_SECRET = '0123456789abcdef0123456789abcdef';
    const S3_SECRET = 'wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY';
    const source = await machine();
    await source.value('settings.setLiveConfig', { appId: '123456789', appSecret: APP_SECRET, redirectUri: 'https://example.com/ig/callback' });
    const hosting = { kind: 's3', endpoint: 'https://s3.eu-west-1.amazonaws.com', region: 'eu-west-1', bucket: 'postdeck-media', accessKeyId: 'AKIAEXAMPLE', secretAccessKey: S3_SECRET };
    const view = await source.value('settings.setMediaHosting', hosting);
    const file = join(dir, 'move.pdx');
    await source.value('data.export', { path: file, passphrase: PASSPHRASE });
    const bytes = readFileSync(file);
    for (const secret of [APP_SECRET, S3_SECRET]) expect(bytes.includes(secret)).toBe(false);

    const target = await machine();
    await target.value('data.import', { path: file, passphrase: PASSPHRASE });
    expect((await target.value<{ liveConfig: unknown }>('app.info')).liveConfig).toEqual({
      appId: '123456789',
      redirectUri: 'https://example.com/ig/callback',
      secretStored: true,
      secretDamaged: false,
      source: 'settings',
    });
    expect(await target.value('settings.getMediaHosting')).toEqual(view);
  });

  it('importing twice, or onto a machine where the account is already connected, updates it: no duplicate account, post or media', async () => {
    const { h: source, account } = await sourceWithScheduledPost();
    const file = join(dir, 'move.pdx');
    await source.value('data.export', { path: file, passphrase: PASSPHRASE });
    await source.app.close();

    const target = await machine();
    const here = await connected(target);
    expect(here.id).not.toBe(account.id);
    expect(await target.value('data.import', { path: file, passphrase: PASSPHRASE })).toEqual({ accounts: { added: 0, updated: 1 }, posts: 1, media: 1, messages: 0 });
    expect(await target.value('data.import', { path: file, passphrase: PASSPHRASE })).toEqual({ accounts: { added: 0, updated: 1 }, posts: 0, media: 0, messages: 0 });
    const accounts = await target.value<Account[]>('accounts.list');
    expect(accounts.map((listed) => [listed.id, listed.username])).toEqual([[here.id, 'maya.makes']]);
    const posts = await target.value<Post[]>('posts.list', {});
    expect(posts.map((listed) => listed.accountId)).toEqual([here.id]);
    expect(readdirSync(join(target.dataDir, 'media')).filter((name) => !name.startsWith('.') && name !== 'prepared')).toHaveLength(1);
    expect((await target.value<Account[]>('accounts.check', { accountId: here.id }))[0]!.health.state).toBe('healthy');
  });

  it('a token this machine got after the export is newer than the file\'s, and stays', async () => {
    const { h: source } = await sourceWithScheduledPost();
    const file = join(dir, 'move.pdx');
    await source.value('data.export', { path: file, passphrase: PASSPHRASE });
    await source.app.close();
    await clock.advanceAsync(3 * 24 * HOUR);
    const target = await machine();
    const here = await connected(target);
    expect(await target.value('data.import', { path: file, passphrase: PASSPHRASE })).toMatchObject({ accounts: { added: 0, updated: 1 } });
    const [after] = await target.value<Account[]>('accounts.check', { accountId: here.id });
    expect(after).toMatchObject({ tokenExpiresAt: here.tokenExpiresAt, health: { state: 'healthy' } });
  });

  it('a wrong passphrase or one changed byte is refused with its code, sentence and action, and nothing is written', async () => {
    const { h: source } = await sourceWithScheduledPost();
    const file = join(dir, 'move.pdx');
    await source.value('data.export', { path: file, passphrase: PASSPHRASE });
    const target = await machine();
    await connected(target, 'northside.bakery');
    const before = fingerprint(target);

    const wrong = await target.call('data.import', { path: file, passphrase: 'not the passphrase' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'export_wrong_passphrase', message: expect.stringContaining('passphrase'), action: expect.any(String) } });

    const damaged = join(dir, 'damaged.pdx');
    const bytes = readFileSync(file);
    bytes[bytes.length - 100]! ^= 0x01;
    writeFileSync(damaged, bytes);
    const flipped = await target.call('data.import', { path: damaged, passphrase: PASSPHRASE });
    expect(flipped).toMatchObject({ ok: false, error: { code: 'export_damaged', action: expect.any(String) } });
    // A byte of the manifest, which is read (and does not parse) long before the seal is checked at the end.
    const early = readFileSync(file);
    early[early.indexOf(0x0a, 'POSTDECK-EXPORT\n'.length) + 8]! ^= 0x20;
    writeFileSync(damaged, early);
    expect(await target.call('data.import', { path: damaged, passphrase: PASSPHRASE })).toMatchObject({ ok: false, error: { code: 'export_damaged' } });

    expect(fingerprint(target)).toBe(before);
  });

  it.each([
    ['a post with a status no Postdeck has', "UPDATE posts SET status = 'pwned'", /^posts\.0\.row\.status: /],
    ['an account of an unknown type', "UPDATE accounts SET account_type = 'PERSONAL'", /^accounts\.0\.row\.account_type: /],
    ['media whose warnings are not JSON', "UPDATE media SET warnings = '[{'", /^media\.0\.row\.warnings: holds JSON this Postdeck cannot read/],
    ['a post whose slot is not a time', "UPDATE posts SET scheduled_at = 'soon'", /^posts\.0\.row\.scheduled_at: /],
  ])('a sealed file holding %s is refused by name and nothing is written', async (_case, change, detail) => {
    const { h: source } = await sourceWithScheduledPost();
    const db = new BetterSqlite3(join(source.dataDir, DATABASE_FILE));
    db.exec(change);
    db.close();
    const file = join(dir, 'move.pdx');
    await source.value('data.export', { path: file, passphrase: PASSPHRASE });
    await source.app.close();

    const target = await machine();
    await connected(target, 'northside.bakery');
    const before = fingerprint(target);
    const refused = await target.call('data.import', { path: file, passphrase: PASSPHRASE });
    expect(refused).toMatchObject({ ok: false, error: { code: 'export_rows_invalid', message: expect.stringContaining('none of it was imported'), action: expect.any(String), detail: expect.stringMatching(detail) } });
    expect(fingerprint(target)).toBe(before);
  });

  it('a post that was publishing when exported arrives held with a plain reason, and is not published again', async () => {
    const { h: source, account, post } = await sourceWithScheduledPost();
    const db = new BetterSqlite3(join(source.dataDir, DATABASE_FILE));
    db.prepare("UPDATE posts SET status = 'publishing', step = 'container_created', container_id = '1789' WHERE id = ?").run(post.id);
    db.close();
    const file = join(dir, 'move.pdx');
    await source.value('data.export', { path: file, passphrase: PASSPHRASE });
    await source.app.close();

    const target = await machine();
    await target.value('data.import', { path: file, passphrase: PASSPHRASE });
    const held = await target.value<Post>('posts.get', { postId: post.id });
    expect(held).toMatchObject({ status: 'held', error: { code: 'post_held_after_import', message: expect.stringContaining('other machine'), action: expect.any(String) } });
    // A reconnect resumes posts held for the account's sake; this one stays the user's decision.
    await connectAs(target, { username: 'maya.makes' }, { accountId: account.id });
    await clock.advanceAsync(3 * HOUR);
    await target.app.jobsIdle();
    expect((await target.value<Post>('posts.get', { postId: post.id })).status).toBe('held');
    expect(sandbox.world.publishing.mediaOf(account.igUserId)).toEqual([]);
  });

  it('a photo missing from the media folder is named, and no export is written', async () => {
    const { h } = await sourceWithScheduledPost();
    const folder = join(h.dataDir, 'media');
    for (const name of readdirSync(folder)) rmSync(join(folder, name));
    const file = join(dir, 'move.pdx');
    const result = await h.call('data.export', { path: file, passphrase: PASSPHRASE });
    expect(result).toMatchObject({ ok: false, error: { code: 'export_media_missing', detail: expect.stringContaining('loaf.png'), action: expect.any(String) } });
    expect(existsSync(file)).toBe(false);
  });

  it('a folder that is not there, a missing file, or a file that is not an export: each refused by its code', async () => {
    const h = await machine();
    const failed = async (channel: string, path: string) => {
      const result = await h.call(channel, { path, passphrase: PASSPHRASE });
      return result.ok ? 'ok' : result.error.code;
    };
    expect(await failed('data.export', join(dir, 'no-such-folder', 'move.pdx'))).toBe('export_write_failed');
    expect(readdirSync(dir)).toEqual([]);
    expect(await failed('data.import', join(dir, 'missing.pdx'))).toBe('export_unreadable');
    writeFileSync(join(dir, 'notes.txt'), 'not an export');
    expect(await failed('data.import', join(dir, 'notes.txt'))).toBe('export_unreadable');
  });

  it('refuses a relative path and a short passphrase before touching anything', async () => {
    const h = await machine();
    expect(await h.call('data.export', { path: 'move.pdx', passphrase: PASSPHRASE })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await h.call('data.import', { path: join(dir, 'move.pdx'), passphrase: 'short' })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
  });
});
