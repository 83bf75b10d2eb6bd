/** HTTP plumbing shared by the sandbox's routes: request context, bounded body reading, parsing, replies. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MalformedBodyError, multipartBoundary, parseMultipart } from './multipart';
import type { SandboxWorld } from './world';

export const MAX_BODY_BYTES = 1024 * 1024;
/** Bodies past the limit are drained (so the client reads the 413) up to this much, then the socket is dropped. */
const MAX_DRAIN_BYTES = 64 * 1024 * 1024;

export interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  world: SandboxWorld;
  method: string;
  url: URL;
  /** Path as requested. */
  rawPath: string;
  /** Path without a leading `/vNN.0` Graph version. */
  path: string;
  hasVersion: boolean;
  body: Buffer;
  /** Sandbox-clock arrival time. */
  at: number;
  /** Control requests are not logged. */
  logged: boolean;
  faults?: string[];
  /** A `drop_answer` fault: the request is handled in full, then the connection is reset instead of answered. */
  dropAnswer?: boolean;
  /** A `container_error` fault: a container created by this request ends in ERROR with this subcode. */
  containerErrorSubcode?: number;
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_DRAIN_BYTES) {
      reject(new HttpError(413, 'Request body too large'));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = declared > MAX_BODY_BYTES;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_DRAIN_BYTES) {
        req.destroy();
        return;
      }
      if (size > MAX_BODY_BYTES) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => (tooLarge ? reject(new HttpError(413, 'Request body too large')) : resolve(Buffer.concat(chunks, size))));
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new HttpError(400, 'Request aborted'));
    });
  });
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

function decodeUtf8(body: Buffer): string {
  try {
    return STRICT_UTF8.decode(body);
  } catch {
    throw new HttpError(400, 'Body is not valid UTF-8');
  }
}

function mediaType(ctx: Ctx): string {
  return (ctx.req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

/** A form body: `application/x-www-form-urlencoded` or `multipart/form-data`; empty body = no fields. */
export function parseForm(ctx: Ctx): URLSearchParams {
  if (ctx.body.length === 0) return new URLSearchParams();
  const type = mediaType(ctx);
  if (type === 'application/x-www-form-urlencoded') {
    const text = decodeUtf8(ctx.body);
    if (/%(?![0-9a-fA-F]{2})/.test(text)) throw new HttpError(400, 'Malformed form body');
    return new URLSearchParams(text);
  }
  if (type === 'multipart/form-data') {
    const boundary = multipartBoundary(ctx.req.headers['content-type'] ?? '');
    if (!boundary) throw new HttpError(400, 'Missing multipart boundary');
    try {
      return parseMultipart(ctx.body, boundary);
    } catch (error) {
      if (error instanceof MalformedBodyError) throw new HttpError(400, error.message);
      throw error;
    }
  }
  throw new HttpError(400, `Unsupported content type ${type || '(none)'}; send a form`);
}

/** A JSON body; empty = `{}`. */
export function parseJson(ctx: Ctx): unknown {
  if (ctx.body.length === 0) return {};
  try {
    return JSON.parse(decodeUtf8(ctx.body));
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw new HttpError(400, 'Malformed JSON body');
  }
}

export function send(ctx: Ctx, status: number, contentType: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  if (ctx.dropAnswer) return resetConnection(ctx);
  if (ctx.logged) {
    ctx.world.recordRequest({ at: ctx.at, method: ctx.method, path: ctx.rawPath, status, ...(ctx.faults ? { faults: ctx.faults } : {}) });
  }
  if (ctx.res.headersSent || ctx.res.destroyed) return;
  const payload = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  ctx.res.writeHead(status, {
    'content-type': contentType,
    'content-length': String(payload.length),
    'cache-control': 'no-store',
    ...headers,
  });
  ctx.res.end(ctx.method === 'HEAD' ? undefined : payload);
}

export function sendJsonText(ctx: Ctx, status: number, json: string, headers?: Record<string, string>): void {
  send(ctx, status, 'application/json; charset=UTF-8', json, headers);
}

export function sendJson(ctx: Ctx, status: number, value: unknown, headers?: Record<string, string>): void {
  sendJsonText(ctx, status, JSON.stringify(value), headers);
}

export function redirect(ctx: Ctx, location: string): void {
  send(ctx, 302, 'text/html; charset=utf-8', '', { location, 'referrer-policy': 'no-referrer' });
}

/** Drops the connection without an answer (a `reset` fault). */
export function resetConnection(ctx: Ctx): void {
  if (ctx.logged) ctx.world.recordRequest({ at: ctx.at, method: ctx.method, path: ctx.rawPath, status: 0, ...(ctx.faults ? { faults: ctx.faults } : {}) });
  ctx.req.socket.resetAndDestroy?.();
  if (!ctx.req.socket.destroyed) ctx.req.socket.destroy();
}
