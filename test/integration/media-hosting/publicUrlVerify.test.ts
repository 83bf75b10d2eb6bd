import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PublicUrlMediaHost } from '../../../src-main/media/hosting/publicUrl';
import { closedPort, startServer } from './helpers';

let server: Awaited<ReturnType<typeof startServer>>;
let base: string;
const seenRanges: Array<string | undefined> = [];
/** Settles when the client hangs up on /endless.mp4: true if the body was still unfinished then. */
let endlessAbandoned: Promise<boolean>;

beforeAll(async () => {
  server = await startServer((request, response) => {
    seenRanges.push(request.headers.range);
    if (request.url === '/photo.jpg') response.writeHead(200, { 'Content-Type': 'image/jpeg' }).end(Buffer.alloc(4096));
    else if (request.url === '/clip.mp4') response.writeHead(206, { 'Content-Type': 'video/mp4' }).end(Buffer.alloc(1024));
    else if (request.url === '/endless.mp4') {
      // A huge video: the check must stop after the first bytes, not wait for the rest.
      endlessAbandoned = new Promise((resolve) => response.on('close', () => resolve(!response.writableEnded)));
      response.writeHead(200, { 'Content-Type': 'video/mp4' });
      response.write(Buffer.alloc(2048));
    } else if (request.url === '/page') response.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>');
    else response.writeHead(404).end();
  });
  base = `http://127.0.0.1:${server.port}`;
});

afterAll(() => server.close());

describe('PublicUrlMediaHost.verify', () => {
  const host = new PublicUrlMediaHost();

  it('accepts a link that answers with an image or a video, asking only for the first bytes', async () => {
    await host.verify(`${base}/photo.jpg`);
    await host.verify(`${base}/clip.mp4`);
    expect(seenRanges.slice(0, 2)).toEqual(['bytes=0-1023', 'bytes=0-1023']);
  });

  it('reads only the first bytes of a link that ignores the range, then hangs up', async () => {
    await expect(host.verify(`${base}/endless.mp4`)).resolves.toBeUndefined();
    // The server never ends this body: only a client that stops reading and closes gets here.
    await expect(endlessAbandoned).resolves.toBe(true);
  });

  it.each([
    ['/page', 'text/html'],
    ['/missing.jpg', 'HTTP 404'],
  ])('refuses %s, saying why (%s)', async (path, reason) => {
    await expect(host.verify(base + path)).rejects.toMatchObject({
      error: { code: 'hosting_media_unavailable', detail: expect.stringContaining(reason) },
    });
  });

  it('refuses a link where nothing answers', async () => {
    await expect(host.verify(`http://127.0.0.1:${await closedPort()}/a.jpg`)).rejects.toMatchObject({
      error: { code: 'hosting_media_unavailable', detail: 'No answer (ECONNREFUSED).' },
    });
  });
});
