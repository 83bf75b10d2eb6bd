import { chmodSync, unlinkSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { appError, type Result } from '../../src-shared/errors';
import type { AppEvent } from '../../src-shared/events';
import { MAX_REQUEST_BYTES } from '../../src-shared/ipc';
import type { Logger } from '../config/logger';

/** What the socket needs from the app core: the same dispatcher the renderer's bridge calls, and its events. */
export interface SocketApp {
  dispatch(channel: string, input: unknown): Promise<Result<unknown>>;
  subscribe(listener: (event: AppEvent) => void): () => void;
}

/** One line a client sends: `{ id, channel, input }`. */
interface SocketRequest {
  id: string | number;
  channel: string;
  input?: unknown;
}

/** A client that neither sends nor is sent anything this long is closed; longer than a sign-in may take (`accounts connect` waits on its event). */
export const SOCKET_IDLE_TIMEOUT_MS = 15 * 60_000;
/** A client that stops reading is closed once this much of its output waits unread, rather than held in memory. */
export const MAX_UNREAD_BYTES = 16 * 1024 * 1024;

export interface LocalSocketOptions {
  idleTimeoutMs?: number;
  maxUnreadBytes?: number;
}

/**
 * The owner's local socket (DESIGN.md §9): newline-delimited JSON. Each request line `{ id, channel,
 * input }` is answered by `{ id, ...result }` from the same dispatcher (same validation, same result
 * union); every app event goes to every client as `{ event, payload }`. Nothing else is served. The
 * file is owner-only (0600) inside an owner-only folder; on Windows a named pipe.
 */
export async function listenLocalSocket(
  path: string,
  app: SocketApp,
  logger: Logger,
  options: LocalSocketOptions = {},
): Promise<{ close(): Promise<void> }> {
  const limits = { idleTimeoutMs: options.idleTimeoutMs ?? SOCKET_IDLE_TIMEOUT_MS, maxUnreadBytes: options.maxUnreadBytes ?? MAX_UNREAD_BYTES };
  const clients = new Set<Socket>();
  const server: Server = createServer((socket) => serveClient(socket, app, clients, logger, limits));
  // The caller holds the folder's lock, so a socket file still here was left by an owner that died.
  if (process.platform !== 'win32') removeIfPresent(path);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => resolve());
  });
  if (process.platform !== 'win32') chmodSync(path, 0o600);
  return {
    close: async () => {
      for (const socket of clients) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function serveClient(socket: Socket, app: SocketApp, clients: Set<Socket>, logger: Logger, limits: Required<LocalSocketOptions>): void {
  clients.add(socket);
  socket.setTimeout(limits.idleTimeoutMs, () => {
    logger.debug('closing an idle socket client');
    socket.destroy();
  });
  const send = (message: unknown) => {
    if (socket.destroyed) return;
    if (socket.write(`${JSON.stringify(message)}\n`)) return;
    if (socket.writableLength > limits.maxUnreadBytes) {
      logger.warn('closing a socket client that stopped reading', { unreadBytes: socket.writableLength });
      unsubscribe();
      socket.destroy();
      return;
    }
    // Backpressure: no new requests from a client that is not taking its answers.
    if (socket.isPaused()) return;
    socket.pause();
    socket.once('drain', () => socket.resume());
  };
  const unsubscribe = app.subscribe((event) => send({ event: event.name, payload: event.payload }));
  socket.on('close', () => {
    clients.delete(socket);
    unsubscribe();
  });
  socket.on('error', (error) => logger.debug('socket client error', { error }));
  let buffered = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffered += chunk;
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      if (Buffer.byteLength(line) > MAX_REQUEST_BYTES) return refuseOversized();
      // The last guard: a message that cannot be sent is logged, never left to end the host.
      if (line.trim()) void answer(line, app, logger).then(send).catch((error: unknown) => logger.error('socket answer failed', { error }));
    }
    if (Buffer.byteLength(buffered) > MAX_REQUEST_BYTES) refuseOversized();
  });
  // Nothing more is read from a client that sent an oversized line: its answer goes out, then the connection ends.
  const refuseOversized = () => {
    buffered = '';
    socket.removeAllListeners('data');
    socket.pause();
    send({ id: null, ok: false, error: appError('invalid_request', 'The request is larger than 1 MiB.') });
    socket.end(() => socket.destroy());
  };
}

async function answer(line: string, app: SocketApp, logger: Logger): Promise<unknown> {
  let request: Partial<SocketRequest> | null;
  try {
    request = JSON.parse(line) as Partial<SocketRequest> | null;
  } catch {
    return { id: null, ok: false, error: appError('invalid_request', 'The request is not valid JSON.') };
  }
  const id = typeof request?.id === 'string' || typeof request?.id === 'number' ? request.id : null;
  if (id === null || typeof request?.channel !== 'string') {
    return { id, ok: false, error: appError('invalid_request', 'Send { "id", "channel", "input" } on one line.') };
  }
  try {
    return { id, ...(await app.dispatch(request.channel, request.input ?? {})) };
  } catch (error) {
    // dispatch answers everything itself; this guard is for the one that does not, so no request ends the host.
    logger.error('socket request failed', { channel: request.channel, error });
    return { id, ok: false, error: appError('internal_error') };
  }
}

function removeIfPresent(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
