import { describe, expect, it, vi } from 'vitest';
import {
  bridgeUnreachable,
  createHttpBridge,
  createPreloadBridge,
  takeTokenFromUrl,
  toResult,
} from '../../../src-renderer/bridge';
import type { EventSourceLike } from '../../../src-renderer/bridge';
import { errorCatalog } from '../../../src-shared/errors';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

class FakeEventSource implements EventSourceLike {
  listeners = new Map<string, Set<(event: MessageEvent) => void>>();
  closed = false;
  constructor(public url: string) {}
  addEventListener(type: string, listener: (event: MessageEvent) => void) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(listener);
  }
  removeEventListener(type: string, listener: (event: MessageEvent) => void) {
    this.listeners.get(type)?.delete(listener);
  }
  close() {
    this.closed = true;
  }
  fire(type: string, data?: string) {
    for (const l of this.listeners.get(type) ?? []) l({ data } as MessageEvent);
  }
}

describe('toResult', () => {
  it('passes a success through whatever the status', () => {
    expect(toResult({ ok: true, value: [1] }, 200)).toEqual({ ok: true, value: [1] });
  });

  it('keeps a well-formed error body even on 4xx', () => {
    const body = { ok: false, error: { code: 'invalid_request', message: 'Nope.', detail: 'accountId' } };
    expect(toResult(body, 400)).toEqual({
      ok: false,
      error: { code: 'invalid_request', message: 'Nope.', action: errorCatalog.invalid_request.action, detail: 'accountId' },
    });
  });

  it('keeps each reason with its field, and drops reasons that are not well formed', () => {
    const problems = [{ field: 'caption', message: 'Too long.' }, { field: null, message: 'About the post.' }, { field: 3, message: 'x' }, { field: 'media.0' }, 'nope'];
    const result = toResult({ ok: false, error: { code: 'post_invalid', message: 'Refused.', problems } }, 200);
    expect(!result.ok && result.error.problems).toEqual([
      { field: 'caption', message: 'Too long.' },
      { field: null, message: 'About the post.' },
    ]);
  });

  it('fills a missing message from the catalog', () => {
    const result = toResult({ ok: false, error: { code: 'scope_rejected' } }, 200);
    expect(result).toEqual({
      ok: false,
      error: { code: 'scope_rejected', message: errorCatalog.scope_rejected.message, action: errorCatalog.scope_rejected.action },
    });
  });

  it('maps bodies that are not a Result by status', () => {
    const unauthorized = toResult(undefined, 401);
    expect(unauthorized.ok).toBe(false);
    if (!unauthorized.ok) expect(unauthorized.error.code).toBe('invalid_request');
    const tooLarge = toResult('<html>', 413);
    if (!tooLarge.ok) expect(tooLarge.error.message).toMatch(/too large/);
    const crashed = toResult({ unexpected: true }, 502);
    if (!crashed.ok) expect(crashed.error.code).toBe('internal_error');
    expect(toResult({ ok: true }, 200).ok).toBe(false); // no value: not a Result
  });
});

describe('takeTokenFromUrl', () => {
  it('returns the token and the address without it, keeping everything else', () => {
    expect(takeTokenFromUrl('http://127.0.0.1:5000/?token=abc123&x=1#settings')).toEqual({
      token: 'abc123',
      cleanedUrl: 'http://127.0.0.1:5000/?x=1#settings',
    });
    expect(takeTokenFromUrl('http://127.0.0.1:5000/?token=')).toEqual({ token: null, cleanedUrl: 'http://127.0.0.1:5000/' });
    expect(takeTokenFromUrl('file:///app/index.html').token).toBeNull();
  });
});

