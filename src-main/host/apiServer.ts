import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { basename, extname, join, normalize, sep } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { appError, type AppError } from '../../src-shared/errors';
import { CONTENT_SECURITY_POLICY } from '../../src-shared/csp';
import { instagramLimits } from '../../src-shared/publishingRules';
import { isChannel, MAX_REQUEST_BYTES } from '../../src-shared/ipc';
import { MEDIA_ROUTE, parseMediaPreview } from '../../src-shared/mediaPreview';
import type { PostdeckApp } from '../app/types';
import { byteRange, byteRangeHeaders, byteRangeStream } from '../config/byteRange';
import { admitConnections, MAX_CONNECTIONS } from '../config/connectionCap';
import { bearerToken, tokenMatches } from '../config/loopbackGuard';
import type { Logger } from '../config/logger';
import { streamResponse } from '../config/streamResponse';
import { callbackPage } from './callbackPage';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export const CALLBACK_PATH = '/oauth/instagram/callback';
/** `POST /api/upload/media?name=<file name>` with the file's bytes: the browser's stand-in for a desktop path. */
export const UPLOAD_PATH = '/api/upload/media';
/** Nothing bigger can be published (a Reel's limit), so nothing bigger is taken in. */
export const MAX_UPLOAD_BYTES = instagramLimits.reelMaxBytes;
/**
 * The browser's stand-ins for the desktop's Save and Open dialogs: `POST` `{ passphrase }` answers the sealed
 * export file as a download; `POST` an export file's bytes (the passphrase in `X-Postdeck-Passphrase`, URI-encoded)
 * imports it. Each goes through the same `data.export` / `data.import` as a desktop path, via a private temporary folder.
 */
export const EXPORT_DOWNLOAD_PATH = '/api/transfer/export';
export const IMPORT_UPLOAD_PATH = '/api/transfer/import';
export const PASSPHRASE_HEADER = 'x-postdeck-passphrase';
/** What the export held, as `data.export` counts it (the download's body is the file itself). */
export const EXPORT_SUMMARY_HEADER = 'x-postdeck-export';
/** An export carries the media library, so it may be far larger than one Reel. */
export const MAX_IMPORT_BYTES = 4 * 1024 ** 3;

export interface WebServerOptions {
  token: string;
  staticDir: string;
  logger: Logger;
  /** Null until the app has started; requests meanwhile get 503. */
  app: () => PostdeckApp | null;
  /** Reads a static file; tests pass one that fails. Default: fs.createReadStream. */
  openFile?: (file: string) => Readable;
}

/**
 * The page's session, so a reload (the token is gone from the address by then) and a second tab keep
 * working. Named per port: cookies ignore ports, and two hosts on one machine must not overwrite each
 * other's. The value is a random per-run secret of its own, not the token: the token is the key printed
 * in the terminal, the cookie only proves that this browser once opened the page with it.
 */
export const sessionCookieName = (port: number) => `postdeck_session_${port}`;

/** HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it), host-only (no Domain): loopback alone. No Secure: http://127.0.0.1. */
function sessionCookie(port: number, session: string): string {
  return `${sessionCookieName(port)}=${session}; HttpOnly; SameSite=Strict; Path=/`;
}

function cookieValue(request: IncomingMessage, name: string): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return null;
}

/**
 * The browser host's HTTP bridge (DESIGN.md §1): loopback only, the handler table at POST /api/<channel>,
 * events as Server-Sent Events. Every API call needs the per-run token or the session cookie that opening
 * the page with the token set; a foreign Host or Origin is refused before anything else, which also stops
 * DNS rebinding and cross-site requests.
 */
export function createWebServer(options: WebServerOptions): Server {
  const server = createServer();
  const session = randomBytes(32).toString('base64url');
  const isAdmitted = admitConnections(server, MAX_CONNECTIONS);
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (!isAdmitted(request.socket)) {
      response.shouldKeepAlive = false;
      response.setHeader('retry-after', '1');
      return sendError(response, 503, appError('internal_error', `More than ${MAX_CONNECTIONS} connections are open.`));
    }
    handle(request, response, { ...options, session }, server).catch((error: unknown) => {
      options.logger.error('request failed', { error });
      if (!response.headersSent) sendError(response, 500, appError('internal_error'));
      else response.destroy();
    });
  });
  server.headersTimeout = 20_000;
  server.requestTimeout = 60_000;
  return server;
}

