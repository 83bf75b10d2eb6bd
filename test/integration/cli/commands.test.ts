import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi, type Mock } from 'vitest';
import { appError, type Result } from '../../../src-shared/errors';
import { NOT_FOR_THIS_RANGE } from '../../../src-shared/insights';
import { silentLogger } from '../../../src-main/config/logger';
import { COMMANDS } from '../../../src-main/cli/commands';
import { parseSlot } from '../../../src-main/cli/format';
import { runCli } from '../../../src-main/cli/main';
import { listenLocalSocket } from '../../../src-main/host/localSocket';
import { acquireOwnerLock } from '../../../src-main/host/ownerLock';

const ACCOUNT = { id: '6f0c1a52-0d1e-4c35-9a7e-6f1f5b1e2a10', username: 'maya.makes' };

/**
 * A fake owner on a real socket: records each call and answers from `answers`; a channel it has no
 * answer for is unknown, as on an owner built before that channel existed.
 */
class FakeOwner {
  calls: Array<{ channel: string; input: unknown }> = [];
  answers = new Map<string, unknown>([
    ['accounts.list', [ACCOUNT]],
    ['app.info', { host: 'serve', mode: 'live', liveConfig: { redirectUri: 'https://postdeck.example/cb' } }],
  ]);
  dispatch = (channel: string, input: unknown): Promise<Result<unknown>> => {
    this.calls.push({ channel, input });
    return Promise.resolve(this.answers.has(channel) ? { ok: true, value: this.answers.get(channel) } : { ok: false, error: appError('invalid_request', 'Unknown channel.') });
  };
  subscribe = () => () => undefined;
}

