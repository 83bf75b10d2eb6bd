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

/**
 * The owner's local socket (DESIGN.md §9): newline-delimited JSON. Each request line `{ id, channel,
 * input }` is answered by `{ id, ...result }` from the same dispatcher (same validation, same result
 * union); every app event goes to every client as `{ event, payload }`. Nothing else is served. The
 * file is owner-only (0600) inside an owner-only folder; on Windows a named pipe.
 */
export async function listenLocalSocket(path: string, app: SocketApp, logger: Logger): Promise<{ close(): Promise<void> }> {
  const clients = new Set<Socket>();
  const server: Server = createServer((socket) => serveClient(socket, app, clients, logger));
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

function serveClient(socket: Socket, app: SocketApp, clients: Set<Socket>, logger: Logger): void {
  clients.add(socket);
  const send = (message: unknown) => {
    if (!socket.destroyed) socket.write(`${JSON.stringify(message)}\n`);
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
      if (line.trim()) void answer(line, app).then(send);
    }
    if (Buffer.byteLength(buffered) > MAX_REQUEST_BYTES) {
      send({ id: null, ok: false, error: appError('invalid_request', 'The request is larger than 1 MiB.') });
      socket.end();
    }
  });
}

async function answer(line: string, app: SocketApp): Promise<unknown> {
  let request: SocketRequest;
  try {
    request = JSON.parse(line) as SocketRequest;
  } catch {
    return { id: null, ok: false, error: appError('invalid_request', 'The request is not valid JSON.') };
  }
  const id = typeof request?.id === 'string' || typeof request?.id === 'number' ? request.id : null;
  if (id === null || typeof request.channel !== 'string') {
    return { id, ok: false, error: appError('invalid_request', 'Send { "id", "channel", "input" } on one line.') };
  }
  return { id, ...(await app.dispatch(request.channel, request.input ?? {})) };
}

function removeIfPresent(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
