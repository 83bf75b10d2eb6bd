import { connect, type Socket } from 'node:net';
import type { AppError, Result } from '../../src-shared/errors';

/** The owner is not there: nothing listens on the folder's socket. */
export class NoOwnerError extends Error {
  override readonly name = 'NoOwnerError';
}

type Pending = (result: Result<unknown>) => void;

/** A client of the owner's local socket: calls channels, and hears the events the owner pushes. */
export class OwnerClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<(name: string, payload: unknown) => void>();
  private buffered = '';

  private constructor(private readonly socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.receive(chunk));
    socket.on('close', () => {
      for (const settle of this.pending.values()) settle({ ok: false, error: lostOwner() });
      this.pending.clear();
    });
  }

  static open(path: string): Promise<OwnerClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(path);
      socket.once('connect', () => {
        socket.removeAllListeners('error');
        socket.on('error', () => socket.destroy());
        resolve(new OwnerClient(socket));
      });
      socket.once('error', (error: NodeJS.ErrnoException) => reject(new NoOwnerError(error.code ?? error.message)));
    });
  }

  call<T = unknown>(channel: string, input: unknown = {}): Promise<Result<T>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve as Pending);
      this.socket.write(`${JSON.stringify({ id, channel, input })}\n`);
    });
  }

  /** Calls `listener` for every event until the returned function is called. */
  onEvent(listener: (name: string, payload: unknown) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.socket.end();
  }

  private receive(chunk: string): void {
    this.buffered += chunk;
    let newline: number;
    while ((newline = this.buffered.indexOf('\n')) >= 0) {
      const message = JSON.parse(this.buffered.slice(0, newline)) as { id?: number; event?: string; payload?: unknown } & Result<unknown>;
      this.buffered = this.buffered.slice(newline + 1);
      if (typeof message.event === 'string') {
        for (const listener of this.listeners) listener(message.event, message.payload);
      } else if (typeof message.id === 'number') {
        const { id, ...result } = message;
        this.pending.get(id)?.(result as Result<unknown>);
        this.pending.delete(id);
      }
    }
  }
}

function lostOwner(): AppError {
  return { code: 'internal_error', message: 'Postdeck stopped before it answered.', action: 'Start it again and retry.' };
}
