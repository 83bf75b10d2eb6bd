import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PostdeckApp } from '../../../src-main/app/types';
import { MAX_CONNECTIONS } from '../../../src-main/config/connectionCap';
import { createLogger } from '../../../src-main/config/logger';
import { createWebServer, type WebServerOptions } from '../../../src-main/host/apiServer';
import type { PreviewFile } from '../../../src-main/media/previews';
import { appError, type Result } from '../../../src-shared/errors';
import type { MediaPreview } from '../../../src-shared/mediaPreview';

const TOKEN = 'a'.repeat(43);

/** Just what the HTTP bridge calls; `dispatch` records whether a handler ran. */
function fakeApp() {
  return {
    dispatch: vi.fn(async () => ({ ok: true as const, value: [] })),
    subscribe: vi.fn(() => () => {}),
    handleOAuthCallback: vi.fn(),
    mediaPreview: vi.fn(async (preview: MediaPreview): Promise<Result<PreviewFile>> => {
      if (preview.mediaId !== MEDIA_ID) return { ok: false, error: appError('media_not_found') };
      return { ok: true, value: { path: join(staticDir, 'app.js'), contentType: 'image/jpeg', bytes: statSync(join(staticDir, 'app.js')).size } };
    }),
  };
}

const MEDIA_ID = '313d30b1-5b7e-4c1e-9a51-0f2b8e2d6c11';

let staticDir: string;
let server: Server;
let port: number;
let app: ReturnType<typeof fakeApp>;
let logLines: string[];
const sockets: Socket[] = [];

async function startServer(overrides: Partial<WebServerOptions> = {}) {
  app = fakeApp();
  server = createWebServer({
    token: TOKEN,
    staticDir,
    logger: createLogger((line) => logLines.push(line)),
    app: () => app as unknown as PostdeckApp,
    ...overrides,
  });
  // Registered after the server's own listener, so it sees each socket after the server has counted it.
  server.on('connection', (socket: Socket) => sockets.push(socket));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as { port: number }).port;
}

/** One request on its own connection; resolves with the response once its headers arrive. */
function send(options: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: '127.0.0.1', port, agent: false, method: options.method ?? 'GET', path: options.path, headers: options.headers }, resolve);
    outgoing.on('error', reject);
    outgoing.end(options.body);
  });
}

async function text(response: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of response) body += String(chunk);
  return body;
}

const callChannel = (headers: Record<string, string> = {}) =>
  send({ method: 'POST', path: '/api/accounts.list', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers }, body: '{}' });

