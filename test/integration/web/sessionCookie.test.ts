import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PostdeckApp } from '../../../src-main/app/types';
import { createLogger } from '../../../src-main/config/logger';
import { createWebServer, sessionCookieName } from '../../../src-main/host/apiServer';

const TOKEN = 'b'.repeat(43);

let staticDir: string;
let server: Server;
let port: number;
const app = { dispatch: vi.fn(async () => ({ ok: true as const, value: [] })), subscribe: vi.fn(() => () => {}), handleOAuthCallback: vi.fn() };

function send(options: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: '127.0.0.1', port, agent: false, method: options.method ?? 'GET', path: options.path, headers: options.headers }, resolve);
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

const call = (headers: Record<string, string>) =>
  send({ method: 'POST', path: '/api/accounts.list', headers: { 'content-type': 'application/json', ...headers }, body: '{}' }).then((response) => {
    response.resume();
    return response.statusCode;
  });

/** Opens the page as the printed address does, and returns the Set-Cookie it answered with. */
async function openPage(path = `/?token=${TOKEN}`): Promise<string | undefined> {
  const response = await send({ path });
  response.resume();
  expect(response.statusCode).toBe(200);
  return response.headers['set-cookie']?.[0];
}

beforeEach(async () => {
  staticDir = mkdtempSync(join(tmpdir(), 'postdeck-static-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Postdeck</title>');
  app.dispatch.mockClear();
  server = createWebServer({ token: TOKEN, staticDir, logger: createLogger(() => {}), app: () => app as unknown as PostdeckApp });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as { port: number }).port;
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
  rmSync(staticDir, { recursive: true, force: true });
});

describe('the browser host session cookie', () => {
  it('opening the tokened address sets an HttpOnly, SameSite=Strict, host-only cookie for / that is not the token', async () => {
    const cookie = await openPage();
    expect(cookie).toBeDefined();
    const [pair, ...attributes] = cookie!.split('; ');
    const [name, value] = pair!.split('=');
    expect(name).toBe(sessionCookieName(port));
    expect(value).toMatch(/^[\w-]{43}$/);
    expect(value).not.toBe(TOKEN);
    expect(attributes.sort()).toEqual(['HttpOnly', 'Path=/', 'SameSite=Strict']);
    // Without the token, or with a wrong one, the page is served but no session is given.
    expect(await openPage('/')).toBeUndefined();
    expect(await openPage(`/?token=${'c'.repeat(43)}`)).toBeUndefined();
  });

  it('the cookie opens the API (a reload, a second tab); without it, or with a wrong value, the API answers 401 and runs nothing', async () => {
    const [pair] = (await openPage())!.split('; ');
    expect(await call({ cookie: pair! })).toBe(200);
    expect(app.dispatch).toHaveBeenCalledTimes(1);
    const events = await send({ path: '/api/events', headers: { cookie: pair! } });
    expect(events.statusCode).toBe(200);
    events.destroy();

    app.dispatch.mockClear();
    expect(await call({})).toBe(401);
    expect(await call({ cookie: `${sessionCookieName(port)}=${'x'.repeat(43)}` })).toBe(401);
    // The token itself is no cookie.
    expect(await call({ cookie: `${sessionCookieName(port)}=${TOKEN}` })).toBe(401);
    // Another port's session (another Postdeck) is not this one's.
    expect(await call({ cookie: `${sessionCookieName(port + 1)}=${pair!.split('=')[1]!}` })).toBe(401);
    expect(app.dispatch).not.toHaveBeenCalled();
  });

  it('the cookie is refused from a foreign Host or Origin', async () => {
    const [pair] = (await openPage())!.split('; ');
    expect(await call({ cookie: pair!, origin: 'https://evil.example' })).toBe(403);
    expect(await call({ cookie: pair!, host: `evil.example:${port}` })).toBe(403);
    expect(app.dispatch).not.toHaveBeenCalled();
  });
});
