import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DAY } from '../../../src-main/config/clock';
import { ManualClock } from '../../../src-main/config/manualClock';
import { SANDBOX_APP_ID, startSandbox, type Sandbox, type SandboxOptions } from '../../../src-main/sandbox';
import { ManualTimer } from '../../helpers/manualTimer';
import { canonical } from '../../helpers/sandboxSnapshot';
import { BASIC, COMMENTS, MAYA, PUBLISH, REDIRECT_URI, control, get, longLivedToken, postForm } from './helpers';

let dir: string;
let stateFile: string;
let clock: ManualClock;
const open: Sandbox[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'postdeck-sandbox-state-'));
  stateFile = join(dir, 'sandbox-state.json');
  clock = new ManualClock(Date.UTC(2026, 2, 1, 9));
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((sb) => sb.close()));
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

async function start(options: SandboxOptions = {}): Promise<Sandbox> {
  const sb = await startSandbox({ quiet: true, clock, stateFile, ...options });
  sb.world.addRedirectUri(SANDBOX_APP_ID, REDIRECT_URI);
  open.push(sb);
  return sb;
}

async function restart(sb: Sandbox, options: SandboxOptions = {}): Promise<Sandbox> {
  await sb.close();
  return start(options); // a fresh ephemeral port, new world
}

const me = (sb: Sandbox, token: string) => get(sb, `/v24.0/me?fields=user_id,username&access_token=${encodeURIComponent(token)}`);
const refresh = (sb: Sandbox, token: string) => get(sb, `/refresh_access_token?grant_type=ig_refresh_token&access_token=${encodeURIComponent(token)}`);