interface Served extends WebServerOptions {
  session: string;
}

async function handle(request: IncomingMessage, response: ServerResponse, options: Served, server: Server): Promise<void> {
  const port = (server.address() as { port: number } | null)?.port ?? 0;
  const ownOrigins = [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
  if (!ownOrigins.includes(`http://${request.headers.host ?? ''}`)) {
    return sendError(response, 403, appError('invalid_request', 'Unexpected Host header.'));
  }
  const origin = request.headers.origin;
  if (origin !== undefined && !ownOrigins.includes(origin)) {
    return sendError(response, 403, appError('invalid_request', 'Requests from other sites are refused.'));
  }
  const url = new URL(request.url ?? '/', ownOrigins[0]);
  const app = options.app();
  if (url.pathname.startsWith('/api/')) {
    if (!app) return sendError(response, 503, appError('internal_error', 'Postdeck is still starting.'));
    // An EventSource or an <img> cannot send a header: those two may carry the token in the address instead.
    const inAddress = url.pathname === '/api/events' || url.pathname.startsWith(MEDIA_ROUTE) ? url.searchParams.get('token') : null;
    const signedIn = tokenMatches(inAddress ?? bearerToken(request.headers), options.token) || tokenMatches(cookieValue(request, sessionCookieName(port)), options.session);
    if (!signedIn) return sendError(response, 401, appError('invalid_request', 'Missing or wrong token.'));
    if (url.pathname === '/api/events') return streamEvents(request, response, app);
    if (url.pathname === UPLOAD_PATH) return receiveUpload(request, response, url, app);
    if (url.pathname === EXPORT_DOWNLOAD_PATH) return sendExport(request, response, app);
    if (url.pathname === IMPORT_UPLOAD_PATH) return receiveImport(request, response, app);
    if (url.pathname.startsWith(MEDIA_ROUTE)) return serveMediaPreview(request, response, url, app);
    return callChannel(request, response, url.pathname.slice('/api/'.length), app);
  }
  if (url.pathname === CALLBACK_PATH && request.method === 'GET') {
    if (!app) return sendError(response, 503, appError('internal_error', 'Postdeck is still starting.'));
    const result = await app.handleOAuthCallback(`${ownOrigins[0]}${request.url ?? ''}`);
    return sendHtml(response, result.ok ? 200 : 400, callbackPage(result.ok ? null : result.error));
  }
  if (request.method === 'GET' || request.method === 'HEAD') {
    // The page opened with the printed address (?token=…) gets the session; the page then takes the token out of the address.
    if (tokenMatches(url.searchParams.get('token'), options.token)) response.setHeader('set-cookie', sessionCookie(port, options.session));
    return serveStatic(response, url.pathname, options);
  }
  return sendError(response, 405, appError('invalid_request', 'Method not allowed.'));
}

async function callChannel(request: IncomingMessage, response: ServerResponse, channel: string, app: PostdeckApp): Promise<void> {
  if (request.method !== 'POST') return sendError(response, 405, appError('invalid_request', 'Use POST.'));
  if (!isChannel(channel)) return sendError(response, 404, appError('invalid_request', 'Unknown channel.'));
  const contentType = request.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(contentType)) {
    return sendError(response, 415, appError('invalid_request', 'Send JSON (Content-Type: application/json).'));
  }
  const body = await readBody(request, MAX_REQUEST_BYTES);
  if (body === 'too_large') return sendError(response, 413, appError('invalid_request', 'The request is larger than 1 MiB.'));
  let input: unknown;
  try {
    input = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
  } catch {
    return sendError(response, 400, appError('invalid_request', 'The request body is not valid JSON.'));
  }
  const result = await app.dispatch(channel, input);
  if (!result.ok) return sendJson(response, result.error.code === 'invalid_request' ? 400 : 200, result);
  sendRaw(response, 200, okBody(result.value));
}

/**
 * The browser host's file upload: streamed to a private temporary folder, imported into the media library
 * exactly as a desktop path would be (`media.import`), and the temporary copy removed whatever happens.
 */