describe('postdeck commands against a fake owner', () => {
  const dir = mkdtempSync(join(tmpdir(), 'postdeck-cli-fake-'));
  const env = { POSTDECK_DATA_DIR: dir };
  const owner = new FakeOwner();
  const passphraseFile = join(dir, 'passphrase.txt');
  let stop: () => Promise<void>;
  let stdout = '';
  let stderr = '';

  beforeAll(async () => {
    writeFileSync(passphraseFile, 'export passphrase\nignored second line\n');
    const lock = acquireOwnerLock(dir, 'serve');
    const socket = await listenLocalSocket(lock.owner.socketPath, owner, silentLogger);
    stop = async () => {
      await socket.close();
      lock.release();
    };
  });
  afterAll(async () => {
    await stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const run = (...argv: string[]) => runWith({}, ...argv);
  const runWith = (extraEnv: Record<string, string>, ...argv: string[]) => {
    stdout = '';
    stderr = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
    return runCli(argv, { ...env, ...extraEnv });
  };
  afterEach(() => {
    vi.restoreAllMocks();
    owner.calls = [];
  });

  it('export and import call data.export and data.import with the absolute path and the passphrase file\'s first line', async () => {
    owner.answers.set('data.export', { accounts: 1 });
    owner.answers.set('data.import', { accounts: 1, updated: 0 });
    expect(await run('export', '--to', 'backup.pdx', '--passphrase-file', passphraseFile, '--json')).toBe(0);
    expect(owner.calls).toEqual([{ channel: 'data.export', input: { path: join(process.cwd(), 'backup.pdx'), passphrase: 'export passphrase' } }]);
    expect(JSON.parse(stdout)).toEqual({ accounts: 1 });
    owner.calls = [];
    expect(await run('import', join(dir, 'backup.pdx'), '--passphrase-file', passphraseFile)).toBe(0);
    expect(owner.calls).toEqual([{ channel: 'data.import', input: { path: join(dir, 'backup.pdx'), passphrase: 'export passphrase' } }]);
  });

  it('says "not available in this version" (exit 1) when the owner lacks a channel', async () => {
    owner.answers.delete('data.export');
    expect(await run('export', '--to', 'x.pdx', '--passphrase-file', passphraseFile)).toBe(1);
    expect(stderr).toContain('Export is not available in this version of Postdeck.');
    expect(await run('comments', '--unread')).toBe(1);
    expect(stderr).toContain('The comments inbox is not available in this version of Postdeck.');
  });

  it('insights and comments call their channels when the owner has them, and print them as tables', async () => {
    owner.answers.set('insights.account', {
      accountId: ACCOUNT.id,
      days: 7,
      from: '2026-11-17',
      to: '2026-11-23',
      fetchedAt: '2026-11-24T08:00:00.000Z',
      totals: { reach: 120, views: 340, saves: null },
      reachByDay: [{ date: '2026-11-23', value: 40 }],
      followersByDay: [{ date: '2026-11-23', value: 1200 }],
    });
    expect(await run('insights', '@maya.makes', '--days', '7')).toBe(0);
    expect(owner.calls.at(-1)).toEqual({ channel: 'insights.account', input: { accountId: ACCOUNT.id, days: 7 } });
    expect(stdout).toContain('@maya.makes, last 7 days');
    expect(stdout).toMatch(/^reach\s+120$/m);
    expect(stdout).toMatch(/^saves\s+-$/m); // no data is not 0
    expect(stdout).toMatch(/^2026-11-23\s+40\s+1200$/m);

    owner.answers.set('insights.account', {
      accountId: ACCOUNT.id,
      days: 90,
      from: '2026-08-26',
      to: '2026-11-23',
      fetchedAt: '2026-11-24T08:00:00.000Z',
      totals: { reach: NOT_FOR_THIS_RANGE, views: 9340 },
      reachByDay: [],
      followersByDay: [],
    });
    expect(await run('insights', '@maya.makes', '--days', '90')).toBe(0);
    expect(stdout).toContain('last 90 days: 2026-08-26 to 2026-11-23, complete days in UTC');
    expect(stdout).toMatch(/^reach\s+reach can't be added up over 90 days: Instagram counts unique accounts per 30 days\.$/m);
    expect(stdout).toMatch(/^views\s+9340$/m);

    const comment = { id: '1790', accountId: ACCOUNT.id, igMediaId: '1789', text: 'Lovely\nwork', username: 'fan', timestamp: '2026-11-24T08:00:00.000Z', hidden: false, read: false, replies: [], post: { caption: 'Autumn tote', thumbnailUrl: null, permalink: null, commentsEnabled: true } };
    owner.answers.set('comments.list', [comment]);
    expect(await run('comments', '--unread', '--account', '@maya.makes')).toBe(0);
    expect(owner.calls.at(-1)).toEqual({ channel: 'comments.list', input: { accountId: ACCOUNT.id, unreadOnly: true, limit: 50 } });
    expect(stdout).toMatch(/^WHEN\s+ACCOUNT\s+FROM\s+STATE\s+REPLIES\s+ON\s+COMMENT$/m);
    expect(stdout).toMatch(/@maya\.makes\s+@fan\s+unread\s+0\s+Autumn tote\s+Lovely work$/m);
    expect(await run('comments', '--limit', '500')).toBe(0);
    expect(owner.calls.at(-1)).toEqual({ channel: 'comments.list', input: { limit: 500 } });
    expect(await run('comments', '--limit', 'all')).toBe(2);

    // The account's own comment is "yours", never unread; new replies are counted beside all of them.
    const reply = { ...comment, id: '1792', username: 'friend', replies: [], post: undefined };
    owner.answers.set('comments.list', [{ ...comment, username: 'maya.makes', own: true, read: true, replies: [reply, { ...reply, id: '1793', read: true }] }]);
    expect(await run('comments')).toBe(0);
    expect(stdout).toMatch(/@maya\.makes\s+@maya\.makes\s+yours\s+2 \(1 unread\)\s+Autumn tote/m);

    owner.answers.set('comments.setRead', { changed: 2 });
    expect(await run('comments', 'read', '1790', '1792')).toBe(0);
    expect(owner.calls.at(-1)).toEqual({ channel: 'comments.setRead', input: { commentIds: ['1790', '1792'], read: true } });
    expect(stdout).toContain('2 comments marked read.');
    expect(await run('comments', 'unread', '1792')).toBe(0);
    expect(owner.calls.at(-1)).toEqual({ channel: 'comments.setRead', input: { commentIds: ['1792'], read: false } });
  });

  it('posts create sends --story, --collab (repeated), --tag USER[@x,y] and --trial as the post\'s fields', async () => {
    const BAKERY = { id: '7a0c1a52-0d1e-4c35-9a7e-6f1f5b1e2a11', username: 'northside.bakery', accountType: 'BUSINESS' };
    owner.answers.set('accounts.list', [{ ...ACCOUNT, accountType: 'MEDIA_CREATOR' }, BAKERY]);
    owner.answers.set('posts.create', { id: 'p1', kind: 'image', status: 'scheduled', mode: 'automatic', scheduledAt: '2099-01-01T09:00:00.000Z' });
    const at = ['--at', '2099-01-01T09:00:00Z', '--caption', 'hi'];
    const created = () => owner.calls.filter((call) => call.channel === 'posts.create').at(-1)?.input;
    try {
      expect(await run('posts', 'create', '--account', '@maya.makes', '--image', 'https://cdn.example/a.jpg', '--collab', '@north', '--collab', 'sam.cooks', '--tag', '@sam.cooks@0.25,0.75', '--tag', 'lee', ...at)).toBe(0);
      expect(created()).toMatchObject({ kind: 'image', collaborators: ['@north', 'sam.cooks'], media: [{ url: 'https://cdn.example/a.jpg', userTags: [{ username: 'sam.cooks', x: 0.25, y: 0.75 }, { username: 'lee', x: 0.5, y: 0.5 }] }] });
      expect(await run('posts', 'create', '--account', '@maya.makes', '--reel', 'https://cdn.example/a.mp4', '--trial', 'performance', '--tag', 'sam.cooks', ...at)).toBe(0);
      expect(created()).toMatchObject({ kind: 'reel', trialReel: 'performance', userTags: [{ username: 'sam.cooks' }] });
      expect(await run('posts', 'create', '--account', '@northside.bakery', '--story', 'https://cdn.example/s.jpg', '--tag', 'maya.makes@0.5,0.1', ...at)).toBe(0);
      expect(created()).toMatchObject({ accountId: BAKERY.id, kind: 'story', media: [{ url: 'https://cdn.example/s.jpg' }], userTags: [{ username: 'maya.makes', x: 0.5, y: 0.1 }] });
      expect(await run('posts', 'create', '--account', '@maya.makes', '--story', 'https://cdn.example/s.jpg', '--remind', ...at)).toBe(0);
      expect(created()).toMatchObject({ kind: 'story', mode: 'remind' });
      owner.calls = [];
      // A Creator account's Story without --remind is refused before any file is imported or any post made.
      expect(await run('posts', 'create', '--account', '@maya.makes', '--story', './story.jpg', ...at)).toBe(1);
      expect(stderr).toContain('story_needs_business');
      expect(owner.calls.map((call) => call.channel)).toEqual(['accounts.list']);
      expect(await run('posts', 'create', '--account', '@maya.makes', '--reel', 'https://cdn.example/a.mp4', '--trial', 'soon', ...at)).toBe(2);
      expect(await run('posts', 'create', '--account', '@maya.makes', '--image', 'https://cdn.example/a.jpg', '--tag', 'sam@left', ...at)).toBe(2);
      expect(stderr).toContain('--tag "sam@left" is not USER or USER@x,y');
    } finally {
      owner.answers.set('accounts.list', [ACCOUNT]);
    }
  });

  it('insights --best-times calls insights.bestTimes and prints the suggested times, the best slots and the note', async () => {
    const slots = Array.from({ length: 168 }, (_, i) => ({ weekday: Math.floor(i / 24), hour: i % 24, score: i === 19 + 24 * 3 ? 1 : i === 12 ? 0.5 : 0 }));
    owner.answers.set('insights.bestTimes', {
      sources: ['history'],
      timeZone: 'Europe/London',
      slots,
      suggestions: ['2099-01-07T19:00:00.000Z'],
      note: 'Instagram tells when followers are online only to accounts with 100 or more followers; this one has 42. These times come from the reach of your own posts.',
    });
    expect(await run('insights', '@maya.makes', '--best-times')).toBe(0);
    expect(owner.calls.at(-1)).toEqual({ channel: 'insights.bestTimes', input: { accountId: ACCOUNT.id } });
    expect(stdout).toContain('@maya.makes: best times to post (Europe/London), from reach of past posts');
    expect(stdout).toContain('this one has 42.');
    expect(stdout).toMatch(/^NEXT BEST$/m);
    expect(stdout).toMatch(/^Wed\s+19:00\s+1\.00$/m);
    expect(stdout).toMatch(/^Sun\s+12:00\s+0\.50$/m);
  });

  it('refuses an insights period Instagram does not give (exit 2), asking the owner nothing', async () => {
    expect(await run('insights', '@maya.makes', '--days', '14')).toBe(2);
    expect(stderr).toContain('--days must be 7, 30, 90.');
    expect(owner.calls).toEqual([]);
  });

  it('asks for --paste when the live redirect URI is not a loopback address the owner can listen on', async () => {
    expect(await run('accounts', 'connect')).toBe(2);
    expect(stderr).toContain('https://postdeck.example/cb, which serves nothing here');
    expect(owner.calls.map((call) => call.channel)).toEqual(['app.info']);
  });

  it('passes a pasted redirect address to the owner (accounts.finishConnect)', async () => {
    owner.answers.set('accounts.connect', { attemptId: 'a1', authorizeUrl: 'https://www.instagram.com/oauth/authorize?x=1' });
    owner.answers.set('accounts.finishConnect', { ...ACCOUNT, accountType: 'MEDIA_CREATOR' });
    const stdin = vi.spyOn(process, 'stdin', 'get');
    const { Readable } = await import('node:stream');
    stdin.mockReturnValue(Object.assign(Readable.from(['https://postdeck.example/cb?code=c&state=s\n']), { isTTY: false }) as unknown as typeof process.stdin);
    expect(await run('accounts', 'connect', '--paste')).toBe(0);
    expect(stderr).toContain('Open this address to connect: https://www.instagram.com/oauth/authorize?x=1');
    expect(owner.calls.at(-1)).toEqual({ channel: 'accounts.finishConnect', input: { url: 'https://postdeck.example/cb?code=c&state=s' } });
    expect(stdout).toContain('Connected @maya.makes');
  });

  it('with the desktop app as owner, points to its sign-in window instead of an address a browser could not finish', async () => {
    const desktopDir = mkdtempSync(join(tmpdir(), 'postdeck-cli-desktop-'));
    const listeners = new Set<(event: { name: string; payload: unknown }) => void>();
    const desktop = {
      dispatch: async (channel: string): Promise<Result<unknown>> => {
        if (channel !== 'accounts.connect') return { ok: true, value: { mode: 'sandbox' } };
        return { ok: true, value: { attemptId: 'a2', authorizeUrl: 'https://www.instagram.com/oauth/authorize?x=2' } };
      },
      subscribe: (listener: (event: { name: string; payload: unknown }) => void) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    };
    const lock = acquireOwnerLock(desktopDir, 'desktop');
    const socket = await listenLocalSocket(lock.owner.socketPath, desktop as never, silentLogger);
    try {
      const exit = runWith({ POSTDECK_DATA_DIR: desktopDir }, 'accounts', 'connect');
      // The user finishes in the app's window once told to.
      const write = process.stderr.write as unknown as Mock<(chunk: string) => boolean>;
      const record = write.getMockImplementation()!;
      write.mockImplementation((chunk: string) => {
        if (String(chunk).includes('finish there')) {
          setImmediate(() => listeners.forEach((listener) => listener({ name: 'connect.finished', payload: { attemptId: 'a2', ok: true, account: { ...ACCOUNT, accountType: 'BUSINESS' } } })));
        }
        return record(chunk);
      });
      expect(await exit).toBe(0);
      expect(stderr).toContain('Postdeck opened its sign-in window on this computer: finish there.');
      expect(stderr).not.toContain('Open this address');
      expect(stdout).toContain('Connected @maya.makes');
    } finally {
      await socket.close();
      lock.release();
      rmSync(desktopDir, { recursive: true, force: true });
    }
  });

  it('has --help with an example on every command, and exit 2 for usage mistakes', async () => {
    for (const command of COMMANDS) {
      expect(await run(...command.name, '--help')).toBe(0);
      expect(stdout).toMatch(/Usage: postdeck .*\nExample: .*postdeck /);
    }
    expect(await run('posts', 'list', '--bogus')).toBe(2);
    expect(await run('posts', 'approve')).toBe(2);
    expect(await run('frobnicate')).toBe(2);
    expect(await run('posts', 'list', '--status', 'lost')).toBe(2);
  });

  it('prints bash and zsh completion scripts that the shells accept', async () => {
    for (const shell of ['bash', 'zsh']) {
      expect(await run('completion', shell)).toBe(0);
      expect(stdout).toContain('complete -F _postdeck postdeck');
      expect(stdout).toContain('"posts create") flags="--account --image --reel --story --caption --caption-file --at --manual --remind --collab --tag --trial --json --help"');
      const file = join(dir, `completion.${shell}`);
      writeFileSync(file, stdout);
      execFileSync('bash', ['-n', file]);
    }
    expect(await run('completion', 'fish')).toBe(2);
  });

  it('reaches an owner through a forwarded socket (POSTDECK_SOCKET), with no lock file in its own data folder', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'postdeck-laptop-'));
    try {
      expect(await runWith({ POSTDECK_DATA_DIR: elsewhere }, 'accounts', 'list')).toBe(3);
      expect(await runWith({ POSTDECK_DATA_DIR: elsewhere, POSTDECK_SOCKET: join(dir, 'postdeck.sock') }, 'accounts', 'list', '--json')).toBe(0);
      expect(owner.calls.at(-1)).toEqual({ channel: 'accounts.list', input: {} });
      // That Postdeck reads files from its own disk: a server path goes as it is, a laptop's relative one is refused.
      const forwarded = { POSTDECK_DATA_DIR: elsewhere, POSTDECK_SOCKET: join(dir, 'postdeck.sock') };
      const create = (file: string) => runWith(forwarded, 'posts', 'create', '--account', '@maya.makes', '--image', file, '--caption', 'x', '--at', '2099-01-01T09:00:00Z');
      owner.calls = [];
      expect(await create('clip.jpg')).toBe(2);
      expect(stderr).toContain('Copy the file there (scp clip.jpg server:)');
      expect(owner.calls.map((call) => call.channel)).not.toContain('media.import');
      await create('/srv/postdeck/clip.jpg');
      expect(owner.calls).toContainEqual({ channel: 'media.import', input: { path: '/srv/postdeck/clip.jpg' } });
      // No lock file says who owns that folder: status asks the owner which host it is.
      owner.answers.set('posts.list', []);
      expect(await runWith(forwarded, 'status')).toBe(0);
      expect(stdout).toContain(`Owner:     serve, reached through ${forwarded.POSTDECK_SOCKET}`);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('maps queue, posts cancel, accounts check and status onto their channels, with readable tables', async () => {
    const post = { id: '0b6f5b1e-2a10-4c35-9a7e-6f1f5b1e2a10', accountId: ACCOUNT.id, kind: 'image', status: 'pending_manual', mode: 'manual', caption: 'Fresh', scheduledAt: '2026-12-01T09:00:00.000Z', publishedAt: null };
    owner.answers.set('posts.list', [post]);
    owner.answers.set('posts.cancel', { ...post, status: 'draft' });
    owner.answers.set('accounts.check', [{ ...ACCOUNT, accountType: 'MEDIA_CREATOR', health: { state: 'healthy', checkedAt: post.scheduledAt }, tokenExpiresAt: null }]);
    expect(await run('queue')).toBe(0);
    expect(owner.calls[0]).toEqual({ channel: 'posts.list', input: { status: 'pending_manual' } });
    expect(stdout).toMatch(/^ID\s+ACCOUNT\s+KIND\s+STATUS/);
    expect(stdout).toContain('@maya.makes');
    expect(await run('posts', 'cancel', post.id)).toBe(0);
    expect(owner.calls.at(-1)).toEqual({ channel: 'posts.cancel', input: { postId: post.id } });
    expect(await run('accounts', 'check', '@maya.makes')).toBe(0);
    expect(owner.calls.at(-1)).toEqual({ channel: 'accounts.check', input: { accountId: ACCOUNT.id } });
    expect(stdout).toContain('healthy');
    owner.answers.set('posts.list', [{ ...post, status: 'scheduled' }]);
    expect(await run('status', '--json')).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ owner: { kind: 'serve', pid: process.pid }, mode: 'live', nextSlots: [{ id: post.id, scheduledAt: post.scheduledAt }], rateLimit: null });
    const usage = { appPercent: 81, accounts: [{ accountId: ACCOUNT.id, username: 'maya.makes', percent: 40, regainAt: null }], background: 'slowed' };
    owner.answers.set('settings.getUsage', usage);
    expect(await run('status', '--json')).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ rateLimit: usage });
    expect(await run('status')).toBe(0);
    expect(stdout).toContain('Rate-limit usage: app 81 %; @maya.makes 40 %; background work slowed');
  });

  it('reads --at as ISO with a zone, or "YYYY-MM-DD HH:MM" in local time', () => {
    expect(parseSlot('2026-12-01T09:00:00Z')?.toISOString()).toBe('2026-12-01T09:00:00.000Z');
    expect(parseSlot('2026-12-01 09:00')?.getTime()).toBe(new Date(2026, 11, 1, 9, 0).getTime());
    expect(parseSlot('2026-02-30 09:00')).toBeNull();
    expect(parseSlot('2026-12-01T09:00')).toBeNull();
    expect(parseSlot('tomorrow')).toBeNull();
  });
});