describe('HTTP bridge', () => {
  it('POSTs JSON to /api/<channel> with the bearer token', async () => {
    const fetch = vi.fn(async () => jsonResponse(200, { ok: true, value: [] }));
    const bridge = createHttpBridge({ token: 'tok', fetch });
    await expect(bridge.invoke('accounts.list', {})).resolves.toEqual({ ok: true, value: [] });
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/accounts.list');
    expect(init.method).toBe('POST');
    expect((init.headers as Record<string, string>).Authorization).toBe('Bearer tok');
    expect(init.body).toBe('{}');
  });

  it('returns the error body of a 4xx as the Result', async () => {
    const body = { ok: false, error: { code: 'invalid_request', message: 'Bad input.' } };
    const bridge = createHttpBridge({ token: 'tok', fetch: async () => jsonResponse(400, body) });
    const result = await bridge.invoke('accounts.disconnect', { accountId: 'x' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_request', message: 'Bad input.' } });
  });

  it('turns a network failure into a network_error value, never a rejection', async () => {
    const bridge = createHttpBridge({
      token: 'tok',
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    await expect(bridge.invoke('app.info', {})).resolves.toEqual({ ok: false, error: bridgeUnreachable() });
    expect(bridgeUnreachable().code).toBe('network_error');
  });

  it('handles a non-JSON body', async () => {
    const bridge = createHttpBridge({ token: 'tok', fetch: async () => new Response('Bad Gateway', { status: 502 }) });
    const result = await bridge.invoke('app.info', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal_error' } });
  });

  it('without a token (after a reload, in a second tab) the session cookie speaks for the page; a refusal says to open the printed address', async () => {
    const fetch = vi.fn(async () => jsonResponse(401, { ok: false, error: { code: 'invalid_request', message: 'Missing or wrong token.' } }));
    const bridge = createHttpBridge({ token: null, fetch });
    const result = await bridge.invoke('app.info', {});
    const [, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(init.credentials).toBe('same-origin');
    expect(init.headers).not.toHaveProperty('Authorization');
    expect(result).toMatchObject({ ok: false, error: { action: expect.stringContaining('?token=') } });
  });

  it('delivers named SSE events, drops malformed ones, and unsubscribes', () => {
    const sources: FakeEventSource[] = [];
    const bridge = createHttpBridge({
      token: 'a b',
      fetch: vi.fn(),
      openEventSource: (url) => {
        const s = new FakeEventSource(url);
        sources.push(s);
        return s;
      },
    });
    const seen: unknown[] = [];
    const off = bridge.on('connect.finished', (payload) => seen.push(payload));
    expect(sources).toHaveLength(1);
    expect(sources[0]!.url).toBe('/api/events?token=a%20b');
    sources[0]!.fire('connect.finished', JSON.stringify({ attemptId: '1', ok: true }));
    sources[0]!.fire('connect.finished', '{not json');
    sources[0]!.fire('accounts.changed', JSON.stringify({ reason: 'connected' }));
    expect(seen).toEqual([{ attemptId: '1', ok: true }]);
    off();
    expect(sources[0]!.closed).toBe(true);
  });

  it('after the stream reconnects, asks listeners to re-fetch', () => {
    let source: FakeEventSource | undefined;
    const bridge = createHttpBridge({
      token: 't',
      fetch: vi.fn(),
      openEventSource: (url) => (source = new FakeEventSource(url)),
    });
    const changed = vi.fn();
    const postsChanged = vi.fn();
    bridge.on('accounts.changed', changed);
    bridge.on('posts.changed', postsChanged);
    source!.fire('open');
    expect(changed).not.toHaveBeenCalled();
    source!.fire('error');
    source!.fire('open');
    expect(changed).toHaveBeenCalledTimes(1);
    // Without a postId, so the posts store reads the whole list again.
    expect(postsChanged).toHaveBeenCalledWith({});
  });
});

describe('preload bridge', () => {
  it('passes results through and maps a rejection to a value', async () => {
    const ok = createPreloadBridge({ invoke: async () => ({ ok: true, value: { removed: true } }), on: () => () => {}, pathForFile: () => '', chooseExportPath: async () => null, revealMedia: async () => null });
    await expect(ok.invoke('accounts.disconnect', { accountId: 'x' })).resolves.toEqual({ ok: true, value: { removed: true } });
    const broken = createPreloadBridge({
      invoke: async () => {
        throw new Error('IPC gone');
      },
      on: () => () => {},
      pathForFile: () => '',
      chooseExportPath: async () => null,
      revealMedia: async () => null,
    });
    await expect(broken.invoke('app.info', {})).resolves.toMatchObject({ ok: false, error: { code: 'network_error' } });
  });

  it('asks the main process to show a library file in its folder, and answers a Result whatever came back', async () => {
    const answers: unknown[] = [{ ok: true, value: null }, { ok: false, error: { code: 'media_not_found', message: 'x' } }];
    const revealMedia = vi.fn(async () => answers.shift());
    const bridge = createPreloadBridge({ invoke: async () => null, on: () => () => {}, pathForFile: () => '', chooseExportPath: async () => null, revealMedia });
    await expect(bridge.files!.revealMedia('m1')).resolves.toEqual({ ok: true, value: null });
    expect(revealMedia).toHaveBeenCalledWith('m1');
    await expect(bridge.files!.revealMedia('m1')).resolves.toMatchObject({ ok: false, error: { code: 'media_not_found' } });
    revealMedia.mockRejectedValueOnce(new Error('IPC gone'));
    await expect(bridge.files!.revealMedia('m1')).resolves.toMatchObject({ ok: false, error: { code: 'network_error' } });
  });
});

describe('importing a picked or dropped file', () => {
  const item = { id: 'm1', name: 'photo.jpg', kind: 'image', width: 1080, height: 1080, bytes: 3, durationMs: null, warnings: [] };

  it('the browser host uploads the bytes with the token and the name, and reads the import result', async () => {
    const fetch = vi.fn(async () => jsonResponse(200, { ok: true, value: item }));
    const bridge = createHttpBridge({ token: 'tok', fetch });
    const file = new File(['abc'], 'my photo.jpg');
    await expect(bridge.importFile(file)).resolves.toEqual({ ok: true, value: item });
    expect(fetch).toHaveBeenCalledWith('/api/upload/media?name=my%20photo.jpg', expect.objectContaining({ method: 'POST', body: file, headers: expect.objectContaining({ Authorization: 'Bearer tok' }) }));
  });

  it('the desktop imports the file by its path on disk, and refuses a file that has none', async () => {
    const invoke = vi.fn(async () => ({ ok: true, value: item }));
    const bridge = createPreloadBridge({ invoke, on: () => () => {}, pathForFile: (file) => (file.name === 'photo.jpg' ? '/home/maya/photo.jpg' : ''), chooseExportPath: async () => null, revealMedia: async () => null });
    await expect(bridge.importFile(new File(['abc'], 'photo.jpg'))).resolves.toEqual({ ok: true, value: item });
    expect(invoke).toHaveBeenCalledWith('media.import', { path: '/home/maya/photo.jpg' });
    const refused = await bridge.importFile(new File(['abc'], 'pasted.png'));
    expect(refused.ok).toBe(false);
    expect(invoke).toHaveBeenCalledTimes(1);
  });
});

describe('addresses of library pictures', () => {
  const id = '313d30b1-5b7e-4c1e-9a51-0f2b8e2d6c11';
  it('the browser host: its media route, the token never in an <img> address (the session cookie goes with it)', () => {
    const bridge = createHttpBridge({ token: 't/k', fetch: async () => new Response() });
    expect(bridge.mediaUrl({ mediaId: id, variant: 'thumb' })).toBe(`/api/media/${id}/thumb`);
    expect(bridge.mediaUrl({ mediaId: id, variant: 'frame', atMs: 1234 })).toBe(`/api/media/${id}/frame?at=1200`);
  });
  it('the desktop: its media scheme', () => {
    const bridge = createPreloadBridge({ invoke: async () => null, on: () => () => {}, pathForFile: () => '', chooseExportPath: async () => null, revealMedia: async () => null });
    expect(bridge.mediaUrl({ mediaId: id, variant: 'large' })).toBe(`postdeck-media://media/${id}/large`);
  });
});
