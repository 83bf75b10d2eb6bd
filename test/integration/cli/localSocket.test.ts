import { statSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src-main/config/logger';
import { listenLocalSocket } from '../../../src-main/host/localSocket';
import { socketPathFor } from '../../../src-main/host/ownerLock';
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
