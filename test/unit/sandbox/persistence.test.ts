import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DAY } from '../../../src-main/config/clock';
import { ManualClock } from '../../../src-main/config/manualClock';
import { SandboxWorld, startSandbox } from '../../../src-main/sandbox';
import { WorldPersistence, readStateFile, setAsideName, writeStateFile } from '../../../src-main/sandbox/persistence';
import { deliverSeededComments } from '../../../src-main/sandbox/comments/seed';
import { deliverSeededMessages } from '../../../src-main/sandbox/messaging/seed';
import { ALL_SCOPES } from '../../../src-main/sandbox/scopes';
import { ManualTimer } from '../../helpers/manualTimer';
import { canonical } from '../../helpers/sandboxSnapshot';

// Pass-through fs whose writing calls are counted, to prove a sandbox without a state file never writes.
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  return {
    ...actual,
    openSync: vi.fn(actual.openSync),
    writeFileSync: vi.fn(actual.writeFileSync),
    renameSync: vi.fn(actual.renameSync),
    mkdirSync: vi.fn(actual.mkdirSync),
  };
});

const MAYA = '17841400000000001';
const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(join(tmpdir(), 'postdeck-sandbox-unit-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  vi.clearAllMocks();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('SandboxWorld snapshot / restore', () => {
  it('forgets tokens expired more than 90 days ago, and keeps recently expired ones', () => {
    const clock = new ManualClock();
    const world = new SandboxWorld({ clock });
    const ancient = world.issueLongLivedToken(MAYA).accessToken;
    clock.advance(100 * DAY);
    const recent = world.issueLongLivedToken(MAYA).accessToken;
    clock.advance(61 * DAY); // `recent` expired a day ago; `ancient` 101 days ago
    const kept = world.snapshot().tokens.map((token) => token.token);
    expect(kept).toContain(recent);
    expect(kept).not.toContain(ancient);
  });

  it('round-trips people, tokens and the clock offset; codes do not survive', () => {
    const clock = new ManualClock();
    const a = new SandboxWorld({ clock });
    const person = a.addPerson({ username: 'round.trip', accountType: 'BUSINESS', followersCount: 3 });
    a.setAccountType(MAYA, 'BUSINESS');
    const { accessToken } = a.issueLongLivedToken(person.igUserId, { scopes: ['instagram_business_basic'] });
    const revoked = a.issueLongLivedToken(MAYA).accessToken;
    a.revokeTokens(MAYA, 'password_changed');
    a.credentials.issueCode({ appId: '1000000000000001', redirectUri: 'http://x/', igUserId: MAYA, scopes: [], expiresAt: clock.now() + 1000, used: false });
    a.advanceClock(5 * DAY);

    const snapshot = JSON.parse(JSON.stringify(a.snapshot()));
    const b = new SandboxWorld({ clock });
    b.restore(snapshot);
    expect(b.people()).toEqual(a.people());
    expect(b.clock.offsetMs).toBe(5 * DAY);
    expect(b.credentials.token(accessToken)).toEqual(a.credentials.token(accessToken));
    expect(b.credentials.token(revoked)!.revoked).toBe('password_changed');
    expect([...b.credentials.tokensOf(MAYA)]).toHaveLength(1);
    expect(b.stats().codes).toBe(0);
  });

  it('adds seeded people missing from an older snapshot and drops tokens of unknown people', () => {
    const w = new SandboxWorld();
    w.restore({
      clockOffsetMs: 0,
      apps: [],
      people: [],
      tokens: [{ token: 'IGAAorphan000000', kind: 'long', appId: '1000000000000001', igUserId: '17841499999999999', scopes: [], issuedAt: 0, expiresAt: 1 }],
    });
    expect(w.people()).toHaveLength(4);
    expect(w.stats().tokens).toBe(0);
  });

  it('inconsistent data throws and leaves the world freshly seeded', () => {
    const w = new SandboxWorld();
    const dup = { username: 'twin', accountType: 'BUSINESS' as const, tester: true, name: 'Twin', igUserId: '17841400000000777', id: '2600000000000777', followersCount: 0, followsCount: 0, mediaCount: 0 };
    expect(() => w.restore({ clockOffsetMs: 9, apps: [], people: [dup, { ...dup, igUserId: '17841400000000779' }], tokens: [] })).toThrow(/taken/);
    expect(w.people()).toHaveLength(4);
    expect(w.clock.offsetMs).toBe(0);
  });

  it('keeps the configured apps and re-registers apps added at run time', () => {
    const a = new SandboxWorld();
    a.registerApp({ appId: '42', appSecret: 'a'.repeat(32), redirectUris: ['http://127.0.0.1/cb'], mode: 'live' });
    const snapshot = a.snapshot();
    snapshot.apps[0]!.appSecret = 'b'.repeat(32); // the configured app's saved copy does not override the configuration
    const b = new SandboxWorld();
    b.restore(snapshot);
    expect(b.app('1000000000000001')!.appSecret).not.toBe('b'.repeat(32));
    expect(b.app('42')).toMatchObject({ mode: 'live', redirectUris: ['http://127.0.0.1/cb'] });
  });
});