describe('sandbox state file', () => {
  it('a token from the OAuth flow works after a restart on another port, with the same expiry, and refreshes', async () => {
    const first = await start();
    const token = await longLivedToken(first, { requested: [BASIC, PUBLISH] });
    const before = first.world.credentials.token(token)!;
    expect((await me(first, token)).json.username).toBe('maya.makes');

    const saves = new ManualTimer();
    const second = await restart(first, { timer: saves.timer });
    const after = second.world.credentials.token(token);
    expect(after).toMatchObject({ kind: 'long', appId: SANDBOX_APP_ID, igUserId: MAYA, issuedAt: before.issuedAt, expiresAt: before.expiresAt });
    expect([...after!.scopes]).toEqual([BASIC, PUBLISH]);
    const res = await me(second, token);
    expect(res.status).toBe(200);
    expect(res.json.username).toBe('maya.makes');
    expect(res.json.user_id).toBe(MAYA);

    clock.advance(2 * DAY);
    const refreshed = await refresh(second, token);
    expect(refreshed.status).toBe(200);
    expect(refreshed.json.expires_in).toBe(60 * 86_400);
    expect((await me(second, refreshed.json.access_token)).status).toBe(200);

    // The refreshed token is saved too, by the debounced save (no close): one is scheduled, and it writes it.
    expect(saves.pending()).toHaveLength(1);
    saves.fireAll();
    expect(readFileSync(stateFile, 'utf8')).toContain(refreshed.json.access_token as string);
  });

  it('once comments exist, a restart keeps everything: seeded and own comments, replies, hidden, comments turned off, tokens', async () => {
    const first = await start({ outsideMediaPerPerson: 3 });
    const token = await longLivedToken(first, { requested: [BASIC, COMMENTS] });
    const [media, other] = first.world.publishing.mediaOf(MAYA);
    const auth = `access_token=${encodeURIComponent(token)}`;
    const comments = (sb: Sandbox, mediaId: string) => get(sb, `/v24.0/${mediaId}/comments?fields=id,text,from,hidden,replies{id,text,from}&${auth}`);
    const seeded = (await comments(first, media!.id)).json.data as { id: string }[];
    expect(seeded.length).toBeGreaterThan(0);
    const post = (sb: Sandbox, path: string, field: [string, string]) => postForm(sb, `/v24.0/${path}?${auth}`, [field]);
    expect((await post(first, `${seeded[0]!.id}/replies`, ['message', 'Thank you!'])).status).toBe(200);
    expect((await post(first, seeded.at(-1)!.id, ['hide', 'true'])).status).toBe(200);
    expect((await post(first, other!.id, ['comment_enabled', 'false'])).status).toBe(200);
    const before = (await comments(first, media!.id)).json;
    const worldBefore = first.world.snapshot();

    const second = await restart(first);
    expect(readdirSync(dir)).toEqual(['sandbox-state.json']); // nothing set aside as corrupt
    expect((await me(second, token)).status).toBe(200);
    expect((await comments(second, media!.id)).json).toEqual(before);
    expect(canonical(second.world.snapshot())).toEqual(canonical(worldBefore));
    // Comments turned off stay off: a reply on that media is still refused.
    const off = (await comments(second, other!.id)).json.data as { id: string }[];
    expect((await post(second, `${off[0]!.id}/replies`, ['message', 'Too late'])).json.error).toMatchObject({ code: expect.any(Number) });
  });

  it('a revoked token stays revoked; a removed permission stays removed', async () => {
    const first = await start();
    const { accessToken: maya } = first.world.issueLongLivedToken(MAYA);
    first.world.revokeTokens(MAYA, 'app_removed');
    const bakeryId = first.world.people().find((p) => p.username === 'northside.bakery')!.igUserId;
    const { accessToken: bakery } = first.world.issueLongLivedToken(bakeryId);
    first.world.removePermission(bakeryId, PUBLISH);

    const second = await restart(first);
    const res = await me(second, maya);
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: 190, error_subcode: 458 });
    expect(second.world.credentials.token(bakery)!.scopes.has(PUBLISH)).toBe(false);
    expect(second.world.credentials.token(bakery)!.scopes.has(BASIC)).toBe(true);
  });

  it('added people and changed account types survive', async () => {
    const first = await start();
    const added = (await control(first, 'POST', '/people', { username: 'new.shop', accountType: 'BUSINESS', followersCount: 7 })).json;
    first.world.setAccountType(MAYA, 'PERSONAL');
    const { accessToken } = first.world.issueLongLivedToken(added.igUserId);

    const second = await restart(first);
    const people = second.world.people();
    expect(people.map((p) => p.username)).toEqual(['maya.makes', 'northside.bakery', 'sam.personal', 'outsider.studio', 'new.shop']);
    expect(people.find((p) => p.username === 'new.shop')).toEqual(added);
    expect(second.world.person(MAYA)!.accountType).toBe('PERSONAL');
    expect((await me(second, accessToken)).json.username).toBe('new.shop');
  });

  it('the clock offset survives', async () => {
    const first = await start();
    const { accessToken } = first.world.issueLongLivedToken(MAYA);
    await control(first, 'POST', '/clock', { advanceMs: 61 * DAY });

    const second = await restart(first);
    expect(second.world.clock.offsetMs).toBe(61 * DAY);
    expect((await control(second, 'GET', '/clock')).json).toEqual({ now: clock.now() + 61 * DAY, offsetMs: 61 * DAY });
    expect((await me(second, accessToken)).json.error).toMatchObject({ code: 190, error_subcode: 463 });
  });

  it('reset is saved too', async () => {
    const first = await start();
    const { accessToken } = first.world.issueLongLivedToken(MAYA);
    first.world.addPerson({ username: 'gone.soon', accountType: 'BUSINESS' });
    first.world.advanceClock(DAY);
    await control(first, 'POST', '/reset');

    const second = await restart(first);
    expect(second.world.people()).toHaveLength(4);
    expect(second.world.clock.offsetMs).toBe(0);
    expect((await me(second, accessToken)).json.error).toMatchObject({ code: 190, error_subcode: 467 });
  });

  it('writes atomically with mode 0600, coalescing thousands of changes into one write', async () => {
    const saves = new ManualTimer();
    const first = await start({ timer: saves.timer });
    saves.fireAll(); // start-up's own changes (the redirect URI)
    for (let i = 0; i < 10_000; i++) first.world.issueLongLivedToken(MAYA);
    expect(saves.pending()).toHaveLength(1); // one save scheduled for all of them
    saves.fireAll();
    const saved = JSON.parse(readFileSync(stateFile, 'utf8'));
    expect(saved.version).toBe(1);
    expect(saved.tokens).toHaveLength(10_000);
    expect(readdirSync(dir)).toEqual(['sandbox-state.json']);
    if (process.platform !== 'win32') expect(statSync(stateFile).mode & 0o777).toBe(0o600);
    expect(saves.pending()).toEqual([]); // nothing pending: no further writes
  });

  it('close() flushes a pending save', async () => {
    const first = await start();
    const { accessToken } = first.world.issueLongLivedToken(MAYA);
    await first.close();
    expect(readFileSync(stateFile, 'utf8')).toContain(accessToken);
  });

  it('a corrupt file is set aside with one log line that quotes nothing from it, and the sandbox starts seeded', async () => {
    const secret = 'IGAAdoNotLogMe0123456789';
    writeFileSync(stateFile, `{"version":1,"tokens":[{"token":"${secret}"`);
    const lines: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    const sb = await start({ quiet: false });
    expect(sb.world.people().map((p) => p.username)).toEqual(['maya.makes', 'northside.bakery', 'sam.personal', 'outsider.studio']);
    expect(sb.world.stats().tokens).toBe(0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('not valid JSON');
    expect(lines[0]).not.toContain(secret);
    const aside = readdirSync(dir).filter((name) => name.startsWith('sandbox-state.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0]!), 'utf8')).toContain(secret);
    expect(existsSync(stateFile)).toBe(false);

    // And it keeps working: new state is saved to the usual name.
    sb.world.issueLongLivedToken(MAYA);
    await sb.close();
    expect(JSON.parse(readFileSync(stateFile, 'utf8')).tokens).toHaveLength(1);
  });

  it('a file of the wrong shape is corrupt too; quiet logs nothing', async () => {
    writeFileSync(stateFile, JSON.stringify({ version: 1, clockOffsetMs: 0, apps: [], people: [], tokens: [{ token: 'IGAAxxxxxxxxxxxx', kind: 'forever' }] }));
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const sb = await start();
    expect(spy).not.toHaveBeenCalled();
    expect(sb.world.people()).toHaveLength(4);
    expect(readdirSync(dir).some((name) => name.startsWith('sandbox-state.json.corrupt-'))).toBe(true);
  });

  it('an unknown version is ignored and set aside, not overwritten', async () => {
    writeFileSync(stateFile, JSON.stringify({ version: 2, whatever: true }));
    const sb = await start();
    expect(sb.world.people()).toHaveLength(4);
    const aside = readdirSync(dir).filter((name) => name.startsWith('sandbox-state.json.unsupported-'));
    expect(aside).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(dir, aside[0]!), 'utf8')).version).toBe(2);
  });

  it('without a state file nothing is written', async () => {
    const saves = new ManualTimer();
    const sb = await startSandbox({ quiet: true, clock, timer: saves.timer });
    open.push(sb);
    sb.world.issueLongLivedToken(MAYA);
    sb.world.addPerson({ username: 'no.file', accountType: 'BUSINESS' });
    sb.world.advanceClock(DAY);
    sb.world.reset();
    expect(saves.pending()).toEqual([]); // no save scheduled, so none can happen later
    await sb.close();
    expect(readdirSync(dir)).toEqual([]);
    expect(existsSync(join(process.cwd(), 'sandbox-state.json'))).toBe(false);
  });
});
