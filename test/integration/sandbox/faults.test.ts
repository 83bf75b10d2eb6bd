import { Readable } from 'node:stream';
import { request } from 'undici';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src-main/config/manualClock';
import { SANDBOX_APP_ID, startSandbox, type Sandbox } from '../../../src-main/sandbox';
import { ManualTimer } from '../../helpers/manualTimer';
import { MAYA, REDIRECT_URI, control, get, type Reply } from './helpers';

/** A request whose answer can be checked for "not yet". */
function track(reply: Promise<Reply>): { reply: Promise<Reply>; settled: () => boolean } {
  let done = false;
  void reply.finally(() => (done = true)).catch(() => {});
  return { reply, settled: () => done };
}

const latency = new ManualTimer();
const clock = new ManualClock();
let sb: Sandbox;
let token: string;

beforeAll(async () => {
  sb = await startSandbox({ quiet: true, clock, timer: latency.timer });
  sb.world.addRedirectUri(SANDBOX_APP_ID, REDIRECT_URI);
});
afterAll(async () => sb.close());
afterEach(() => latency.fireAll()); // a failed test leaves no request held for the next
beforeEach(() => {
  sb.world.reset();
  token = sb.world.issueLongLivedToken(MAYA).accessToken;
});

const me = () => get(sb, `/v25.0/me?fields=username&access_token=${token}`);
const bearer = () => ({ authorization: `Bearer ${sb.controlToken}` });

describe('faults', () => {
  it('latency delays the matching request without blocking others', async () => {
    await control(sb, 'POST', '/faults', { kind: 'latency', latencyMs: 300, count: 1, match: { pathPrefix: '/me' } });
    const slow = track(me());
    expect(await latency.held(1)).toEqual([300]);
    expect((await control(sb, 'GET', '/clock')).status).toBe(200); // control requests are never delayed
    expect((await me()).status).toBe(200); // count 1: the next /me is not delayed, and not queued behind the first
    expect(slow.settled()).toBe(false);
    latency.fireAll();
    expect((await slow.reply).status).toBe(200);
    expect(sb.world.requestLog().map((entry) => entry.faults ?? [])).toEqual([[], ['latency']]); // answered in that order
  });

  it('idle() waits for a request held by latency, and it is still answered after its client has gone', async () => {
    await control(sb, 'POST', '/faults', { kind: 'latency', latencyMs: 300, count: 1 });
    const gone = new AbortController();
    const abandoned = request(`${sb.url}/refresh_access_token?grant_type=ig_refresh_token&access_token=${token}`, { signal: gone.signal });
    await latency.held(1);
    gone.abort();
    await expect(abandoned).rejects.toThrow();
    let idle = false;
    const settled = sb.idle().then(() => (idle = true));
    await control(sb, 'GET', '/clock'); // a round trip later, still waiting
    expect(idle).toBe(false);
    latency.fireAll();
    await settled;
    expect(sb.world.requestLog().map((entry) => entry.path)).toEqual(['/refresh_access_token']);
    await expect(sb.idle()).resolves.toBeUndefined(); // nothing in flight: at once
  });

  it('status 503 for the next two requests, then normal answers', async () => {
    const fault = await control(sb, 'POST', '/faults', { kind: 'status', status: 503, count: 2 });
    expect(fault.status).toBe(201);
    for (let i = 0; i < 2; i++) {
      const res = await me();
      expect(res.status).toBe(503);
      expect(res.json.error.code).toBe(2);
      expect(res.json.error.is_transient).toBe(true);
      expect(res.json.error.message).toMatch(/unexpected error/);
    }
    const ok = await me();
    expect(ok.status).toBe(200);
    expect(ok.json.username).toBe('maya.makes');
    const log = (await control(sb, 'GET', '/log')).json as { path: string; status: number; faults?: string[] }[];
    expect(log.map((e) => e.status)).toEqual([503, 503, 200]);
    expect(log[0]!.faults).toEqual(['status']);
    expect(JSON.stringify(log)).not.toContain(token);
  });

  it('reset drops the connection without an answer', async () => {
    await control(sb, 'POST', '/faults', { kind: 'reset', count: 1 });
    await expect(request(`${sb.url}/me?fields=username&access_token=${token}`)).rejects.toThrow();
    expect((await me()).status).toBe(200);
    expect(sb.world.requestLog().map((e) => e.status)).toEqual([0, 200]);
  });

  it('graph_error answers the given code and subcode, only for matching method and path', async () => {
    await control(sb, 'POST', '/faults', { kind: 'graph_error', code: 4, subcode: 1349193, message: '(#4) Application request limit reached', match: { method: 'GET', pathPrefix: '/refresh_access_token' } });
    expect((await me()).status).toBe(200);
    const res = await get(sb, `/refresh_access_token?grant_type=ig_refresh_token&access_token=${token}`);
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({ code: 4, error_subcode: 1349193, message: '(#4) Application request limit reached', type: 'OAuthException' });
    // No count: applies until cleared.
    expect((await get(sb, `/refresh_access_token?grant_type=ig_refresh_token&access_token=${token}`)).json.error.code).toBe(4);
    const cleared = await control(sb, 'DELETE', '/faults');
    expect(cleared.json.cleared).toBe(1);
    expect((await get(sb, `/refresh_access_token?grant_type=ig_refresh_token&access_token=${token}`)).json.error.code).toBe(100); // too early, as normal
  });

  it('latency combines with a status fault: waits, then fails', async () => {
    await control(sb, 'POST', '/faults', { kind: 'latency', latencyMs: 200, count: 1 });
    await control(sb, 'POST', '/faults', { kind: 'status', status: 500, count: 1 });
    const res = track(me());
    expect(await latency.held(1)).toEqual([200]);
    expect(res.settled()).toBe(false);
    latency.fireAll();
    expect((await res.reply).status).toBe(500);
    expect(sb.world.requestLog()[0]!.faults).toEqual(['latency', 'status']);
  });

  it('serves many concurrent delayed requests in one latency: all wait at once, none behind another', async () => {
    await control(sb, 'POST', '/faults', { kind: 'latency', latencyMs: 100 });
    const replies = Promise.all(Array.from({ length: 64 }, () => me()));
    expect(await latency.held(64)).toEqual(Array.from({ length: 64 }, () => 100));
    latency.fireAll();
    expect((await replies).every((r) => r.status === 200)).toBe(true);
  });
});

