import { FormData, request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE } from '../../../src-main/config/clock';
import { ManualClock } from '../../../src-main/config/manualClock';
import { SANDBOX_APP_ID, SANDBOX_APP_SECRET, startSandbox, type Sandbox } from '../../../src-main/sandbox';
import {
  BASIC,
  MAYA,
  OUTSIDER,
  PUBLISH,
  REDIRECT_URI,
  SAM,
  authorizeCode,
  control,
  exchangeCode,
  get,
  longLivedToken,
  shortLivedToken,
} from './helpers';

let sb: Sandbox;

beforeAll(async () => {
  sb = await startSandbox({ quiet: true, clock: new ManualClock() }); // only the tests move its time
  sb.world.addRedirectUri(SANDBOX_APP_ID, REDIRECT_URI);
});
afterAll(async () => sb.close());
beforeEach(() => sb.world.reset());

const exchangeLong = (token: string, secret = SANDBOX_APP_SECRET, grant = 'ig_exchange_token') =>
  get(sb, `/access_token?grant_type=${grant}&client_secret=${secret}&access_token=${encodeURIComponent(token)}`);
const refresh = (token: string) => get(sb, `/refresh_access_token?grant_type=ig_refresh_token&access_token=${encodeURIComponent(token)}`);
const me = (token: string, fields = 'user_id,username') => get(sb, `/v24.0/me?fields=${fields}&access_token=${encodeURIComponent(token)}`);

function expectGraphError(res: { status: number; json: { error?: Record<string, unknown> } }, code: number, subcode?: number) {
  expect(res.status).toBe(400);
  expect(res.json.error?.type).toBe('OAuthException');
  expect(res.json.error?.code).toBe(code);
  if (subcode !== undefined) expect(res.json.error?.error_subcode).toBe(subcode);
  expect(res.json.error?.is_transient).toBe(false);
  expect(typeof res.json.error?.fbtrace_id).toBe('string');
}

