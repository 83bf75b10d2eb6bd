import { describe, expect, it, vi } from 'vitest';
import { mediaSchemeResponse } from '../../../src-main/electron/mediaProtocol';
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
  const picture = { ok: true as const, value: { path: '/data/media/previews/x-thumb.jpg', contentType: 'image/jpeg' as const, bytes: 4 } };

  it('serves the library picture the address names, read from its file', async () => {
    const app = { mediaPreview: vi.fn(async () => picture) };
    const readFile = vi.fn(async () => new Response('jpeg'));
    const response = await mediaSchemeResponse(`postdeck-media://media/${ID}/thumb`, app, readFile);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect(await response.text()).toBe('jpeg');
    expect(app.mediaPreview).toHaveBeenCalledWith({ mediaId: ID, variant: 'thumb' });
    expect(readFile).toHaveBeenCalledWith('file:///data/media/previews/x-thumb.jpg');
  });

  it('answers 404 without asking the library for another host, a path escape or an unknown id', async () => {
    const app = { mediaPreview: vi.fn(async () => ({ ok: false as const, error: appError('media_not_found') })) };
    const readFile = vi.fn(async () => new Response('secret'));
    for (const url of [`postdeck-media://elsewhere/${ID}/thumb`, 'postdeck-media://media/../../etc/passwd', `postdeck-media://media/%2e%2e%2f${ID}/thumb`, 'not a url']) {
      expect((await mediaSchemeResponse(url, app, readFile)).status, url).toBe(404);
    }
    expect(app.mediaPreview).not.toHaveBeenCalled();
    expect((await mediaSchemeResponse(`postdeck-media://media/${ID}/thumb`, app, readFile)).status).toBe(404);
    expect(readFile).not.toHaveBeenCalled();
  });

  it('answers 500 when the picture cannot be made', async () => {
    const app = { mediaPreview: vi.fn(async () => ({ ok: false as const, error: appError('media_ffmpeg_failed') })) };
    expect((await mediaSchemeResponse(`postdeck-media://media/${ID}/frame?at=100`, app, vi.fn())).status).toBe(500);
  });
});

describe('the page’s image policy', () => {
  it('allows Instagram’s CDNs, the loopback Sandbox and the media scheme, and no other host', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("img-src 'self' data: blob: postdeck-media: https://*.cdninstagram.com https://*.fbcdn.net http://127.0.0.1:*;");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/img-src[^;]*https:(?!\/\/)/);
    expect(isAllowedImageUrl('https://scontent-cdg4-1.cdninstagram.com/v/t51/1.jpg?x=1')).toBe(true);
    expect(isAllowedImageUrl('https://scontent.xx.fbcdn.net/v/2.jpg')).toBe(true);
    expect(isAllowedImageUrl('http://127.0.0.1:5173/media/abc')).toBe(true);
    for (const url of ['https://cdn.example.com/a.jpg', 'https://cdninstagram.com.evil.com/a.jpg', 'https://evilfbcdn.net/a.jpg', 'http://scontent.cdninstagram.com/a.jpg', 'http://localhost.evil/a.jpg', 'https://u:p@x.fbcdn.net/a.jpg', 'nope']) {
      expect(isAllowedImageUrl(url), url).toBe(false);
    }
  });
});
