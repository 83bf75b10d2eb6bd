import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mediaSchemeResponse, serveMediaScheme } from '../../../src-main/electron/mediaProtocol';
import { appError } from '../../../src-shared/errors';
import { isAllowedImageUrl, CONTENT_SECURITY_POLICY } from '../../../src-shared/csp';
import { mediaPreviewPath, parseMediaPreview } from '../../../src-shared/mediaPreview';

const ID = '313d30b1-5b7e-4c1e-9a51-0f2b8e2d6c11';
const parse = (tail: string, query = '') => parseMediaPreview(tail, new URLSearchParams(query));

describe('the media address (both hosts)', () => {
  it('names one library item and one variant', () => {
    expect(parse(`${ID}/thumb`)).toEqual({ mediaId: ID, variant: 'thumb' });
    expect(parse(`${ID}/large`)).toEqual({ mediaId: ID, variant: 'large' });
    expect(parse(`${ID}/frame`, 'at=1250')).toEqual({ mediaId: ID, variant: 'frame', atMs: 1300 });
    expect(parse(`${ID}/video`)).toEqual({ mediaId: ID, variant: 'video' });
  });

  it('refuses anything that could climb out of the media folder or name another file', () => {
    for (const tail of ['../thumb', `../${ID}/thumb`, `${ID}/../thumb`, '%2e%2e/thumb', '%2e%2e%2fsecret/thumb', `..%2F${ID}/thumb`, `.${ID}/thumb`, `${ID}.mp4/thumb`, `${ID}%00/thumb`, '/thumb', `${ID}/thumb/x`, `${ID}\\..\\x/thumb`, '%E0%A4%A/thumb']) {
      expect(parse(tail), tail).toBeNull();
    }
  });

  it('refuses unknown variants and frames without a whole, possible moment', () => {
    expect(parse(`${ID}/original`)).toBeNull();
    expect(parse(`${ID}/frame`)).toBeNull();
    expect(parse(`${ID}/frame`, 'at=-5')).toBeNull();
    expect(parse(`${ID}/frame`, 'at=1.5')).toBeNull();
    expect(parse(`${ID}/frame`, 'at=900001')).toBeNull();
  });

  it('is what the renderer builds', () => {
    const url = new URL(`postdeck-media://media/${mediaPreviewPath({ mediaId: ID, variant: 'frame', atMs: 2049 })}`);
    expect(url.search).toBe('?at=2000');
    expect(parseMediaPreview(url.pathname.slice(1), url.searchParams)).toEqual({ mediaId: ID, variant: 'frame', atMs: 2000 });
  });
});

