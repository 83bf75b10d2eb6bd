import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DAY } from '../../../src-main/config/clock';
import { ManualClock } from '../../../src-main/config/manualClock';
import { SandboxWorld, startSandbox } from '../../../src-main/sandbox';
import { WorldPersistence, readStateFile, setAsideName, writeStateFile } from '../../../src-main/sandbox/persistence';
import { ManualTimer } from '../../helpers/manualTimer';

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
