import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../src-main/config/logger';
import { listenLocalSocket, type LocalSocketOptions, type SocketApp } from '../../../src-main/host/localSocket';
import { socketPathFor } from '../../../src-main/host/ownerLock';
import type { AppEvent } from '../../../src-shared/events';
import { MAX_REQUEST_BYTES } from '../../../src-shared/ipc';
import { startHarness, type Harness } from '../../helpers/harness';

/** A raw client: writes lines, hands back each line the owner sends. */
class RawClient {
  private lines: string[] = [];
  private waiting: Array<() => void> = [];
  private buffered = '';
  constructor(readonly socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.buffered += chunk;
      const parts = this.buffered.split('\n');
      this.buffered = parts.pop()!;
      this.lines.push(...parts);
      for (const wake of this.waiting.splice(0)) wake();
    });
  }
  static open(path: string): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(path, () => resolve(new RawClient(socket)));
      socket.once('error', reject);
    });
  }
  send(line: string): void {
    this.socket.write(`${line}\n`);
  }
  /** The next line matching `match` (events and answers arrive on the same stream). */
  async next(match: (message: Record<string, unknown>) => boolean = () => true): Promise<Record<string, unknown>> {
    for (;;) {
      const index = this.lines.findIndex((line) => match(JSON.parse(line)));
      if (index >= 0) return JSON.parse(this.lines.splice(index, 1)[0]!);
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }
}

describe('the owner\'s local socket', () => {
  let harness: Harness;
  let socket: { close(): Promise<void> };
  let client: RawClient;
  const path = () => socketPathFor(harness.dataDir);

  beforeAll(async () => {
    harness = await startHarness();
    socket = await listenLocalSocket(path(), harness.app, silentLogger);
    client = await RawClient.open(path());
  });
  afterAll(async () => {
    client?.socket.destroy();
    await socket?.close();
    await harness?.close();
  });

  it('is a socket file in the data folder that only its owner can open (0600)', () => {
    expect(path()).toBe(join(harness.dataDir, 'postdeck.sock'));
    const stat = statSync(path());
    expect(stat.isSocket()).toBe(true);
    expect(stat.mode & 0o777).toBe(0o600);
  });

  it('answers a request with the same result union the renderer gets', async () => {
    client.send(JSON.stringify({ id: 1, channel: 'accounts.list', input: {} }));
    expect(await client.next((m) => m.id === 1)).toEqual({ id: 1, ...(await harness.app.dispatch('accounts.list', {})) });
  });

  it('refuses an unknown channel and invalid input exactly as the dispatcher does, and bad JSON as invalid_request', async () => {
    client.send(JSON.stringify({ id: 'u', channel: 'accounts.steal', input: {} }));
    expect(await client.next((m) => m.id === 'u')).toEqual({ id: 'u', ...(await harness.app.dispatch('accounts.steal', {})) });

    const invalid = { accountId: 'not-a-uuid' };
    client.send(JSON.stringify({ id: 2, channel: 'accounts.disconnect', input: invalid }));
    const answer = await client.next((m) => m.id === 2);
    expect(answer).toEqual({ id: 2, ...(await harness.app.dispatch('accounts.disconnect', invalid)) });
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_request' } });

    client.send('{not json');
    expect(await client.next((m) => m.id === null)).toMatchObject({ ok: false, error: { code: 'invalid_request', detail: 'The request is not valid JSON.' } });
    // The connection survives a bad line.
    client.send(JSON.stringify({ id: 3, channel: 'app.info' }));
    expect(await client.next((m) => m.id === 3)).toMatchObject({ ok: true, value: { mode: 'sandbox' } });
  });

  it('pushes the app\'s events to every client', async () => {
    client.send(JSON.stringify({ id: 4, channel: 'accounts.connect', input: {} }));
    const started = (await client.next((m) => m.id === 4)) as { value: { attemptId: string } };
    client.send(JSON.stringify({ id: 5, channel: 'accounts.cancelConnect', input: { attemptId: started.value.attemptId } }));
    expect(await client.next((m) => m.event === 'connect.finished')).toMatchObject({
      event: 'connect.finished',
      payload: { attemptId: started.value.attemptId, ok: false, error: { code: 'cancelled' } },
    });
  });
});