describe('the desktop media scheme', () => {
  let folder: string;
  let file: string;
  const BYTES = '0123456789abcdefghij';
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'postdeck-scheme-'));
    file = join(folder, 'reel.mp4');
    writeFileSync(file, BYTES);
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  const served = (contentType = 'image/jpeg') => ({ mediaPreview: vi.fn(async () => ({ ok: true as const, value: { path: file, contentType, bytes: BYTES.length } })) });
  const ask = (url: string, app: Parameters<typeof mediaSchemeResponse>[1], range?: string) => mediaSchemeResponse({ url, headers: new Headers(range ? { range } : {}) }, app);

  it('serves the library picture the address names, streamed from its file', async () => {
    const app = served();
    const response = await ask(`postdeck-media://media/${ID}/thumb`, app);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect(response.headers.get('accept-ranges')).toBe('bytes');
    expect(response.headers.get('content-length')).toBe(String(BYTES.length));
    expect(await response.text()).toBe(BYTES);
    expect(app.mediaPreview).toHaveBeenCalledWith({ mediaId: ID, variant: 'thumb' });
  });

  it('serves a video by byte range, so a <video> can seek: a slice, an open end, a suffix, and 416 past the end', async () => {
    const app = served('video/mp4');
    const slice = await ask(`postdeck-media://media/${ID}/video`, app, 'bytes=2-5');
    expect(app.mediaPreview).toHaveBeenCalledWith({ mediaId: ID, variant: 'video' });
    expect([slice.status, slice.headers.get('content-range'), slice.headers.get('content-length'), slice.headers.get('content-type')]).toEqual([206, 'bytes 2-5/20', '4', 'video/mp4']);
    expect(await slice.text()).toBe('2345');
    const openEnd = await ask(`postdeck-media://media/${ID}/video`, app, 'bytes=15-');
    expect([openEnd.status, openEnd.headers.get('content-range'), await openEnd.text()]).toEqual([206, 'bytes 15-19/20', 'fghij']);
    const suffix = await ask(`postdeck-media://media/${ID}/video`, app, 'bytes=-3');
    expect([suffix.status, suffix.headers.get('content-range'), await suffix.text()]).toEqual([206, 'bytes 17-19/20', 'hij']);
    const pastEnd = await ask(`postdeck-media://media/${ID}/video`, app, 'bytes=20-30');
    expect([pastEnd.status, pastEnd.headers.get('content-range'), await pastEnd.text()]).toEqual([416, 'bytes */20', '']);
    // Not one byte range (several, another unit): the whole file, as the RFC allows.
    for (const range of ['bytes=0-1,4-5', 'items=0-1', 'bytes=5-2']) {
      const whole = await ask(`postdeck-media://media/${ID}/video`, app, range);
      expect([whole.status, await whole.text()], range).toEqual([200, BYTES]);
    }
  });

  it('answers 404 without asking the library for another host, a path escape or an unknown id', async () => {
    const app = { mediaPreview: vi.fn(async () => ({ ok: false as const, error: appError('media_not_found') })) };
    for (const url of [`postdeck-media://elsewhere/${ID}/thumb`, 'postdeck-media://media/../../etc/passwd', `postdeck-media://media/%2e%2e%2f${ID}/video`, 'not a url']) {
      expect((await ask(url, app)).status, url).toBe(404);
    }
    expect(app.mediaPreview).not.toHaveBeenCalled();
    expect((await ask(`postdeck-media://media/${ID}/video`, app)).status).toBe(404);
  });

  it('answers 500 when the picture cannot be made', async () => {
    const app = { mediaPreview: vi.fn(async () => ({ ok: false as const, error: appError('media_ffmpeg_failed') })) };
    expect((await ask(`postdeck-media://media/${ID}/frame?at=100`, app)).status).toBe(500);
  });

  it('is handled in the given session with the request’s range, and unhandled by the undo', async () => {
    let handler: ((request: Request) => Promise<Response>) | undefined;
    const session = { protocol: { handle: vi.fn((_scheme: string, handle: typeof handler) => void (handler = handle)), unhandle: vi.fn() } };
    const undo = serveMediaScheme(session as unknown as Parameters<typeof serveMediaScheme>[0], served('video/mp4'));
    expect(session.protocol.handle).toHaveBeenCalledWith('postdeck-media', expect.any(Function));
    const response = await handler!(new Request(`postdeck-media://media/${ID}/video`, { headers: { range: 'bytes=0-0' } }));
    expect([response.status, await response.text()]).toEqual([206, '0']);
    undo();
    expect(session.protocol.unhandle).toHaveBeenCalledWith('postdeck-media');
  });
});

describe('the page’s image policy', () => {
  it('allows Instagram’s CDNs, the loopback Sandbox and the media scheme, and no other host', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("img-src 'self' data: blob: postdeck-media: https://*.cdninstagram.com https://*.fbcdn.net http://127.0.0.1:*;");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/img-src[^;]*https:(?!\/\/)/);
    // Videos play only from the library: the page's own media route and the desktop's scheme.
    expect(CONTENT_SECURITY_POLICY).toContain("media-src 'self' postdeck-media:;");
    expect(isAllowedImageUrl('https://scontent-cdg4-1.cdninstagram.com/v/t51/1.jpg?x=1')).toBe(true);
    expect(isAllowedImageUrl('https://scontent.xx.fbcdn.net/v/2.jpg')).toBe(true);
    expect(isAllowedImageUrl('http://127.0.0.1:5173/media/abc')).toBe(true);
    for (const url of ['https://cdn.example.com/a.jpg', 'https://cdninstagram.com.evil.com/a.jpg', 'https://evilfbcdn.net/a.jpg', 'http://scontent.cdninstagram.com/a.jpg', 'http://localhost.evil/a.jpg', 'https://u:p@x.fbcdn.net/a.jpg', 'nope']) {
      expect(isAllowedImageUrl(url), url).toBe(false);
    }
  });
});
