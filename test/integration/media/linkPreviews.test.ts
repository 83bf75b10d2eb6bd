import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { LookupAddress } from 'node:dns';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { guardedLookup, isReachableAddress, LINK_MAX_BYTES, linkAddressProblem, LinkPreviews } from '../../../src-main/media/linkPreviews';

describe('which pasted addresses Postdeck fetches', () => {
  it('only public https addresses on the standard port, without a user name', () => {
    expect(linkAddressProblem('https://images.example.com/loaf.jpg', false)).toBeNull();
    expect(linkAddressProblem('http://images.example.com/loaf.jpg', false)).toBe('only https:// addresses are fetched');
    expect(linkAddressProblem('https://images.example.com:8443/loaf.jpg', false)).toBe('only the standard https port is fetched');
    expect(linkAddressProblem('https://me:secret@images.example.com/loaf.jpg', false)).toBe('it carries a user name or password');
    expect(linkAddressProblem('ftp://images.example.com/loaf.jpg', false)).toBe('only https:// addresses are fetched');
    expect(linkAddressProblem('not an address', false)).toBe('it is not a web address');
  });

  it('never an address on this computer or the local network, written as a number', () => {
    for (const host of ['127.0.0.1', '10.1.2.3', '172.20.0.1', '192.168.1.10', '169.254.169.254', '100.64.0.1', '0.0.0.0', '[::1]', '[fd00::1]', '[fe80::1]', '[::ffff:127.0.0.1]', '[::ffff:10.0.0.1]']) {
      expect(linkAddressProblem(`https://${host}/a.jpg`, false), host).toBe('it points into a private network');
    }
    expect(linkAddressProblem('https://93.184.216.34/a.jpg', false)).toBeNull();
  });

  it('in tests, this computer over http at any port, and still nothing else private', () => {
    expect(linkAddressProblem('http://localhost:4173/a.jpg', true)).toBeNull();
    expect(linkAddressProblem('http://127.0.0.1:4173/a.jpg', true)).toBeNull();
    expect(linkAddressProblem('http://10.0.0.1/a.jpg', true)).toBe('only https:// addresses are fetched');
    expect(linkAddressProblem('https://192.168.0.1/a.jpg', true)).toBe('it points into a private network');
    expect(isReachableAddress('::1', true)).toBe(true);
    expect(isReachableAddress('169.254.169.254', true)).toBe(false);
  });

  it('a host name is refused when it resolves to a private address (checked at connect, so a second answer cannot swap it in)', async () => {
    const resolveTo = (addresses: LookupAddress[]) => ((_host: string, _options: object, callback: (error: null, all: LookupAddress[]) => void) => callback(null, addresses)) as never;
    const ask = (lookup: ReturnType<typeof guardedLookup>) =>
      new Promise<{ error: NodeJS.ErrnoException | null; address: unknown }>((resolve) => lookup('images.example.com', {}, (error, address) => resolve({ error, address })));
    expect(await ask(guardedLookup(false, resolveTo([{ address: '93.184.216.34', family: 4 }])))).toEqual({ error: null, address: '93.184.216.34' });
    expect((await ask(guardedLookup(false, resolveTo([{ address: '93.184.216.34', family: 4 }, { address: '10.0.0.5', family: 4 }])))).error).toMatchObject({ code: 'EPRIVATE' });
    expect((await ask(guardedLookup(false, resolveTo([{ address: '127.0.0.1', family: 4 }])))).error).toMatchObject({ code: 'EPRIVATE' });
    expect((await ask(guardedLookup(true, resolveTo([{ address: '127.0.0.1', family: 4 }])))).error).toBeNull();
  });
});