async function receiveUpload(request: IncomingMessage, response: ServerResponse, url: URL, app: PostdeckApp): Promise<void> {
  if (request.method !== 'POST') return sendError(response, 405, appError('invalid_request', 'Use POST.'));
  const tooLarge = appError('invalid_request', `The file is larger than ${MAX_UPLOAD_BYTES / 1_000_000} MB, more than Instagram accepts.`);
  if (Number(request.headers['content-length'] ?? 0) > MAX_UPLOAD_BYTES) return sendError(response, 413, tooLarge);
  // Only the name's last part, in safe characters: it names a file in our own folder, never a path.
  const name = basename(url.searchParams.get('name') ?? '').replace(/[^\w.-]/g, '_').slice(-100);
  if (name === '' || name === '.' || name === '..') {
    return sendError(response, 400, appError('invalid_request', "The upload has no file name: send the file's own name, such as ?name=photo.jpg."));
  }
  // Gone before the answer leaves: the library keeps its own copy.
  const answer = await inTemporaryFolder(async (folder) => {
    const file = join(folder, name);
    return (await saveUpload(request, file, MAX_UPLOAD_BYTES)) === 'too_large' ? null : app.dispatch('media.import', { path: file });
  });
  if (answer === null) return sendError(response, 413, tooLarge);
  sendJson(response, 200, answer);
}

/** Runs `use` with a fresh private folder, removed afterwards whatever happens. */
async function inTemporaryFolder<T>(use: (folder: string) => Promise<T>): Promise<T> {
  const folder = await mkdtemp(join(tmpdir(), 'postdeck-upload-'));
  try {
    return await use(folder);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** Streams the request's body into `file` (mode 0600), stopping once it passes `maxBytes`. */
async function saveUpload(request: IncomingMessage, file: string, maxBytes: number): Promise<'saved' | 'too_large'> {
  let received = 0;
  const counted = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      done(received > maxBytes ? new Error('too_large') : null, chunk);
    },
  });
  try {
    await pipeline(request, counted, createWriteStream(file, { mode: 0o600 }));
    return 'saved';
  } catch (error) {
    if (error instanceof Error && error.message === 'too_large') return 'too_large';
    throw error;
  }
}

/** Refuses what is not a POST (the caller was signed in before routing); true when the request may go on. */
function admitPost(request: IncomingMessage, response: ServerResponse): boolean {
  if (request.method === 'POST') return true;
  sendError(response, 405, appError('invalid_request', 'Use POST.'));
  return false;
}

