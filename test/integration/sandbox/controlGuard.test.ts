import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_APP_ID, startSandbox, type Sandbox } from '../../../src-main/sandbox';
import { MAYA, REDIRECT_URI, authorizeQuery, control, get } from './helpers';

let sb: Sandbox;

beforeAll(async () => {
  sb = await startSandbox({ quiet: true });
  sb.world.addRedirectUri(SANDBOX_APP_ID, REDIRECT_URI);
});
afterAll(async () => sb.close());

/** node:http, because fetch and undici will not send a foreign Host header. */
function raw(path: string, headers: Record<string, string>, method = 'GET'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, sb.url);
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const port = () => new URL(sb.url).port;
const bearer = () => ({ authorization: `Bearer ${sb.controlToken}` });

describe('the control API takes the browser host guards', () => {
  it('answers 401 without the per-run token or with a wrong one, and changes nothing', async () => {
    const people = sb.world.people().length;
    expect((await control(sb, 'POST', '/people', { username: 'sneaky', accountType: 'BUSINESS' }, { authorization: '' })).status).toBe(401);
    const wrong = `${sb.controlToken.slice(0, -1)}${sb.controlToken.endsWith('A') ? 'B' : 'A'}`;
    expect((await control(sb, 'POST', '/clock', { advanceMs: 1000 }, { authorization: `Bearer ${wrong}` })).status).toBe(401);
    expect((await control(sb, 'GET', '/people', undefined, { authorization: `Basic ${sb.controlToken}` })).status).toBe(401);
    expect(sb.world.people()).toHaveLength(people);
    expect(sb.world.clock.offsetMs).toBe(0);
  });

  it('answers 403 to a foreign Host or Origin even with the token', async () => {
    const foreignHost = await raw('/__sandbox/people', { host: `attacker.example:${port()}`, ...bearer() });
    expect(foreignHost.status).toBe(403);
    expect(foreignHost.body).not.toContain('maya');
    expect((await raw('/__sandbox/people', { host: `127.0.0.1:${Number(port()) + 1}`, ...bearer() })).status).toBe(403);
    expect((await control(sb, 'GET', '/people', undefined, { origin: 'https://attacker.example' })).status).toBe(403);
    expect((await control(sb, 'GET', '/people', undefined, { origin: 'null' })).status).toBe(403);
    expect((await control(sb, 'POST', '/reset', {}, { origin: `http://127.0.0.1:${Number(port()) + 1}` })).status).toBe(403);
  });

  it('answers 200 with the token from its own loopback Host and Origin', async () => {
    const listed = await control(sb, 'GET', '/people');
    expect(listed.status).toBe(200);
    expect((listed.json as { igUserId: string }[]).map((person) => person.igUserId)).toContain(MAYA);
    expect((await raw('/__sandbox/clock', { host: `localhost:${port()}`, ...bearer() })).status).toBe(200);
    expect((await control(sb, 'GET', '/clock', undefined, { origin: sb.url })).status).toBe(200);
  });

  it("leaves Instagram's own endpoints open to anyone, as Instagram does", async () => {
    expect((await get(sb, authorizeQuery(), { origin: 'https://attacker.example' })).status).toBe(200);
    const token = sb.world.issueLongLivedToken(MAYA).accessToken;
    expect((await raw(`/me?fields=username&access_token=${token}`, { host: `graph.attacker.example:${port()}` })).status).toBe(200);
  });

  it('draws a new token each run and refuses a short chosen one', async () => {
    const other = await startSandbox({ quiet: true });
    try {
      expect(other.controlToken).not.toBe(sb.controlToken);
      expect(other.controlToken.length).toBeGreaterThanOrEqual(32);
    } finally {
      await other.close();
    }
    await expect(startSandbox({ quiet: true, controlToken: 'short' })).rejects.toThrow(/at least 32/);
  });
});