describe('a pasted picture fetched for the preview', () => {
  let folder: string;
  let server: Server;
  let base: string;
  let routes: Record<string, (request: IncomingMessage, response: ServerResponse) => void>;

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'postdeck-links-'));
    routes = {};
    server = createServer((request, response) => (routes[request.url ?? ''] ?? ((_q, r) => r.writeHead(404).end()))(request, response));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://localhost:${(server.address() as { port: number }).port}`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    server.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const png = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: '#d9822b' } }).png().toBuffer();
  const serve = (type: string, body: Buffer | string) => (_request: IncomingMessage, response: ServerResponse) => response.writeHead(200, { 'content-type': type }).end(body);
  const links = (options: Partial<ConstructorParameters<typeof LinkPreviews>[0]> = {}) => new LinkPreviews({ folder, allowLoopback: true, ...options });
  const refused = (sentence: string) => ({ code: 'link_preview_failed', error: expect.objectContaining({ detail: sentence }) });

  it('makes a JPEG of the picture, its shape kept, served by its id; the same address is fetched once', async () => {
    let fetched = 0;
    const picture = await png(1600, 900);
    routes['/loaf.png'] = (request, response) => {
      fetched += 1;
      serve('image/png', picture)(request, response);
    };
    const previews = links();
    const made = await previews.make(`${base}/loaf.png`);
    expect(made).toMatchObject({ previewId: expect.stringMatching(/^[0-9a-f]{64}$/), width: 1080, height: 608 });
    const file = await previews.file(made.previewId);
    expect(await sharp(file!.path).metadata()).toMatchObject({ format: 'jpeg', width: 1080, height: 608 });
    expect(await previews.make(`${base}/loaf.png`)).toEqual(made);
    expect(fetched).toBe(1);
    expect(await previews.file('../../etc/passwd')).toBeNull();
  });

  it('follows up to three redirects, and refuses a fourth or one into a private network', async () => {
    const picture = await png(40, 50);
    routes['/final.png'] = serve('image/png', picture);
    for (const step of [1, 2, 3, 4]) routes[`/hop${step}`] = (_q, r) => r.writeHead(302, { location: step === 1 ? '/final.png' : `/hop${step - 1}` }).end();
    expect((await links().make(`${base}/hop3`)).width).toBe(40);
    await expect(links().make(`${base}/hop4`)).rejects.toMatchObject(refused(`Couldn't load a preview from ${new URL(base).host}: it redirected more than 3 times.`));
    routes['/inside'] = (_q, r) => r.writeHead(301, { location: 'https://10.0.0.1/secret.png' }).end();
    await expect(links().make(`${base}/inside`)).rejects.toMatchObject(refused(`Couldn't load a preview from ${new URL(base).host}: it points into a private network.`));
  });

  it('refuses what is not a picture, an error answer, too many bytes and a host that does not answer, with the reason', async () => {
    const host = new URL(base).host;
    routes['/page'] = serve('text/html', '<html></html>');
    routes['/fake.png'] = serve('image/png', 'not really a picture');
    routes['/huge-declared'] = (_q, r) => r.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': String(LINK_MAX_BYTES + 1) }).end();
    routes['/huge-streamed'] = (_q, r) => {
      r.writeHead(200, { 'content-type': 'image/jpeg' });
      const chunk = Buffer.alloc(1024 * 1024);
      for (let i = 0; i <= LINK_MAX_BYTES / chunk.length; i++) r.write(chunk);
      r.end();
    };
    routes['/silent'] = () => {};
    await expect(links().make(`${base}/page`)).rejects.toMatchObject(refused(`Couldn't load a preview from ${host}: it is not a picture (text/html).`));
    await expect(links().make(`${base}/missing.png`)).rejects.toMatchObject(refused(`Couldn't load a preview from ${host}: it answered HTTP 404.`));
    await expect(links().make(`${base}/fake.png`)).rejects.toMatchObject(refused(`Couldn't load a preview from ${host}: the picture could not be read.`));
    await expect(links().make(`${base}/huge-declared`)).rejects.toMatchObject(refused(`Couldn't load a preview from ${host}: it is larger than 20 MB.`));
    await expect(links().make(`${base}/huge-streamed`)).rejects.toMatchObject(refused(`Couldn't load a preview from ${host}: it is larger than 20 MB.`));
    await expect(links({ timeoutMs: 300 }).make(`${base}/silent`)).rejects.toMatchObject(refused(`Couldn't load a preview from ${host}: it did not answer within 0.3 seconds.`));
  });

  it('outside tests, a server on this computer is never reached, by number or by name', async () => {
    routes['/loaf.png'] = serve('image/png', await png(10, 10));
    await expect(links({ allowLoopback: false }).make(`${base}/loaf.png`)).rejects.toMatchObject(refused(`Couldn't load a preview from ${new URL(base).host}: only https:// addresses are fetched.`));
    await expect(links({ allowLoopback: false }).make('https://localhost/loaf.png')).rejects.toMatchObject(refused("Couldn't load a preview from localhost: it points into a private network."));
  });
});