/** A small seeded PRNG (mulberry32): each seed replays the same sequence of changes. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Drives a world through `steps` changes of every kind the sandbox saves, chosen by `next`. */
function churn(world: SandboxWorld, next: () => number, steps: number): void {
  const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(next() * items.length)];
  const people = () => world.people().map((p) => p.igUserId);
  const media = () => [...world.publishing.allMedia().values()].flat();
  const comments = () => media().flatMap((m) => world.publishing.commentsOn(m.id));
  const changes: Array<() => void> = [
    () => world.addPerson({ username: `p${Math.floor(next() * 1e9)}`, accountType: pick(['BUSINESS', 'MEDIA_CREATOR', 'PERSONAL'] as const)!, tester: next() < 0.5, followersCount: Math.floor(next() * 1e6) }),
    () => world.setAccountType(pick(people())!, pick(['BUSINESS', 'MEDIA_CREATOR'] as const)!),
    () => world.issueLongLivedToken(pick(people())!, { scopes: ALL_SCOPES.filter(() => next() < 0.7) }),
    () => world.revokeTokens(pick(people())!, pick(['app_removed', 'password_changed'] as const)!),
    () => world.removePermission(pick(people())!, pick(ALL_SCOPES)!),
    () => world.advanceClock(Math.floor(next() * 3 * DAY)),
    () => world.publishing.addOutside({ igUserId: pick(people())!, kind: pick(['IMAGE', 'REELS', 'CAROUSEL'] as const)!, caption: 'Outside ✨ "quoted"\n#tag', timestamp: world.now() - Math.floor(next() * 30 * DAY) }),
    () => {
      const item = pick(media());
      if (item) deliverSeededComments(world.publishing, item, world.now());
    },
    () => {
      const item = pick(media().filter((m) => !m.isChild));
      if (item) world.publishing.addComment(item.id, pick(people())!, 'Own comment 💬');
    },
    () => {
      const parent = pick(comments().filter((c) => !c.parentId));
      if (parent) world.publishing.addComment(parent.mediaId, pick(people())!, 'A reply', { parentId: parent.id });
    },
    () => {
      const comment = pick(comments());
      if (comment) world.publishing.setCommentHidden(comment.id, next() < 0.7);
    },
    () => {
      const comment = pick(comments());
      if (comment) world.publishing.deleteComment(comment.id);
    },
    () => {
      const item = pick(media());
      if (item) world.publishing.setCommentsEnabled(item.id, next() < 0.5);
    },
    () => deliverSeededMessages(world.messaging, pick(people())!, world.now()),
    () => {
      const conversation = world.messaging.conversationWith(pick(people())!, { id: '17841488800000042', username: 'dm.writer' });
      world.messaging.addMessage(conversation, { fromBusiness: next() < 0.5, text: 'Hi 👋 "there"', createdAt: world.now() });
    },
    () => {
      const comment = pick(comments());
      if (comment) world.messaging.recordPrivateReply(comment.id);
    },
  ];
  for (let step = 0; step < steps; step++) pick(changes)!();
}

describe('state file round trip', () => {
  it('whatever the sandbox writes, it loads back as it was (40 seeded runs of random changes)', () => {
    const file = join(tempDir(), 'state.json');
    for (let seed = 1; seed <= 40; seed++) {
      const clock = new ManualClock(Date.UTC(2026, 10, 1, 9));
      const world = new SandboxWorld({ clock, outsideMediaPerPerson: 2 });
      churn(world, random(seed), 60);
      writeStateFile(file, world.snapshot());
      const read = readStateFile(file);
      expect(read.kind, `seed ${seed}`).toBe('loaded');
      const restored = new SandboxWorld({ clock });
      restored.restore((read as Extract<typeof read, { kind: 'loaded' }>).snapshot);
      expect(canonical(restored.snapshot()), `seed ${seed}`).toEqual(canonical(world.snapshot()));
    }
  });

  it('a file written before seeded commenters had ids loads, each getting its id back by name', () => {
    const file = join(tempDir(), 'state.json');
    const world = new SandboxWorld({ outsideMediaPerPerson: 1 });
    const [item] = world.publishing.mediaOf(MAYA);
    deliverSeededComments(world.publishing, item!, world.now() + 2 * DAY);
    const written = world.snapshot();
    const older = { ...written, publishing: { ...written.publishing!, comments: written.publishing!.comments.map((c) => (c.username ? { ...c, igUserId: '' } : c)) } };
    writeStateFile(file, older);
    const read = readStateFile(file);
    expect(read).toMatchObject({ kind: 'loaded' });
    expect((read as Extract<typeof read, { kind: 'loaded' }>).snapshot.publishing!.comments).toEqual(written.publishing!.comments);
    // A comment with neither id nor a seeded commenter's name is damage, not an old file.
    writeStateFile(file, { ...older, publishing: { ...older.publishing, comments: [{ ...older.publishing.comments.find((c) => c.username)!, username: 'nobody' }] } });
    expect(readStateFile(file)).toMatchObject({ kind: 'unusable', label: 'corrupt' });
  });
});