describe('POST /oauth/access_token', () => {
  it('returns a flat token answer with user_id as a raw JSON number beyond 2^53', async () => {
    const res = await exchangeCode(sb, await authorizeCode(sb));
    expect(res.status).toBe(200);
    expect(res.text).toContain(`"user_id":${MAYA}`);
    expect(res.text).not.toContain(`"user_id":"`);
    expect(BigInt(MAYA) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(String(res.json.user_id)).not.toBe(MAYA); // a lossy parse would really lose it
    expect(res.json.access_token).toMatch(/^IGAA[A-Za-z0-9_-]{96,}$/);
    expect(res.json.permissions).toBe(`${BASIC},${PUBLISH}`);
  });

  it('accepts multipart/form-data', async () => {
    const form = new FormData();
    form.set('client_id', SANDBOX_APP_ID);
    form.set('client_secret', SANDBOX_APP_SECRET);
    form.set('grant_type', 'authorization_code');
    form.set('redirect_uri', REDIRECT_URI);
    form.set('code', await authorizeCode(sb));
    const res = await request(`${sb.url}/oauth/access_token`, { method: 'POST', body: form });
    const text = await res.body.text();
    expect(res.statusCode).toBe(200);
    expect(text).toContain(`"user_id":${MAYA}`);
  });

  it('refuses a used code', async () => {
    const code = await authorizeCode(sb);
    expect((await exchangeCode(sb, code)).status).toBe(200);
    const again = await exchangeCode(sb, code);
    expect(again.status).toBe(400);
    expect(again.json).toEqual({ error_type: 'OAuthException', code: 400, error_message: 'This authorization code has been used' });
  });

  it('refuses an expired code (after an hour of sandbox time) and an unknown one', async () => {
    const code = await authorizeCode(sb);
    await control(sb, 'POST', '/clock', { advanceMs: HOUR + MINUTE });
    const res = await exchangeCode(sb, code);
    expect(res.status).toBe(400);
    expect(res.json.error_message).toBe('Invalid authorization code');
    expect((await exchangeCode(sb, 'AQnot-a-code')).json.error_message).toBe('Invalid authorization code');
  });

  it('refuses a redirect_uri different from the authorize one', async () => {
    const res = await exchangeCode(sb, await authorizeCode(sb), { redirect_uri: `${REDIRECT_URI}/` });
    expect(res.status).toBe(400);
    expect(res.json.error_message).toBe('Redirect URI does not match registered redirect URI');
  });

  it('refuses bad client credentials', async () => {
    const code = await authorizeCode(sb);
    expect((await exchangeCode(sb, code, { client_id: '1234' })).json.error_message).toBe('Invalid client_id');
    expect((await exchangeCode(sb, code, { client_secret: '0'.repeat(32) })).json.error_message).toBe('Invalid client secret');
    expect((await exchangeCode(sb, code)).status).toBe(200); // the failures did not burn the code
  });

  it('refuses a non-tester of a development-mode app, but not of a live one', async () => {
    const res = await exchangeCode(sb, await authorizeCode(sb, { person: OUTSIDER }));
    expect(res.status).toBe(400);
    expect(res.json.error_message).toBe('Insufficient developer role');
    sb.world.registerApp({ appId: SANDBOX_APP_ID, appSecret: SANDBOX_APP_SECRET, redirectUris: [REDIRECT_URI], mode: 'live' });
    try {
      expect((await exchangeCode(sb, await authorizeCode(sb, { person: OUTSIDER }))).status).toBe(200);
    } finally {
      sb.world.registerApp({ appId: SANDBOX_APP_ID, appSecret: SANDBOX_APP_SECRET, redirectUris: [REDIRECT_URI], mode: 'development' });
    }
  });

  it("answers {data:[…]} when configured with the 'data' shape, still with a raw numeric user_id", async () => {
    const other = await startSandbox({ quiet: true, tokenResponseShape: 'data' });
    try {
      other.world.addRedirectUri(SANDBOX_APP_ID, REDIRECT_URI);
      const res = await exchangeCode(other, await authorizeCode(other));
      expect(res.status).toBe(200);
      expect(res.text).toMatch(new RegExp(`^\\{"data":\\[\\{"access_token":"IGAA[^"]+","user_id":${MAYA},"permissions":"${BASIC},${PUBLISH}"\\}\\]\\}$`));
    } finally {
      await other.close();
    }
  });
});

describe('long-lived tokens and refresh', () => {
  it('exchanges a short-lived token for a 60-day one', async () => {
    const short = await shortLivedToken(sb);
    const res = await exchangeLong(short);
    expect(res.status).toBe(200);
    expect(res.json.token_type).toBe('bearer');
    expect(res.json.expires_in).toBe(5184000);
    expect(res.json.access_token).toMatch(/^IGAA/);
    expect(res.json.access_token).not.toBe(short);
    expect(JSON.parse(String(res.headers['x-app-usage']))).toEqual({ call_count: expect.any(Number), total_cputime: expect.any(Number), total_time: expect.any(Number) });
  });

  it('refuses a wrong secret, a wrong grant type, an unknown token and a long-lived token', async () => {
    const short = await shortLivedToken(sb);
    const wrongSecret = await exchangeLong(short, 'f'.repeat(32));
    expectGraphError(wrongSecret, 101);
    expect(wrongSecret.json.error.message).toBe('Error validating client secret.');
    expectGraphError(await exchangeLong(short, SANDBOX_APP_SECRET, 'ig_refresh_token'), 100);
    expectGraphError(await exchangeLong('IGAAnope'), 190, 467);
    const long = (await exchangeLong(short)).json.access_token as string;
    expectGraphError(await exchangeLong(long), 100);
  });

  it('refuses an expired short-lived token with 190/463', async () => {
    const short = await shortLivedToken(sb);
    sb.world.advanceClock(HOUR);
    const res = await exchangeLong(short);
    expectGraphError(res, 190, 463);
    expect(res.json.error.message).toMatch(/^Error validating access token: Session has expired/);
  });

  it('refuses a refresh before the token is 24 hours old', async () => {
    const long = await longLivedToken(sb);
    sb.world.advanceClock(23 * HOUR);
    const res = await refresh(long);
    expectGraphError(res, 100);
    expect(res.json.error.message).toMatch(/24 hours/);
  });

  it('refreshes after 2 days: new string, 60 days from now, and the old string still works until its own expiry', async () => {
    const old = await longLivedToken(sb);
    sb.world.advanceClock(2 * DAY);
    const res = await refresh(old);
    expect(res.status).toBe(200);
    expect(res.json.expires_in).toBe(5184000);
    const fresh = res.json.access_token as string;
    expect(fresh).not.toBe(old);
    expect((await me(fresh)).json).toEqual({ user_id: MAYA, username: 'maya.makes' });
    expect((await me(old)).status).toBe(200);
    sb.world.advanceClock(58 * DAY); // old: issued at day 0, dead at day 60; fresh: until day 62
    expectGraphError(await me(old), 190, 463);
    expect((await me(fresh)).status).toBe(200);
    sb.world.advanceClock(2 * DAY);
    expectGraphError(await me(fresh), 190, 463);
    expectGraphError(await refresh(fresh), 190, 463);
  });

  it('with retireOldTokenOnRefresh, a refresh retires the old string at once (190 like an unknown token); reset turns it off', async () => {
    expect((await control(sb, 'GET', '/options')).json.retireOldTokenOnRefresh).toBe(false);
    const set = await control(sb, 'POST', '/options', { retireOldTokenOnRefresh: true });
    expect(set.json).toMatchObject({ retireOldTokenOnRefresh: true, tokenResponseShape: 'flat' });
    expect((await control(sb, 'GET', '/options')).json.retireOldTokenOnRefresh).toBe(true);
    const old = await longLivedToken(sb);
    sb.world.advanceClock(2 * DAY);
    const fresh = (await refresh(old)).json.access_token as string;
    expect((await me(fresh)).status).toBe(200);
    expectGraphError(await me(old), 190, 467);
    expectGraphError(await refresh(old), 190, 467);
    expect(sb.world.newestToken(MAYA)?.token).toBe(fresh);
    await control(sb, 'POST', '/reset');
    expect((await control(sb, 'GET', '/options')).json.retireOldTokenOnRefresh).toBe(false);
    expect((await control(sb, 'POST', '/options', { retireOldTokenOnRefresh: 'yes' })).status).toBe(400);
  });

  it('tells which token it issued last to a person and whether a request has presented it', async () => {
    const long = await longLivedToken(sb);
    expect(sb.world.newestToken(MAYA)).toEqual({ token: long, kind: 'long', issuedAt: sb.world.now() });
    sb.world.advanceClock(2 * DAY);
    const fresh = (await refresh(long)).json.access_token as string;
    expect(sb.world.newestToken(MAYA)).toEqual({ token: fresh, kind: 'long', issuedAt: sb.world.now() });
    await me(fresh);
    expect(sb.world.newestToken(MAYA)?.lastPresentedAt).toBe(sb.world.now());
    expect(sb.world.newestToken(SAM)).toBeUndefined();
  });

  it('needs instagram_business_basic to refresh', async () => {
    const long = await longLivedToken(sb);
    sb.world.advanceClock(2 * DAY);
    await control(sb, 'POST', '/permissions/remove', { igUserId: MAYA, scope: BASIC });
    const res = await refresh(long);
    expectGraphError(res, 10);
  });
});

describe('GET /me', () => {
  it('returns exactly the requested fields, with or without a version prefix, by query or bearer header', async () => {
    const long = await longLivedToken(sb);
    const all = 'id,user_id,username,name,account_type,profile_picture_url,followers_count,follows_count,media_count';
    const res = await me(long, all);
    expect(res.status).toBe(200);
    expect(Object.keys(res.json).sort()).toEqual(all.split(',').sort());
    expect(res.json.user_id).toBe(MAYA);
    expect(typeof res.json.user_id).toBe('string');
    expect(res.json.id).not.toBe(MAYA);
    expect(res.json.account_type).toBe('MEDIA_CREATOR');
    expect(res.json.profile_picture_url).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(res.json.followers_count).toBeTypeOf('number');
    const unversioned = await get(sb, '/me?fields=username', { authorization: `Bearer ${long}` });
    expect(unversioned.json).toEqual({ username: 'maya.makes' });
  });

  it('reports a personal account as PERSONAL and follows account-type changes', async () => {
    const token = sb.world.issueLongLivedToken(SAM).accessToken;
    expect((await me(token, 'account_type')).json.account_type).toBe('PERSONAL');
    await control(sb, 'POST', '/account-type', { igUserId: SAM, accountType: 'BUSINESS' });
    expect((await me(token, 'account_type')).json.account_type).toBe('BUSINESS');
  });

  it('rejects an unknown field with code 100 and a token without basic with code 10', async () => {
    const long = await longLivedToken(sb);
    const res = await me(long, 'username,password');
    expectGraphError(res, 100);
    expect(res.json.error.message).toContain('(password)');
    const noBasic = sb.world.issueLongLivedToken(MAYA, { scopes: [PUBLISH] }).accessToken;
    const denied = await me(noBasic);
    expectGraphError(denied, 10);
    expect(denied.json.error.message).toBe('(#10) Application does not have permission for this action');
  });

  it('answers 190/467 for an unknown token', async () => {
    const res = await me('IGAAunknown');
    expectGraphError(res, 190, 467);
    expect(res.json.error.message).toBe('Invalid OAuth access token - Cannot parse access token');
  });

  it('answers 190/458 after the app is removed and 190/460 after a password change', async () => {
    const a = await longLivedToken(sb);
    const revoked = await control(sb, 'POST', '/revoke', { igUserId: MAYA, reason: 'app_removed' });
    expect(revoked.json.revoked).toBeGreaterThan(0);
    expectGraphError(await me(a), 190, 458);
    const b = await longLivedToken(sb); // reconnecting gives a working token again
    expect((await me(b)).status).toBe(200);
    sb.world.revokeTokens(MAYA, 'password_changed');
    expectGraphError(await me(b), 190, 460);
  });

  it('answers 404 code 100 for unknown paths and for versioned token endpoints', async () => {
    for (const path of ['/v24.0/nothing', '/v24.0/access_token?grant_type=ig_exchange_token']) {
      const res = await get(sb, path);
      expect(res.status).toBe(404);
      expect(res.json.error.code).toBe(100);
      expect(res.json.error.message).toMatch(/^Unsupported get request/);
    }
  });
});

describe('issueLongLivedToken (benchmarks)', () => {
  // How fast is `npm run bench`'s business; here: at that scale every token is distinct and works.
  it('adds 10,000 people with ready, distinct tokens', async () => {
    const tokens: string[] = [];
    for (let i = 0; i < 10_000; i++) {
      const person = sb.world.addPerson({ username: `bench.${i}`, accountType: i % 2 ? 'BUSINESS' : 'MEDIA_CREATOR' });
      tokens.push(sb.world.issueLongLivedToken(person.igUserId).accessToken);
    }
    expect(new Set(tokens).size).toBe(10_000);
    expect(sb.world.stats().tokens).toBe(10_000);
    expect((await me(tokens[0]!, 'username')).json.username).toBe('bench.0');
    expect((await me(tokens[9_999]!, 'username')).json.username).toBe('bench.9999');
  });
});
