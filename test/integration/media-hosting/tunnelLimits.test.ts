import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { MAX_CONNECTIONS } from '../../../src-main/config/connectionCap';
import { ManualClock } from '../../../src-main/config/manualClock';
import { silentLogger } from '../../../src-main/config/logger';
import { TunnelMediaHost, type TunnelMediaHostOptions } from '../../../src-main/media/hosting/tunnel';
import { closedPort } from './helpers';

const sockets: Socket[] = [];
let host: TunnelMediaHost | null = null;

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await host?.stop();
  host = null;
});

async function startHost(timeouts?: TunnelMediaHostOptions['timeouts']): Promise<number> {
  const localPort = await closedPort();
  host = new TunnelMediaHost({
    settings: { kind: 'tunnel', localPort, publicBaseUrl: `http://127.0.0.1:${localPort}` },
    clock: new ManualClock(),
    logger: silentLogger,
    onFetch: () => {},
    timeouts,
  });
  await host.start();
  return localPort;
}

async function openSocket(port: number): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  sockets.push(socket);
  await once(socket, 'connect');
  return socket;
}

/** Sends one keep-alive request on an open connection and returns the first chunk of the answer. */
async function ask(socket: Socket): Promise<string> {
  socket.write('HEAD /nothing-here HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
  const [chunk] = (await once(socket, 'data')) as [Buffer];
  return chunk.toString('latin1');
}

it(`holds ${MAX_CONNECTIONS} connections and answers 503 on the next, closing it`, async () => {
  const port = await startHost();
  // An answer on each shows the server has counted that connection.
  const answers = await Promise.all(Array.from({ length: MAX_CONNECTIONS }, async () => ask(await openSocket(port))));
  expect(answers.every((answer) => answer.startsWith('HTTP/1.1 404'))).toBe(true);

  const extra = await openSocket(port);
  const refused = await ask(extra);
  expect(refused).toMatch(/^HTTP\/1\.1 503/);
  expect(refused.toLowerCase()).toContain('connection: close');
  await once(extra, 'close');
});

it('closes a connection whose headers do not arrive in time, and one that sends nothing', async () => {
  const port = await startHost({ headersMs: 200, checkEveryMs: 50 });
  const [halfSent, idle] = [connect(port, '127.0.0.1'), connect(port, '127.0.0.1')];
  sockets.push(halfSent, idle);
  const closed = Promise.all([once(halfSent, 'close'), once(idle, 'close')]);
  halfSent.write('GET /nothing-here HTTP/1.1\r\nHost: 127.0.0.1\r\n');
  // Reads (and drops) a 408 answer: an unread answer would hold back the socket's end, and its close.
  halfSent.resume();
  await closed;
});
