/** The sandbox's HTTP server: one loopback listener for the www, api and graph hosts' paths plus `/__sandbox`. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { refuseLoopbackCaller } from '../config/loopbackGuard';
import { handleControl } from './controlApi';
import { graphErrorBody } from './errors';
import { faultError } from './faults';
import { sendGraphError } from './graphHttp';
import { handleGraph } from './graphRoutes';
import { HttpError, readBody, resetConnection, sendJson, type Ctx } from './http';
import { handleAuthorize, handleCodeExchange, handleDecision } from './oauth/routes';
import { serveHostedMedia } from './publishing/hostingRoute';
import { serveOutsidePicture } from './publishing/outsidePicture';
import type { RequestLogEntry } from './requestLog';
import { realTimer, type Timer } from './timer';
import type { SandboxWorld } from './world';

export interface ServerOptions {
  port?: number;
  quiet?: boolean;
  /** Called after each non-control request is answered (the CLI prints these). */
  onRequest?: (entry: RequestLogEntry) => void;
  /** The per-run token `/__sandbox/*` requires (`Authorization: Bearer …`). */
  controlToken: string;
  /** How latency faults wait (default: real time). */
  timer?: Timer;
}

export interface RunningServer {
  url: string;
  port: number;
  /** Resolves once no request is being handled (at once if none is). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** Requests being handled, including those held by latency whose client has gone. */
class InFlight {
  private count = 0;
  private waiters: (() => void)[] = [];

  track(handling: Promise<void>): void {
    this.count++;
    void handling.finally(() => {
      if (--this.count === 0) this.waiters.splice(0).forEach((wake) => wake());
    });
  }

  idle(): Promise<void> {
    return this.count === 0 ? Promise.resolve() : new Promise((wake) => this.waiters.push(wake));
  }
}

const VERSION_PREFIX = /^\/v\d+\.\d+(?=\/|$)/;

/** Non-blocking waits that close() can cancel. */
class Sleeper {
  private pending = new Set<() => void>();
  closed = false;

  constructor(private readonly timer: Timer) {}

  sleep(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      let cancel = () => {};
      const abandon = () => {
        cancel();
        resolve(false);
      };
      this.pending.add(abandon);
      cancel = this.timer(() => {
        this.pending.delete(abandon);
        resolve(!this.closed);
      }, ms);
    });
  }

  cancelAll(): void {
    this.closed = true;
    for (const abandon of this.pending) abandon();
    this.pending.clear();
  }
}

/** The guards run first, before the body is read: a refused caller costs nothing. */
type ControlGuard = (req: IncomingMessage) => ReturnType<typeof refuseLoopbackCaller>;

function route(ctx: Ctx): void | Promise<void> {
  const { rawPath, method } = ctx;
  if (rawPath === '/__sandbox' || rawPath.startsWith('/__sandbox/')) return handleControl(ctx);
  if ((rawPath === '/oauth/authorize' || rawPath === '/oauth/authorize/') && (method === 'GET' || method === 'HEAD')) return handleAuthorize(ctx);
  if (rawPath === '/oauth/authorize/decision' && method === 'POST') return handleDecision(ctx);
  if (rawPath === '/oauth/access_token' || rawPath === '/oauth/access_token/') return handleCodeExchange(ctx);
  if (rawPath.startsWith('/media/') && (method === 'GET' || method === 'HEAD')) return serveHostedMedia(ctx);
  if (rawPath.startsWith('/cdn/') && (method === 'GET' || method === 'HEAD')) return serveOutsidePicture(ctx);
  return handleGraph(ctx);
}

async function handle(world: SandboxWorld, sleeper: Sleeper, guard: ControlGuard, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const method = (req.method ?? 'GET').toUpperCase();
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://127.0.0.1');
  } catch {
    res.writeHead(400, { 'content-type': 'text/plain', connection: 'close' }).end('Bad request URL');
    return;
  }
  const rawPath = url.pathname;
  const version = VERSION_PREFIX.exec(rawPath);
  const control = rawPath === '/__sandbox' || rawPath.startsWith('/__sandbox/');
  const ctx: Ctx = {
    req,
    res,
    world,
    method,
    url,
    rawPath,
    path: version ? rawPath.slice(version[0].length) || '/' : rawPath,
    hasVersion: version !== null,
    body: Buffer.alloc(0),
    at: world.now(),
    logged: !control,
  };
  // Only the control API is guarded: the Instagram-facing paths answer anyone, as Instagram does.
  const refusal = control ? guard(req) : null;
  if (refusal) return sendJson(ctx, refusal.status, { error: { message: refusal.message } }, { connection: 'close' });
  try {
    ctx.body = await readBody(req);
  } catch (error) {
    const status = error instanceof HttpError ? error.status : 400;
    const message = error instanceof Error ? error.message : 'Bad request';
    if (control) return sendJson(ctx, status, { error: { message } }, { connection: 'close' });
    return sendJson(ctx, status, graphErrorBody({ code: 100, message: `(#100) ${message}` }), { connection: 'close' });
  }
  if (!control) {
    const plan = world.faultStore.plan(method, rawPath, ctx.path);
    if (plan) {
      ctx.faults = plan.kinds;
      if (plan.latencyMs > 0 && !(await sleeper.sleep(plan.latencyMs))) return;
      const terminal = plan.terminal;
      if (terminal?.kind === 'reset') return resetConnection(ctx);
      if (terminal?.kind === 'drop_answer') ctx.dropAnswer = true;
      else if (terminal?.kind === 'container_error') ctx.containerErrorSubcode = terminal.subcode;
      else if (terminal) return sendGraphError(ctx, faultError(terminal));
    }
  }
  await route(ctx);
}

export function startServer(world: SandboxWorld, options: ServerOptions): Promise<RunningServer> {
  const sleeper = new Sleeper(options.timer ?? realTimer);
  const inFlight = new InFlight();
  const guard: ControlGuard = (req) => refuseLoopbackCaller(req.headers, (server.address() as AddressInfo).port, options.controlToken);
  const server = createServer((req, res) => {
    const handling = handle(world, sleeper, guard, req, res).catch((error: unknown) => {
        if (!options.quiet) console.error('[sandbox] request failed:', error instanceof Error ? error.stack : error);
        if (res.headersSent || res.destroyed) {
          res.destroy();
          return;
        }
        const body = JSON.stringify(graphErrorBody({ status: 500, code: 1, message: 'An unknown error has occurred.', isTransient: true }));
        res.writeHead(500, { 'content-type': 'application/json; charset=UTF-8', 'content-length': Buffer.byteLength(body) }).end(body);
      });
    inFlight.track(handling);
  });
  const unsubscribe = options.onRequest ? world.log.subscribe(options.onRequest) : () => {};
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  server.keepAliveTimeout = 30_000;
  server.headersTimeout = 31_000;

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port ?? 0, host: '127.0.0.1', backlog: 1024 }, () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      let closing: Promise<void> | undefined;
      resolve({
        url: `http://127.0.0.1:${port}`,
        port,
        idle: () => inFlight.idle(),
        close: () =>
          (closing ??= new Promise<void>((done) => {
            unsubscribe();
            sleeper.cancelAll();
            server.close(() => done());
            server.closeAllConnections();
          })),
      });
    });
  });
}