beforeEach(() => {
  staticDir = mkdtempSync(join(tmpdir(), 'postdeck-static-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Postdeck</title>');
  writeFileSync(join(staticDir, 'app.js'), 'console.log("postdeck");');
  logLines = [];
  sockets.length = 0;
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise((done) => server.close(done));
  rmSync(staticDir, { recursive: true, force: true });
});

describe('the browser host refuses other sites', () => {
  beforeEach(() => startServer());

  it.each(['https://evil.example', 'http://127.0.0.1:1', 'null'])('answers 403 to POST /api/<channel> with Origin %s, and runs no handler', async (origin) => {
    const response = await callChannel({ origin });
    expect(response.statusCode).toBe(403);
    expect(JSON.parse(await text(response))).toMatchObject({ ok: false, error: { code: 'invalid_request', detail: 'Requests from other sites are refused.' } });
    expect(app.dispatch).not.toHaveBeenCalled();
  });

  it('answers 403 to a foreign Host (DNS rebinding), and runs no handler', async () => {
    const response = await callChannel({ host: `evil.example:${port}`, origin: `http://evil.example:${port}` });
    expect(response.statusCode).toBe(403);
    expect(app.dispatch).not.toHaveBeenCalled();
  });

  it('serves its own origin, and a request with no Origin (not from a page)', async () => {
    const cases: Array<Record<string, string>> = [{ origin: `http://127.0.0.1:${port}` }, { origin: `http://localhost:${port}` }, {}];
    for (const headers of cases) {
      const response = await callChannel(headers);
      expect(response.statusCode).toBe(200);
      expect(JSON.parse(await text(response))).toEqual({ ok: true, value: [] });
    }
    expect(app.dispatch).toHaveBeenCalledTimes(3);
  });
});

describe('static files', () => {
  it('serves a file', async () => {
    await startServer();
    const response = await send({ path: '/app.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(await text(response)).toBe('console.log("postdeck");');
  });

  it('answers 500, and keeps serving, when a file cannot be read', async () => {
    const openFile = vi.fn(() => new Readable({ read() { this.destroy(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' })); } }));
    await startServer({ openFile });
    const response = await send({ path: '/app.js' });
    expect(response.statusCode).toBe(500);
    expect(JSON.parse(await text(response))).toMatchObject({ ok: false, error: { code: 'internal_error' } });
    expect(openFile).toHaveBeenCalledWith(join(staticDir, 'app.js'));
    expect(logLines.some((line) => line.includes('request failed'))).toBe(true);
    expect((await callChannel()).statusCode).toBe(200);
  });

  it('cuts the connection, and keeps serving, when a file fails part-way', async () => {
    let pushed = false;
    const openFile = () =>
      new Readable({
        read() {
          if (pushed) return void this.destroy(new Error('EIO: i/o error, read'));
          pushed = true;
          this.push('console.log(');
        },
      });
    await startServer({ openFile });
    const response = await send({ path: '/app.js' });
    expect(response.statusCode).toBe(200);
    await expect(text(response)).rejects.toThrow(/aborted/);
    expect((await callChannel()).statusCode).toBe(200);
  });
});

describe('connection limit', () => {
  beforeEach(() => startServer());

  const openEventStream = async () => {
    const response = await send({ path: `/api/events?token=${TOKEN}` });
    expect(response.statusCode).toBe(200);
    return response;
  };

  it(`holds ${MAX_CONNECTIONS} connections, answers 503 on the next, and admits again once one closes`, async () => {
    const streams = await Promise.all(Array.from({ length: MAX_CONNECTIONS }, openEventStream));
    expect(app.subscribe).toHaveBeenCalledTimes(MAX_CONNECTIONS);

    const refused = await callChannel();
    expect(refused.statusCode).toBe(503);
    expect(refused.headers.connection).toBe('close');
    expect(JSON.parse(await text(refused))).toMatchObject({ ok: false, error: { code: 'internal_error' } });
    expect(app.dispatch).not.toHaveBeenCalled();

    const first = sockets[0]!;
    streams[0]!.destroy();
    await once(first, 'close');
    const admitted = await callChannel();
    expect(admitted.statusCode).toBe(200);
    expect(app.dispatch).toHaveBeenCalledTimes(1);
  });
});

describe('the media route', () => {
  beforeEach(() => startServer());

  it('serves a library picture with the token in the address (an <img> sends no header)', async () => {
    const response = await send({ path: `/api/media/${MEDIA_ID}/thumb?token=${TOKEN}` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/jpeg');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(await text(response)).toBe('console.log("postdeck");');
    expect(app.mediaPreview).toHaveBeenCalledWith({ mediaId: MEDIA_ID, variant: 'thumb' });
    const frame = await send({ path: `/api/media/${MEDIA_ID}/frame?at=1500`, headers: { authorization: `Bearer ${TOKEN}` } });
    expect(frame.statusCode).toBe(200);
    expect(app.mediaPreview).toHaveBeenLastCalledWith({ mediaId: MEDIA_ID, variant: 'frame', atMs: 1500 });
  });

  it('refuses a missing or wrong token before looking anything up', async () => {
    expect((await send({ path: `/api/media/${MEDIA_ID}/thumb` })).statusCode).toBe(401);
    expect((await send({ path: `/api/media/${MEDIA_ID}/thumb?token=${'b'.repeat(43)}` })).statusCode).toBe(401);
    expect(app.mediaPreview).not.toHaveBeenCalled();
  });

  it('answers 404 for paths that try to leave the media folder, unknown variants and unknown ids', async () => {
    for (const path of ['/api/media/../../etc/passwd', '/api/media/%2e%2e%2fpostdeck.db/thumb', `/api/media/${MEDIA_ID}/original`, `/api/media/.${MEDIA_ID}/thumb`, `/api/media/${MEDIA_ID}/frame`]) {
      expect((await send({ path: `${path}${path.includes('?') ? '&' : '?'}token=${TOKEN}` })).statusCode, path).toBe(404);
    }
    expect(app.mediaPreview).not.toHaveBeenCalled();
    const unknown = await send({ path: `/api/media/0b9f-unknown/thumb?token=${TOKEN}` });
    expect(unknown.statusCode).toBe(404);
    expect(JSON.parse(await text(unknown))).toMatchObject({ ok: false, error: { code: 'media_not_found' } });
  });

  it('serves a video by byte range, so a <video> can seek, and 416 for a range past its end', async () => {
    const path = `/api/media/${MEDIA_ID}/video?token=${TOKEN}`;
    const whole = await send({ path });
    expect([whole.statusCode, whole.headers['accept-ranges'], whole.headers['content-length'], await text(whole)]).toEqual([200, 'bytes', '24', 'console.log("postdeck");']);
    expect(app.mediaPreview).toHaveBeenCalledWith({ mediaId: MEDIA_ID, variant: 'video' });
    const slice = await send({ path, headers: { range: 'bytes=0-6' } });
    expect([slice.statusCode, slice.headers['content-range'], slice.headers['content-length'], await text(slice)]).toEqual([206, 'bytes 0-6/24', '7', 'console']);
    const openEnd = await send({ path, headers: { range: 'bytes=11-' } });
    expect([openEnd.statusCode, openEnd.headers['content-range'], await text(openEnd)]).toEqual([206, 'bytes 11-23/24', '("postdeck");']);
    const suffix = await send({ path, headers: { range: 'bytes=-3' } });
    expect([suffix.statusCode, suffix.headers['content-range'], await text(suffix)]).toEqual([206, 'bytes 21-23/24', '");']);
    const pastEnd = await send({ path, headers: { range: 'bytes=24-99' } });
    expect([pastEnd.statusCode, pastEnd.headers['content-range'], await text(pastEnd)]).toEqual([416, 'bytes */24', '']);
  });

  it('takes GET and HEAD only', async () => {
    expect((await send({ method: 'POST', path: `/api/media/${MEDIA_ID}/thumb?token=${TOKEN}` })).statusCode).toBe(405);
    const head = await send({ method: 'HEAD', path: `/api/media/${MEDIA_ID}/thumb?token=${TOKEN}` });
    expect(head.statusCode).toBe(200);
    expect(await text(head)).toBe('');
  });
});
