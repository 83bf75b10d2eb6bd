import { randomBytes } from 'node:crypto';
import { unlink } from 'node:fs/promises';
import { Agent, request, type Dispatcher } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY } from '../../../src-main/config/clock';
import { ManualClock } from '../../../src-main/config/manualClock';
import { silentLogger } from '../../../src-main/config/logger';
import { TunnelMediaHost } from '../../../src-main/media/hosting/tunnel';
import type { MediaFetch } from '../../../src-main/media/hosting/types';
import { closedPort, startServer, tempDir, writeMedia } from './helpers';

const owner = { postId: 'post-7', itemIndex: 2 };
const bytes = randomBytes(5_000);

let dir: Awaited<ReturnType<typeof tempDir>>;
let clock: ManualClock;
let fetches: MediaFetch[];
let hosts: TunnelMediaHost[];
let file: { path: string; contentType: string; bytes: number };

async function makeHost(options: { port?: number; basePath?: string; publicBaseUrl?: string } = {}) {
  const localPort = options.port ?? (await closedPort());
  const host = new TunnelMediaHost({
    settings: { kind: 'tunnel', localPort, publicBaseUrl: options.publicBaseUrl ?? `http://127.0.0.1:${localPort}${options.basePath ?? ''}` },
    clock,
    logger: silentLogger,
    onFetch: (fetch) => fetches.push(fetch),
  });
  hosts.push(host);
  return { host, origin: `http://127.0.0.1:${localPort}` };
}

async function call(url: string, init: { method?: string; headers?: Record<string, string> } = {}) {
  const response = await request(url, { method: (init.method ?? 'GET') as 'GET', headers: { 'user-agent': 'facebookexternalhit/1.1', ...init.headers } });
  const body = Buffer.from(await response.body.arrayBuffer());
  return { status: response.statusCode, headers: response.headers, body };
}

async function failureCode(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught as { name?: string; error?: { code: string } },
  );
  expect(error?.name).toBe('PostdeckFailure');
  return error?.error?.code ?? 'none';
}

beforeEach(async () => {
  dir = await tempDir();
  clock = new ManualClock(Date.UTC(2026, 5, 1, 12));
  fetches = [];
  hosts = [];
  file = { path: await writeMedia(dir.path, 'photo.jpg', bytes), contentType: 'image/jpeg', bytes: bytes.length };
});

afterEach(async () => {
  await Promise.all(hosts.map((host) => host.stop()));
  await dir.remove();
});

