import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { isAllowedMediaAddress, type TunnelHostingSettings } from '../../../src-shared/mediaHosting';
import { DAY, type Clock } from '../../config/clock';
import { admitConnections, MAX_CONNECTIONS } from '../../config/connectionCap';
import type { Logger } from '../../config/logger';
import { streamResponse } from '../../config/streamResponse';
import { Failure } from '../../config/failure';
import { fetchProbe } from './fetchPublic';
import { unguessableName } from './names';
import type { HostedMedia, LocalMediaFile, MediaFetch, MediaHost, MediaOwner } from './types';

/** How long a published path lives if nobody releases it: a container expires after 24 h anyway. */
export const TUNNEL_PATH_TTL_MS = DAY;

/**
 * A fetcher sends its request line and headers at once: a connection that has not done so within this
 * long is idle or half-sent on purpose, and holding it would use up file descriptors real fetches need.
 */
export const TUNNEL_HEADERS_TIMEOUT_MS = 10_000;

type Content = { kind: 'file'; file: LocalMediaFile } | { kind: 'bytes'; bytes: Buffer; contentType: string };

interface LivePath {
  content: Content;
  /** Null for the check's own probe, which no post needs to hear about. */
  owner: MediaOwner | null;
  expiresAt: number;
}

export interface TunnelMediaHostOptions {
  settings: TunnelHostingSettings;
  clock: Clock;
  logger: Logger;
  /** Each fetch of a post's file, so the post can show that Instagram took it. */
  onFetch: (fetch: MediaFetch) => void;
  /** For check()'s request through the public address; tests pass an Agent. */
  dispatcher?: Dispatcher;
  /** How long a request's headers may take, and how often that is checked; tests pass short ones. */
  timeouts?: { headersMs: number; checkEveryMs: number };
}

/**
 * A local server the user's tunnel (cloudflared, ngrok, Tailscale Funnel) exposes to the internet.
 * It binds loopback only, answers GET and HEAD for live, unguessable paths, 404 for everything else
 * (including `/`: it lists nothing), and stops serving a path on release or 24 h after publishing
 * (expired entries are dropped when asked for; the map lives only as long as the process).
 */
export class TunnelMediaHost implements MediaHost {
  readonly kind = 'tunnel';
  private readonly live = new Map<string, LivePath>();
  private readonly basePath: string;
  private server: Server | null = null;
  private starting: Promise<void> | null = null;

  constructor(private readonly options: TunnelMediaHostOptions) {
    // A tunnel with a path prefix may or may not strip it before forwarding: accept both forms.
    this.basePath = new URL(options.settings.publicBaseUrl).pathname.replace(/\/+$/, '');
  }

  /** Starts listening on 127.0.0.1 and the user's port; calling it again while running is harmless. */
  start(): Promise<void> {
    this.starting ??= this.listen().catch((error: unknown) => {
      this.starting = null;
      throw error;
    });
    return this.starting;
  }