/** `data.export` into a temporary folder, then the file itself as the answer: the browser saves it as a download. */
async function sendExport(request: IncomingMessage, response: ServerResponse, app: PostdeckApp): Promise<void> {
  if (!admitPost(request, response)) return;
  const body = await readBody(request, MAX_REQUEST_BYTES);
  let asked: { passphrase?: unknown; includeMessages?: unknown } = {};
  try {
    if (body !== 'too_large') asked = JSON.parse(body.toString('utf8')) as typeof asked;
  } catch {
    asked = {};
  }
  // Direct messages go in only when the user ticked "include messages".
  const includeMessages = asked?.includeMessages === true;
  await inTemporaryFolder(async (folder) => {
    // The channel checks the passphrase exactly as it does for a desktop path.
    const result = await app.dispatch('data.export', { path: join(folder, 'postdeck.pdx'), passphrase: asked?.passphrase, ...(includeMessages ? { includeMessages } : {}) });
    if (!result.ok) return sendJson(response, result.error.code === 'invalid_request' ? 400 : 200, result);
    const { accounts, posts, media, messages } = result.value as { accounts: number; posts: number; media: number; messages: number };
    const file = join(folder, 'postdeck.pdx');
    response.writeHead(200, {
      'content-type': 'application/octet-stream',
      'content-length': statSync(file).size,
      'content-disposition': 'attachment; filename="postdeck.pdx"',
      [EXPORT_SUMMARY_HEADER]: JSON.stringify({ accounts, posts, media, messages }),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    await streamResponse(createReadStream(file), response);
  });
}

/** An uploaded export file, imported by `data.import` exactly as one opened from disk. */
async function receiveImport(request: IncomingMessage, response: ServerResponse, app: PostdeckApp): Promise<void> {
  if (!admitPost(request, response)) return;
  const tooLarge = appError('invalid_request', `The file is larger than ${MAX_IMPORT_BYTES / 1024 ** 3} GB, more than an export this host takes.`);
  if (Number(request.headers['content-length'] ?? 0) > MAX_IMPORT_BYTES) return sendError(response, 413, tooLarge);
  let passphrase: string;
  try {
    passphrase = decodeURIComponent(String(request.headers[PASSPHRASE_HEADER] ?? ''));
  } catch {
    return sendError(response, 400, appError('invalid_request', `Send the passphrase URI-encoded in ${PASSPHRASE_HEADER}.`));
  }
  const answer = await inTemporaryFolder(async (folder) => {
    const file = join(folder, 'import.pdx');
    return (await saveUpload(request, file, MAX_IMPORT_BYTES)) === 'too_large' ? null : app.dispatch('data.import', { path: file, passphrase });
  });
  if (answer === null) return sendError(response, 413, tooLarge);
  sendJson(response, !answer.ok && answer.error.code === 'invalid_request' ? 400 : 200, answer);
}

/**
 * `GET /api/media/<mediaId>/<variant>`: a picture of an imported photo or video, or the video itself, for an
 * `<img>` or `<video>`, which cannot send a header, so the token may come as `?token=` (as for the event
 * stream). Only the library's own files, streamed by byte range so a video can seek.
 */
async function serveMediaPreview(request: IncomingMessage, response: ServerResponse, url: URL, app: PostdeckApp): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return sendError(response, 405, appError('invalid_request', 'Use GET.'));
  const preview = parseMediaPreview(url.pathname.slice(MEDIA_ROUTE.length), url.searchParams);
  if (!preview) return sendError(response, 404, appError('media_not_found'));
  const result = await app.mediaPreview(preview);
  if (!result.ok) return sendError(response, result.error.code === 'media_not_found' ? 404 : 500, result.error);
  const { path, contentType, bytes } = result.value;
  const range = byteRange(request.headers.range, bytes);
  response.writeHead(range.status, {
    ...byteRangeHeaders(range, bytes),
    'content-type': contentType,
    // A media id's pictures never change.
    'cache-control': 'private, max-age=86400, immutable',
    'x-content-type-options': 'nosniff',
  });
  if (request.method === 'HEAD' || range.status === 416) return void response.end();
  await streamResponse(byteRangeStream(path, range), response);
}

/**
 * Services hand back the same object while nothing changed (the account list, the comments inbox): its answer
 * is encoded once, as the bytes sent, not on every request.
 */
const encodedAnswers = new WeakMap<object, Buffer>();
function okBody(value: unknown): Buffer {
  const encode = () => Buffer.from(`{"ok":true,"value":${JSON.stringify(value ?? null)}}`);
  if (value === null || typeof value !== 'object') return encode();
  let body = encodedAnswers.get(value);
  if (body === undefined) {
    body = encode();
    encodedAnswers.set(value, body);
  }
  return body;
}

function streamEvents(request: IncomingMessage, response: ServerResponse, app: PostdeckApp): void {
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-content-type-options': 'nosniff',
  });
  response.write(': connected\n\n');
  const unsubscribe = app.subscribe((event) => {
    response.write(`event: ${event.name}\ndata: ${JSON.stringify(event.payload)}\n\n`);
  });
  const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), 25_000);
  heartbeat.unref();
  const stop = () => {
    clearInterval(heartbeat);
    unsubscribe();
  };
  request.on('close', stop);
  response.on('error', stop);
}

function readBody(request: IncomingMessage, limit: number): Promise<Buffer | 'too_large'> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > limit) {
      request.resume();
      resolve('too_large');
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.removeAllListeners('data');
        request.resume();
        resolve('too_large');
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

async function serveStatic(response: ServerResponse, pathname: string, options: WebServerOptions): Promise<void> {
  const { staticDir, openFile = createReadStream } = options;
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return sendError(response, 400, appError('invalid_request', 'Bad path.'));
  }
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const file = normalize(join(staticDir, relative));
  if (!file.startsWith(normalize(staticDir) + sep) || !existsSync(file) || !statSync(file).isFile()) {
    return sendError(response, 404, appError('invalid_request', 'Not found.'));
  }
  response.setHeader('content-type', MIME[extname(file)] ?? 'application/octet-stream');
  response.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
  response.setHeader('x-content-type-options', 'nosniff');
  response.setHeader('referrer-policy', 'no-referrer');
  response.setHeader('cache-control', 'no-store');
  await streamResponse(openFile(file), response);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  sendRaw(response, status, JSON.stringify(body));
}

function sendRaw(response: ServerResponse, status: number, json: string | Buffer): void {
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  response.end(json);
}

function sendError(response: ServerResponse, status: number, error: AppError): void {
  sendJson(response, status, { ok: false, error });
}

function sendHtml(response: ServerResponse, status: number, html: string): void {
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
  });
  response.end(html);
}