describe('robustness and control API', () => {
  it('answers 413 to a body over 1 MiB', async () => {
    const big = 'x='.concat('a'.repeat(1024 * 1024 + 10));
    const res = await request(`${sb.url}/oauth/access_token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: big });
    await res.body.text();
    expect(res.statusCode).toBe(413);
    const ctl = await request(`${sb.url}/__sandbox/people`, { method: 'POST', headers: { 'content-type': 'application/json', ...bearer() }, body: `{"a":"${'b'.repeat(2 * 1024 * 1024)}"}` });
    await ctl.body.text();
    expect(ctl.statusCode).toBe(413);
    // Chunked (no Content-Length): counted as it arrives.
    const chunk = Buffer.alloc(64 * 1024, 97);
    const chunked = await request(`${sb.url}/oauth/access_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: Readable.from((function* () { for (let i = 0; i < 20; i++) yield chunk; })()),
    });
    await chunked.body.text();
    expect(chunked.statusCode).toBe(413);
    expect((await me()).status).toBe(200);
  });

  it('answers 400 to malformed JSON, bad control input and malformed forms, and keeps serving', async () => {
    const bad = await request(`${sb.url}/__sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json', ...bearer() }, body: '{nope' });
    expect(bad.statusCode).toBe(400);
    expect(((await bad.body.json()) as { error: { message: string } }).error.message).toMatch(/JSON/);
    expect((await control(sb, 'POST', '/faults', { kind: 'explode' })).status).toBe(400);
    expect((await control(sb, 'POST', '/clock', { advanceMs: -5 })).status).toBe(400);
    expect((await control(sb, 'POST', '/revoke', { igUserId: '1', reason: 'app_removed' })).status).toBe(400);
    expect((await control(sb, 'POST', '/people', { username: 'Bad Name!', accountType: 'BUSINESS' })).status).toBe(400);
    const form = await request(`${sb.url}/oauth/access_token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'code=%zz' });
    expect(form.statusCode).toBe(400);
    expect(((await form.body.json()) as { error_type: string }).error_type).toBe('OAuthException');
    const multipart = await request(`${sb.url}/oauth/access_token`, { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=xyz' }, body: 'garbage' });
    expect(multipart.statusCode).toBe(400);
    await multipart.body.text();
    expect((await me()).status).toBe(200);
  });

  it('adds people who then appear on the consent page', async () => {
    const created = await control(sb, 'POST', '/people', { username: 'new.shop', accountType: 'BUSINESS', name: 'New Shop' });
    expect(created.status).toBe(201);
    expect(created.json.igUserId).toMatch(/^1784\d{13}$/);
    expect(created.json.id).not.toBe(created.json.igUserId);
    const people = (await control(sb, 'GET', '/people')).json as { username: string }[];
    expect(people.map((p) => p.username)).toContain('new.shop');
    const page = await get(sb, `/oauth/authorize?client_id=${SANDBOX_APP_ID}&redirect_uri=${encodeURIComponent(REDIRECT_URI)}&response_type=code&scope=instagram_business_basic`);
    expect(page.text).toContain('>new.shop</label>');
    await control(sb, 'POST', '/reset');
    expect(((await control(sb, 'GET', '/people')).json as unknown[]).length).toBe(4);
  });

  it('moves the sandbox clock', async () => {
    const before = (await control(sb, 'GET', '/clock')).json.now as number;
    const after = (await control(sb, 'POST', '/clock', { advanceMs: 86_400_000 })).json.now as number;
    expect(after - before).toBe(86_400_000); // the sandbox runs on a ManualClock here: nothing else moves it
  });

  it('counts requests in stats and closes cleanly with keep-alive sockets open', async () => {
    const other = await startSandbox({ quiet: true });
    await request(`${other.url}/v24.0/me`).then((r) => r.body.text());
    expect(other.world.stats().requests).toBe(1);
    expect(other.world.stats().byStatus['400']).toBe(1);
    await other.close();
    await expect(request(`${other.url}/me`)).rejects.toThrow();
  });
});
