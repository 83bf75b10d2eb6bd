import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { GraphTransport } from '../../../src-main/instagram/transport';
import { readUsage, type UsageReading } from '../../../src-main/ratelimit/usage';
import { instagramFailure } from '../../helpers/instagramFailure';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

interface Seen {
  method: string;
  url: string;
  authorization: string | undefined;
  body: string;
}

/** A stand-in Graph API that records what it was sent and answers with `reply`. */
async function graphStub(reply: (seen: Seen) => { status?: number; body: unknown; headers?: Record<string, string> }) {
  const seen: Seen[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const entry = { method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body };
      seen.push(entry);
      const answer = reply(entry);
      res.writeHead(answer.status ?? 200, { 'content-type': 'application/json', ...answer.headers });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { seen, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function transport(graphBase: string, onUsage?: (reading: UsageReading) => void) {
  const agent = new Agent({ headersTimeout: 2_000, bodyTimeout: 2_000 });
  closers.push(() => agent.close());
  return new GraphTransport({ authBase: graphBase, apiBase: graphBase, graphBase, graphVersion: 'v24.0' }, agent, onUsage);
}

describe('GraphTransport', () => {
  it('sends the token as a Bearer header, never in the URL, with the version prefix and form bodies', async () => {
    const stub = await graphStub(() => ({ body: { id: '1790' } }));
    const graph = transport(stub.url);
    await graph.get('/me', { fields: 'id,username' }, 'IGAA-secret', z.object({ id: z.string() }));
    await graph.post('/1784/media', { image_url: 'https://x.test/a.jpg?v=1', caption: 'hi & bye' }, 'IGAA-secret', z.object({ id: z.string() }));
    expect(stub.seen.map(({ method, url, authorization }) => ({ method, url, authorization }))).toEqual([
      { method: 'GET', url: '/v24.0/me?fields=id%2Cusername', authorization: 'Bearer IGAA-secret' },
      { method: 'POST', url: '/v24.0/1784/media', authorization: 'Bearer IGAA-secret' },
    ]);
    expect(new URLSearchParams(stub.seen[1]!.body).get('image_url')).toBe('https://x.test/a.jpg?v=1');
    expect(stub.seen.some((entry) => entry.url.includes('IGAA'))).toBe(false);
  });

  it('checks every answer against its schema', async () => {
    const stub = await graphStub(() => ({ body: { unexpected: true } }));
    const error = await instagramFailure(transport(stub.url).get('/me', {}, 't', z.object({ id: z.string() })));
    expect(error.kind).toBe('invalid_response');
  });

  it('reads X-App-Usage and X-Business-Use-Case-Usage on every response, errors included', async () => {
    const headers = {
      'x-app-usage': JSON.stringify({ call_count: 12, total_cputime: 80, total_time: 40 }),
      'x-business-use-case-usage': JSON.stringify({ '1784': [{ type: 'instagram', call_count: 91, total_cputime: 5, total_time: 3, estimated_time_to_regain_access: 12 }] }),
    };
    const stub = await graphStub((seen) => (seen.url.includes('fail') ? { status: 400, body: { error: { code: 100 } }, headers } : { body: { id: '1' }, headers }));
    const readings: UsageReading[] = [];
    const graph = transport(stub.url, (reading) => readings.push(reading));
    await graph.get('/ok', {}, 't', z.object({ id: z.string() }));
    await instagramFailure(graph.get('/fail', {}, 't', z.object({ id: z.string() })));
    expect(readings).toEqual([
      { appPercent: 80, business: [{ id: '1784', percent: 91, regainAccessMinutes: 12 }] },
      { appPercent: 80, business: [{ id: '1784', percent: 91, regainAccessMinutes: 12 }] },
    ]);
    expect(readUsage({ 'x-app-usage': 'not json' })).toEqual({ appPercent: null, business: [] });
  });

  it("reports code 4 as the app at its limit, whatever the answer's usage header says", async () => {
    const stub = await graphStub(() => ({
      status: 400,
      body: { error: { message: '(#4) Application request limit reached', type: 'OAuthException', code: 4 } },
      headers: { 'x-app-usage': JSON.stringify({ call_count: 12, total_cputime: 3, total_time: 4 }) },
    }));
    const readings: UsageReading[] = [];
    const graph = transport(stub.url, (reading) => readings.push(reading));
    expect((await instagramFailure(graph.get('/me', {}, 'IGAA-t', z.object({})))).kind).toBe('rate_limited');
    expect(readings).toEqual([{ appPercent: 100, business: [] }]);
  });

  it('pages through an edge with the after cursor', async () => {
    const stub = await graphStub((seen) =>
      seen.url.includes('after=c2')
        ? { body: { data: [{ id: '3' }], paging: { cursors: { after: 'c3' } } } }
        : { body: { data: [{ id: '1' }, { id: '2' }], paging: { cursors: { after: 'c2' }, next: 'https://graph/next' } } },
    );
    const graph = transport(stub.url);
    const first = await graph.page('/1784/media', { fields: 'id' }, 't', z.object({ id: z.string() }));
    expect(first).toEqual({ items: [{ id: '1' }, { id: '2' }], nextCursor: 'c2' });
    const last = await graph.page('/1784/media', { fields: 'id' }, 't', z.object({ id: z.string() }), first.nextCursor!);
    expect(last).toEqual({ items: [{ id: '3' }], nextCursor: null });
  });

  it('classifies publishing failures by subcode, whatever the top-level code', async () => {
    const cases: Array<[number, number, string]> = [
      [9, 2207042, 'quota_reached'],
      [9007, 2207027, 'not_ready'],
      [9004, 2207052, 'fetch_failed'],
      [-2, 2207020, 'container_expired'],
      [36003, 2207009, 'bad_aspect'],
      [4, 2207051, 'restricted_after_publish'],
      [1, 2207057, 'bad_thumb_offset'],
      [25, 2207050, 'account_restricted'],
    ];
    const stub = await graphStub((seen) => {
      const [code, subcode] = cases[Number(new URL(seen.url, 'http://x').searchParams.get('i'))]!;
      return { status: 400, body: { error: { message: 'no', type: 'OAuthException', code, error_subcode: subcode } } };
    });
    const graph = transport(stub.url);
    for (const [index, [, , kind]] of cases.entries()) {
      const error = await instagramFailure(graph.get('/c', { i: String(index) }, 't', z.unknown()));
      expect(error.publishing, kind).toBe(kind);
      expect(error.delivery).toBe('answered');
    }
  });

  it('says a refused connection certainly did not reach Instagram', async () => {
    const probe = createTcpServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const error = await instagramFailure(transport(`http://127.0.0.1:${port}`).post('/1784/media_publish', { creation_id: '1' }, 't', z.unknown()));
    expect(error).toMatchObject({ kind: 'network', delivery: 'not_sent' });
  });

  it('says a connection reset after the request was sent may have reached Instagram', async () => {
    // The server reads the whole request, then resets: Instagram may have acted on it.
    const server = createTcpServer((socket) => socket.once('data', () => socket.resetAndDestroy()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(() => new Promise((resolve) => server.close(() => resolve())));
    const port = (server.address() as AddressInfo).port;
    const error = await instagramFailure(transport(`http://127.0.0.1:${port}`).post('/1784/media_publish', { creation_id: '1' }, 't', z.unknown()));
    expect(error).toMatchObject({ kind: 'network', delivery: 'maybe_sent' });
  });
});