describe('TunnelMediaHost', () => {
  it('serves a published file under an unguessable path of the public base URL and reports the fetch', async () => {
    const { host, origin } = await makeHost();
    const hosted = await host.publish(file, owner);

    expect(hosted.url).toMatch(new RegExp(`^${origin}/[A-Za-z0-9_-]{43}\\.jpg$`));
    const response = await call(hosted.url);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('image/jpeg');
    expect(response.headers['content-length']).toBe(String(bytes.length));
    expect(response.body.equals(bytes)).toBe(true);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(fetches).toEqual([{ ...owner, at: clock.now(), userAgent: 'facebookexternalhit/1.1', method: 'GET', status: 200 }]);
  });

  it('answers HEAD with the headers and no body', async () => {
    const { host } = await makeHost();
    const hosted = await host.publish(file, owner);
    const response = await call(hosted.url, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers['content-length']).toBe(String(bytes.length));
    expect(response.body.length).toBe(0);
    expect(fetches.map((fetch) => fetch.method)).toEqual(['HEAD']);
  });

  it('serves byte ranges', async () => {
    const { host } = await makeHost();
    const hosted = await host.publish(file, owner);
    const partial = await call(hosted.url, { headers: { range: 'bytes=100-199' } });
    expect(partial.status).toBe(206);
    expect(partial.headers['content-range']).toBe(`bytes 100-199/${bytes.length}`);
    expect(partial.body.equals(bytes.subarray(100, 200))).toBe(true);
    const tail = await call(hosted.url, { headers: { range: 'bytes=-10' } });
    expect(tail.body.equals(bytes.subarray(bytes.length - 10))).toBe(true);
    const beyond = await call(hosted.url, { headers: { range: `bytes=${bytes.length}-` } });
    expect(beyond.status).toBe(416);
  });

  it('answers 404 for /, unknown paths and paths one character off, and lists nothing', async () => {
    const { host, origin } = await makeHost();
    const hosted = await host.publish(file, owner);
    const name = new URL(hosted.url).pathname.slice(1);
    for (const path of ['/', '/favicon.ico', `/${name.slice(0, -1)}`, `/${name}/`, `/x/${name}`, `//${name}`]) {
      const response = await call(origin + path);
      expect(response.status, path).toBe(404);
      expect(response.body.length, path).toBe(0);
    }
    expect(fetches).toEqual([]);
  });

  it('refuses every method but GET and HEAD', async () => {
    const { host } = await makeHost();
    const hosted = await host.publish(file, owner);
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
      expect((await call(hosted.url, { method })).status, method).toBe(405);
    }
    expect((await call(hosted.url)).status).toBe(200);
  });

  it('stops serving a path once it is released (twice is harmless), and after a restart by its ref', async () => {
    const { host } = await makeHost();
    const first = await host.publish(file, owner);
    const second = await host.publish(file, owner);
    await first.release();
    await first.release();
    await host.release(second.ref);
    expect((await call(first.url)).status).toBe(404);
    expect((await call(second.url)).status).toBe(404);
  });

  it('expires a path 24 hours after publishing on the injected clock', async () => {
    const { host } = await makeHost();
    const hosted = await host.publish(file, owner);
    clock.advance(DAY - 1);
    expect((await call(hosted.url)).status).toBe(200);
    clock.advance(1);
    expect((await call(hosted.url)).status).toBe(404);
    expect((await call(hosted.url, { method: 'HEAD' })).status).toBe(404);
  });

  it('serves an empty file', async () => {
    const { host } = await makeHost();
    const empty = { path: await writeMedia(dir.path, 'empty.jpg', Buffer.alloc(0)), contentType: 'image/jpeg', bytes: 0 };
    const response = await call((await host.publish(empty, owner)).url);
    expect(response.status).toBe(200);
    expect(response.headers['content-length']).toBe('0');
  });

  it('answers 404 when the file is gone from disk', async () => {
    const { host } = await makeHost();
    const hosted = await host.publish(file, owner);
    await unlink(file.path);
    expect((await call(hosted.url)).status).toBe(404);
  });

  it('accepts the base URL path with or without the prefix, for tunnels that strip it and those that do not', async () => {
    const { host, origin } = await makeHost({ basePath: '/media/' });
    const hosted = await host.publish(file, owner);
    const name = new URL(hosted.url).pathname.split('/').pop();
    expect(hosted.url).toBe(`${origin}/media/${name}`);
    expect((await call(`${origin}/media/${name}`)).status).toBe(200);
    expect((await call(`${origin}/${name}`)).status).toBe(200);
    expect((await call(`${origin}/other/${name}`)).status).toBe(404);
  });

  it('says plainly when the port is taken', async () => {
    const other = await startServer((_, response) => response.end('someone else'));
    const { host } = await makeHost({ port: other.port });
    expect(await failureCode(host.start())).toBe('hosting_port_in_use');
    await other.close();
    await host.start(); // the port is free again: a new attempt works
    expect((await call((await host.publish(file, owner)).url)).status).toBe(200);
  });

  it('listens on 127.0.0.1 only', async () => {
    const { host, origin } = await makeHost();
    await host.start();
    // Linux routes all of 127/8 to loopback: a server on every interface would answer 127.0.0.2 too.
    await expect(request(origin.replace('127.0.0.1', '127.0.0.2'))).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('stops listening on stop()', async () => {
    const { host, origin } = await makeHost();
    await host.start();
    await host.stop();
    await expect(request(origin)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  describe('check()', () => {
    it('passes when the public base URL reaches this server, without reporting the probe on any post', async () => {
      const { host } = await makeHost();
      await host.check();
      expect(fetches).toEqual([]);
    });

    it('stops serving the probe once the check is over', async () => {
      const probePaths: string[] = [];
      const recording = new Agent().compose((dispatch: Dispatcher['dispatch']) => (options, handler) => {
        probePaths.push(options.path);
        return dispatch(options, handler);
      });
      const localPort = await closedPort();
      const host = new TunnelMediaHost({
        settings: { kind: 'tunnel', localPort, publicBaseUrl: `http://127.0.0.1:${localPort}` },
        clock,
        logger: silentLogger,
        onFetch: () => {},
        dispatcher: recording,
      });
      hosts.push(host);
      await host.check();
      expect(probePaths).toHaveLength(1);
      expect((await call(`http://127.0.0.1:${localPort}${probePaths[0]}`)).status).toBe(404);
      await recording.close();
    });

    it('says the tunnel is unreachable when nothing answers at the public address', async () => {
      const { host } = await makeHost({ publicBaseUrl: `http://127.0.0.1:${await closedPort()}` });
      expect(await failureCode(host.check())).toBe('hosting_tunnel_unreachable');
    });

    it('says the tunnel does not forward when something else answers there', async () => {
      // A tunnel pointed at another local service: it answers 200, but not with our probe.
      const elsewhere = await startServer((_, response) => response.writeHead(200).end('another service'));
      const { host } = await makeHost({ publicBaseUrl: `http://127.0.0.1:${elsewhere.port}` });
      expect(await failureCode(host.check())).toBe('hosting_tunnel_not_forwarding');
      await elsewhere.close();
    });

    it('refuses a public base URL that is not https', async () => {
      const { host } = await makeHost({ publicBaseUrl: 'http://media.example.com' });
      expect(await failureCode(host.check())).toBe('hosting_url_not_https');
    });
  });
});