  async stop(): Promise<void> {
    await this.starting?.catch(() => {});
    const server = this.server;
    this.server = null;
    this.starting = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async publish(file: LocalMediaFile, owner: MediaOwner): Promise<HostedMedia> {
    await this.start();
    const name = this.add({ kind: 'file', file }, owner);
    return { url: this.publicUrl(name), ref: name, release: () => this.release(name) };
  }

  async release(name: string): Promise<void> {
    this.live.delete(name);
  }

  /** Serves a random probe and fetches it through the public address, as Meta would. */
  async check(): Promise<void> {
    if (!isAllowedMediaAddress(this.options.settings.publicBaseUrl)) throw new Failure('hosting_url_not_https');
    await this.start();
    const probe = randomBytes(32);
    const name = this.add({ kind: 'bytes', bytes: probe, contentType: 'application/octet-stream' }, null);
    try {
      const problem = await fetchProbe(this.publicUrl(name), probe, {
        dispatcher: this.options.dispatcher,
        noAnswer: 'hosting_tunnel_unreachable',
        // Something else answered in this server's place (cloudflared's 502, another service).
        wrongAnswer: 'hosting_tunnel_not_forwarding',
      });
      if (problem) throw problem;
    } finally {
      await this.release(name);
    }
  }

  private add(content: Content, owner: MediaOwner | null): string {
    const name = unguessableName(content.kind === 'file' ? content.file.contentType : '');
    this.live.set(name, { content, owner, expiresAt: this.options.clock.now() + TUNNEL_PATH_TTL_MS });
    return name;
  }

  private publicUrl(name: string): string {
    return `${this.options.settings.publicBaseUrl.replace(/\/+$/, '')}/${name}`;
  }

  private listen(): Promise<void> {
    const { headersMs, checkEveryMs } = this.options.timeouts ?? { headersMs: TUNNEL_HEADERS_TIMEOUT_MS, checkEveryMs: 1_000 };
    const server = createServer({ headersTimeout: headersMs, requestTimeout: headersMs, connectionsCheckingInterval: checkEveryMs });
    // headersTimeout starts with the first byte: a connection that sends nothing, or stops reading, is
    // ended by this inactivity timeout instead.
    server.timeout = headersMs;
    const isAdmitted = admitConnections(server, MAX_CONNECTIONS);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      if (!isAdmitted(request.socket)) {
        response.shouldKeepAlive = false;
        response.writeHead(503, { 'Retry-After': '1' }).end();
        return;
      }
      this.handle(request, response).catch((error: unknown) => {
        this.options.logger.warn('media request failed', { error });
        if (!response.headersSent) response.writeHead(500).end();
        else response.destroy();
      });
    });
    const port = this.options.settings.localPort;
    return new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) => {
        reject(
          error.code === 'EADDRINUSE' || error.code === 'EACCES'
            ? new Failure('hosting_port_in_use', `Port ${port} is taken.`)
            : error,
        );
      });
      server.listen(port, '127.0.0.1', () => {
        this.server = server;
        this.options.logger.info('media server listening', { port });
        resolve();
      });
    });
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('X-Content-Type-Options', 'nosniff');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const method = request.method;
    const name = this.nameFromPath(request.url ?? '/');
    const path = name === null ? undefined : this.live.get(name);
    if (!name || !path) {
      response.writeHead(404).end();
      return;
    }
    if (path.expiresAt <= this.options.clock.now()) {
      this.live.delete(name);
      response.writeHead(404).end();
      return;
    }
    const status = await this.serve(path.content, request, response);
    if (path.owner) {
      this.options.onFetch({
        ...path.owner,
        at: this.options.clock.now(),
        userAgent: request.headers['user-agent'] ?? null,
        method,
        status,
      });
    }
  }

  /** `/<name>` or `<base path>/<name>`; anything else is no file at all. */
  private nameFromPath(rawUrl: string): string | null {
    const pathname = rawUrl.split('?')[0] ?? '';
    const slash = pathname.lastIndexOf('/');
    const prefix = pathname.slice(0, slash);
    if (prefix !== '' && prefix !== this.basePath) return null;
    return pathname.slice(slash + 1) || null;
  }

  /** Writes the response and returns its status. */
  private async serve(content: Content, request: IncomingMessage, response: ServerResponse): Promise<number> {
    const size = content.kind === 'file' ? (await statOrNull(content.file.path))?.size : content.bytes.length;
    if (size === undefined) {
      // Released from disk under us (the media folder was cleaned): same answer as any unknown path.
      response.writeHead(404).end();
      return 404;
    }
    const range = parseRange(request.headers.range, size);
    if (range === 'unsatisfiable') {
      response.writeHead(416, { 'Content-Range': `bytes */${size}` }).end();
      return 416;
    }
    const { start, end } = range ?? { start: 0, end: size - 1 };
    const status = range ? 206 : 200;
    response.writeHead(status, {
      'Content-Type': content.kind === 'file' ? content.file.contentType : content.contentType,
      'Content-Length': String(Math.max(0, end - start + 1)),
      'Accept-Ranges': 'bytes',
      ...(range ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}),
    });
    if (request.method === 'HEAD' || size === 0) {
      response.end();
      return status;
    }
    await streamResponse(openBody(content, start, end), response);
    return status;
  }
}

function openBody(content: Content, start: number, end: number): Readable {
  return content.kind === 'file'
    ? createReadStream(content.file.path, { start, end })
    : Readable.from([content.bytes.subarray(start, end + 1)]);
}

async function statOrNull(path: string): Promise<{ size: number } | undefined> {
  try {
    return await stat(path);
  } catch {
    return undefined;
  }
}

/**
 * One `bytes=a-b`, `bytes=a-` or `bytes=-n` range (what video fetchers send). Several ranges, or a
 * header we do not understand, get the whole file, which RFC 9110 allows.
 */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | 'unsatisfiable' | null {
  const match = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!match) return null;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return null;
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}