describe('state file', () => {
  it('readStateFile: missing, loaded, corrupt, unsupported', () => {
    const dir = tempDir();
    const file = join(dir, 'state.json');
    expect(readStateFile(file)).toEqual({ kind: 'missing' });
    writeStateFile(file, new SandboxWorld().snapshot());
    expect(readStateFile(file).kind).toBe('loaded');
    fs.writeFileSync(file, '[]');
    expect(readStateFile(file)).toMatchObject({ kind: 'unusable', label: 'corrupt' });
    fs.writeFileSync(file, '{"version":"1"}');
    expect(readStateFile(file)).toMatchObject({ kind: 'unusable', label: 'corrupt' });
    fs.writeFileSync(file, '{"version":7}');
    expect(readStateFile(file)).toMatchObject({ kind: 'unusable', label: 'unsupported' });
    expect(readStateFile(dir)).toMatchObject({ kind: 'unusable', label: 'corrupt' }); // EISDIR
  });

  it('set-aside names are valid file names everywhere', () => {
    expect(setAsideName('/d/s.json', 'corrupt', new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6)))).toBe('/d/s.json.corrupt-2026-01-02T03-04-05-006Z');
  });

  it('coalesces 10,000 token issues into one write and flushes on close', async () => {
    const dir = tempDir();
    const file = join(dir, 'state.json');
    const world = new SandboxWorld();
    const saves = new ManualTimer();
    const persistence = new WorldPersistence(world, { file, quiet: true, saveDelayMs: 50, timer: saves.timer });
    persistence.load();
    persistence.watch();
    for (let i = 0; i < 10_000; i++) world.issueLongLivedToken(MAYA);
    expect(persistence.writes).toBe(0);
    expect(saves.pending()).toEqual([50]);
    saves.fireAll();
    expect(persistence.writes).toBe(1);
    world.advanceClock(1);
    expect(saves.pending()).toHaveLength(1);
    persistence.close();
    expect(persistence.writes).toBe(2);
    expect(saves.pending()).toEqual([]); // close() wrote it and cancelled the scheduled save
    world.advanceClock(1); // after close: not saved
    expect(saves.pending()).toEqual([]);
    expect(persistence.writes).toBe(2);
    const loaded = readStateFile(file);
    expect(loaded.kind === 'loaded' && loaded.snapshot.tokens.length).toBe(10_000);
    expect(loaded.kind === 'loaded' && loaded.snapshot.clockOffsetMs).toBe(1);
  });

  it('a failed write is logged once and does not throw', () => {
    const dir = tempDir();
    const lines: string[] = [];
    const world = new SandboxWorld();
    const persistence = new WorldPersistence(world, { file: join(dir, 'missing-dir', 'x', 'state.json'), log: (line) => lines.push(line) });
    const { accessToken } = world.issueLongLivedToken(MAYA);
    persistence.watch();
    fs.rmSync(join(dir, 'missing-dir'), { recursive: true, force: true });
    world.advanceClock(1);
    persistence.flush();
    world.advanceClock(1);
    persistence.flush();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('could not save state');
    expect(lines[0]).not.toContain(accessToken);
    persistence.close();
  });
});

describe('without a state file', () => {
  it('the sandbox never touches the file system', async () => {
    const saves = new ManualTimer();
    const sb = await startSandbox({ quiet: true, timer: saves.timer });
    sb.world.issueLongLivedToken(MAYA);
    sb.world.addPerson({ username: 'no.file', accountType: 'BUSINESS' });
    sb.world.setAccountType(MAYA, 'PERSONAL');
    sb.world.revokeTokens(MAYA, 'app_removed');
    sb.world.advanceClock(DAY);
    sb.world.reset();
    expect(saves.pending()).toEqual([]); // nothing scheduled to write later either
    await sb.close();
    expect(fs.openSync).not.toHaveBeenCalled();
    expect(fs.writeFileSync).not.toHaveBeenCalled();
    expect(fs.renameSync).not.toHaveBeenCalled();
    expect(fs.mkdirSync).not.toHaveBeenCalled();
  });
});
