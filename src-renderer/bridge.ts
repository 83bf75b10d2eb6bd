import { appError, errorCatalog } from '../src-shared/errors';
import type { AppError, ErrorCode, FieldProblem, Result } from '../src-shared/errors';
import type { EventMap, EventName, PostdeckBridgeApi } from '../src-shared/events';
import type { Channel, ChannelInput, ChannelOutput } from '../src-shared/ipc';
import { MEDIA_ROUTE, MEDIA_SCHEME, MEDIA_SCHEME_HOST, mediaPreviewPath, type MediaPreview } from '../src-shared/mediaPreview';

/**
 * One interface over the two hosts: the Electron preload (`window.postdeck`) or the browser host's
 * HTTP bridge. Every call resolves to the Result union; nothing here ever rejects.
 */
export interface Bridge {
  invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>;
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void;
  /** A file the user picked or dropped, into the media library: by its path on the desktop, uploaded on the browser host. */
  importFile(file: File): Promise<Result<ChannelOutput<'media.import'>>>;
  /** The address of a picture of an imported photo or video, for an <img> (the desktop's media scheme, the browser host's media route). */
  mediaUrl(preview: MediaPreview): string;
  /**
   * Desktop only (the browser host cannot see or choose paths): where to save an export, from the system's
   * Save dialog (null when cancelled), the path of a file the user picked, and a media library file shown in
   * its folder by the system's file manager.
   */
  files?: {
    chooseExportPath(suggestedName: string): Promise<string | null>;
    pathOf(file: File): string;
    revealMedia(mediaId: string): Promise<Result<null>>;
  };
  /** Browser host only (a page has no paths): the export arrives as a download, an import goes up as an upload. */
  transferFiles?: {
    /** `includeMessages`: direct messages go in only when the user ticked it. */
    download(passphrase: string, includeMessages: boolean): Promise<Result<ExportDownload>>;
    upload(file: File, passphrase: string): Promise<Result<ChannelOutput<'data.import'>>>;
  };
}

/** An export made for the browser: the sealed file, and what went into it. */
export interface ExportDownload {
  file: Blob;
  counts: Omit<ChannelOutput<'data.export'>, 'path'>;
}