describe('the local socket keeps the host safe from its clients', () => {
  let dir: string;
  let socket: { close(): Promise<void> } | null = null;
  const clients: Socket[] = [];

  /** A socket over a stand-in app: `dispatch` and the event listener are the test's to drive. */
  async function listen(dispatch: SocketApp['dispatch'], options: LocalSocketOptions = {}) {
    dir = mkdtempSync(join(tmpdir(), 'postdeck-socket-'));
    const listeners = new Set<(event: AppEvent) => void>();
    const unsubscribed = vi.fn();
    let dropped!: () => void;
    /** Resolves once the socket has let the client go (it unsubscribes the client's events). */
    const released = new Promise<void>((resolve) => (dropped = resolve));
    const app: SocketApp = {
      dispatch,
      subscribe(listener) {
        listeners.add(listener);
        return () => {
          listeners.delete(listener);
          unsubscribed();
          dropped();
        };
      },
    };
    socket = await listenLocalSocket(join(dir, 'postdeck.sock'), app, silentLogger, options);
    const client = await RawClient.open(join(dir, 'postdeck.sock'));
    clients.push(client.socket);
    return { client, listeners, unsubscribed, released };
  }

  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy();
    await socket?.close();
    socket = null;
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a request whose handling throws as internal_error, and goes on answering', async () => {
    const dispatch = vi.fn<SocketApp['dispatch']>().mockRejectedValueOnce(new TypeError('Invalid URL')).mockResolvedValue({ ok: true, value: {} });
    const { client } = await listen(dispatch);
    client.send(JSON.stringify({ id: 1, channel: 'settings.setMediaHosting', input: { kind: 'tunnel', localPort: 5000, publicBaseUrl: '' } }));
    expect(await client.next((m) => m.id === 1)).toMatchObject({ id: 1, ok: false, error: { code: 'internal_error' } });
    client.send(JSON.stringify({ id: 2, channel: 'app.info' }));
    expect(await client.next((m) => m.id === 2)).toEqual({ id: 2, ok: true, value: {} });
  });

  it('closes a client that stays idle past the idle timeout', async () => {
    const { client, released, unsubscribed } = await listen(async () => ({ ok: true, value: {} }), { idleTimeoutMs: 20 });
    await Promise.all([once(client.socket, 'close'), released]);
    expect(unsubscribed).toHaveBeenCalledTimes(1);
  });

  it('closes a client that stops reading once its unread output passes the bound, instead of buffering without end', async () => {
    const maxUnreadBytes = 256 * 1024;
    const { client, listeners, unsubscribed } = await listen(async () => ({ ok: true, value: {} }), { maxUnreadBytes });
    client.socket.pause();
    const payload = { attemptId: 'x'.repeat(64 * 1024), step: 'waiting' } as never;
    let sent = 0;
    // Each event is written synchronously; a bounded socket drops the client within a few bounds' worth.
    while (listeners.size > 0 && sent < 1_000) {
      for (const listener of [...listeners]) listener({ name: 'connect.progress', payload } as AppEvent);
      sent += 1;
    }
    expect(unsubscribed).toHaveBeenCalledTimes(1);
    expect(sent * 64 * 1024).toBeLessThan(64 * maxUnreadBytes);
  });

  it('refuses a request line over 1 MiB and ends the connection', async () => {
    const dispatch = vi.fn<SocketApp['dispatch']>();
    const { client } = await listen(dispatch);
    const closed = once(client.socket, 'close');
    client.socket.write('x'.repeat(MAX_REQUEST_BYTES + 1));
    expect(await client.next((m) => m.id === null)).toMatchObject({ ok: false, error: { code: 'invalid_request', detail: 'The request is larger than 1 MiB.' } });
    await closed;
    expect(dispatch).not.toHaveBeenCalled();
  });
});