/** The bridge itself could not be reached (host stopped, IPC broke). Not Instagram's fault. */
export function bridgeUnreachable(): AppError {
  return {
    ...appError('network_error'),
    message: 'Postdeck is not responding.',
    action: 'Make sure Postdeck is still running, then reload this window.',
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isKnownCode(code: string): code is ErrorCode {
  return Object.prototype.hasOwnProperty.call(errorCatalog, code);
}

function normalizeError(raw: Record<string, unknown>): AppError {
  const code = typeof raw.code === 'string' ? raw.code : 'internal_error';
  const known = isKnownCode(code) ? appError(code) : appError('internal_error');
  const error: AppError = {
    // Unknown codes pass through so a newer host's codes still reach the screen.
    code: code as ErrorCode,
    message: typeof raw.message === 'string' && raw.message ? raw.message : known.message,
  };
  const action = typeof raw.action === 'string' ? raw.action : known.action;
  if (action) error.action = action;
  if (typeof raw.detail === 'string' && raw.detail) error.detail = raw.detail;
  const problems = Array.isArray(raw.problems) ? raw.problems.filter(isRecord).flatMap(fieldProblem) : [];
  if (problems.length > 0) error.problems = problems;
  return error;
}

function fieldProblem(raw: Record<string, unknown>): FieldProblem[] {
  if (typeof raw.message !== 'string' || !(raw.field === null || typeof raw.field === 'string')) return [];
  return [{ field: raw.field, message: raw.message }];
}

function errorForStatus(status: number | undefined): AppError {
  if (status === 401 || status === 403) {
    return {
      ...appError('invalid_request'),
      message: 'Postdeck refused this page: it was opened without its access key, or Postdeck restarted since.',
      action: 'Open the full address that `npm run web` printed (it ends in ?token=…).',
    };
  }
  if (status === 413) return { ...appError('invalid_request'), message: 'That request was too large for Postdeck.' };
  if (status !== undefined && status >= 400 && status < 500) return appError('invalid_request');
  return appError('internal_error');
}

/**
 * Turns whatever came back (parsed JSON, or undefined when the body was not JSON) into the Result
 * union. A well-formed Result wins regardless of HTTP status; otherwise the status decides.
 */
export function toResult<T = unknown>(body: unknown, status?: number): Result<T> {
  // Refused access is said the same way whatever the host wrote: the page needs its address again.
  if (status === 401 || status === 403) return { ok: false, error: errorForStatus(status) };
  if (isRecord(body)) {
    if (body.ok === true && 'value' in body) return { ok: true, value: body.value as T };
    if (body.ok === false && isRecord(body.error)) return { ok: false, error: normalizeError(body.error) };
  }
  return { ok: false, error: errorForStatus(status) };
}

/** Reads `token` from the page URL and returns the URL without it (for history.replaceState). */
export function takeTokenFromUrl(href: string): { token: string | null; cleanedUrl: string } {
  const url = new URL(href);
  const token = url.searchParams.get('token');
  url.searchParams.delete('token');
  return { token: token && token.length > 0 ? token : null, cleanedUrl: url.toString() };
}

// ---------------------------------------------------------------------------------------------
// Browser host: POST /api/<channel>, events over EventSource.

export interface EventSourceLike {
  addEventListener(type: string, listener: (event: MessageEvent) => void): void;
  removeEventListener(type: string, listener: (event: MessageEvent) => void): void;
  close(): void;
}

export interface HttpBridgeOptions {
  /** The per-run token from the printed address; null after a reload or in a second tab, where the session cookie it set speaks for the page. */
  token: string | null;
  /** Origin the API lives on; '' means the page's own origin (relative URLs). */
  baseUrl?: string;
  fetch?: typeof fetch;
  openEventSource?: (url: string) => EventSourceLike;
}

/** Events that mean "re-fetch": synthesised after the event stream reconnects, since some may be lost. */
const RESYNC_EVENTS: Partial<EventMap> = {
  'accounts.changed': { reason: 'health' },
  'app.changed': {},
  // No postId: the whole list is read again.
  'posts.changed': {},
};

export function createHttpBridge(options: HttpBridgeOptions): Bridge {
  const base = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));
  const openEventSource =
    options.openEventSource ?? ((url: string) => new EventSource(url) as unknown as EventSourceLike);
  const token = options.token;

  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const sourceHandlers = new Map<string, (event: MessageEvent) => void>();
  let source: EventSourceLike | null = null;
  let lostConnection = false;

  function emit(name: string, payload: unknown): void {
    for (const listener of [...(listeners.get(name) ?? [])]) {
      try {
        listener(payload);
      } catch (error) {
        console.error(`listener for ${name} failed`, error);
      }
    }
  }

  function attach(name: string): void {
    if (!source || sourceHandlers.has(name)) return;
    const handler = (event: MessageEvent) => {
      let payload: unknown;
      try {
        payload = typeof event.data === 'string' && event.data.length > 0 ? JSON.parse(event.data) : {};
      } catch {
        return; // A malformed event is dropped, never thrown into the page.
      }
      emit(name, payload);
    };
    sourceHandlers.set(name, handler);
    source.addEventListener(name, handler);
  }

  /** The token when the page has it; else the session cookie (sent by the browser, same origin only). */
  const authorization: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};

  function ensureSource(): void {
    if (source) return;
    source = openEventSource(`${base}/api/events${token ? `?token=${encodeURIComponent(token)}` : ''}`);
    source.addEventListener('error', () => {
      lostConnection = true;
    });
    source.addEventListener('open', () => {
      if (!lostConnection) return;
      lostConnection = false;
      for (const [name, payload] of Object.entries(RESYNC_EVENTS)) emit(name, payload);
    });
    for (const name of listeners.keys()) attach(name);
  }

  function closeSourceIfIdle(): void {
    if (!source) return;
    for (const set of listeners.values()) if (set.size > 0) return;
    source.close();
    source = null;
    sourceHandlers.clear();
    lostConnection = false;
  }

  /** An authorised POST to the host; the answer, or the error for a host that cannot be reached. */
  async function post(path: string, body: BodyInit, headers: Record<string, string>): Promise<Result<Response>> {
    try {
      return { ok: true, value: await doFetch(`${base}${path}`, { method: 'POST', headers: { ...headers, ...authorization }, body, credentials: 'same-origin', cache: 'no-store' }) };
    } catch {
      return { ok: false, error: bridgeUnreachable() };
    }
  }

  return {
    async invoke(channel, input) {
      let response: Response;
      try {
        response = await doFetch(`${base}/api/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...authorization },
          body: JSON.stringify(input ?? {}),
          credentials: 'same-origin',
          cache: 'no-store',
        });
      } catch {
        return { ok: false, error: bridgeUnreachable() };
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        body = undefined;
      }
      return toResult(body, response.status);
    },
    async importFile(file) {
      const response = await post(`/api/upload/media?name=${encodeURIComponent(file.name)}`, file, { 'Content-Type': 'application/octet-stream' });
      if (!response.ok) return response;
      // The upload route answers with media.import's own Result.
      return toResult(await response.value.json().catch(() => undefined), response.value.status);
    },
    transferFiles: {
      async download(passphrase, includeMessages) {
        const response = await post('/api/transfer/export', JSON.stringify({ passphrase, includeMessages }), { 'Content-Type': 'application/json' });
        if (!response.ok) return response;
        const answer = response.value;
        // A refusal comes as JSON (data.export's own Result); the file comes as bytes with its counts beside it.
        if (answer.headers.get('content-type') !== 'application/octet-stream') {
          return toResult(await answer.json().catch(() => undefined), answer.status);
        }
        try {
          const counts = JSON.parse(answer.headers.get('x-postdeck-export') ?? '') as ExportDownload['counts'];
          return { ok: true, value: { file: await answer.blob(), counts } };
        } catch {
          return { ok: false, error: bridgeUnreachable() };
        }
      },
      async upload(file, passphrase) {
        const response = await post('/api/transfer/import', file, {
          'Content-Type': 'application/octet-stream',
          'X-Postdeck-Passphrase': encodeURIComponent(passphrase),
        });
        if (!response.ok) return response;
        return toResult(await response.value.json().catch(() => undefined), response.value.status);
      },
    },
    mediaUrl(preview) {
      // An <img> cannot send the Authorization header; the session cookie speaks for it (same origin).
      return `${base}${MEDIA_ROUTE}${mediaPreviewPath(preview)}`;
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      ensureSource();
      attach(event);
      return () => {
        set.delete(wrapped);
        closeSourceIfIdle();
      };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Desktop host: the preload API.

export function createPreloadBridge(api: PostdeckBridgeApi): Bridge {
  const invoke: Bridge['invoke'] = async (channel, input) => {
    try {
      return toResult(await api.invoke(channel, input));
    } catch {
      return { ok: false, error: bridgeUnreachable() };
    }
  };
  return {
    invoke,
    files: {
      chooseExportPath: (suggestedName) => api.chooseExportPath(suggestedName).catch(() => null),
      pathOf: (file) => api.pathForFile(file),
      revealMedia: (mediaId) => api.revealMedia(mediaId).then(
        (answer) => toResult<null>(answer),
        () => ({ ok: false, error: bridgeUnreachable() }),
      ),
    },
    async importFile(file) {
      // Electron gives a picked or dropped file its path on disk; the main process copies it from there.
      const path = api.pathForFile(file);
      if (!path) return { ok: false, error: { ...appError('invalid_request'), message: 'That file has no place on disk Postdeck can read.' } };
      return invoke('media.import', { path });
    },
    mediaUrl: (preview) => `${MEDIA_SCHEME}://${MEDIA_SCHEME_HOST}/${mediaPreviewPath(preview)}`,
    on(event, listener) {
      try {
        return api.on(event, (payload) => listener(payload as EventMap[typeof event]));
      } catch {
        return () => {};
      }
    },
  };
}

declare global {
  interface Window {
    postdeck?: PostdeckBridgeApi;
  }
}

/** Picks the host's bridge. On the browser host, takes the token out of the address bar. */
export function createBridge(win: Window = window): Bridge {
  if (win.postdeck) return createPreloadBridge(win.postdeck);
  const { token, cleanedUrl } = takeTokenFromUrl(win.location.href);
  if (token) win.history.replaceState(win.history.state, '', cleanedUrl);
  return createHttpBridge({ token });
}
