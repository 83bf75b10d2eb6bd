import { once } from 'node:events';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { silentLogger } from '../../src-main/config/logger';
import { createWebServer } from '../../src-main/host/apiServer';
import type { Harness } from './harness';

/** The browser host's API server over a harness's app, listening on an ephemeral loopback port. */
export async function serveApi(harness: Harness, token: string): Promise<{ server: Server; base: string }> {
  const server = createWebServer({ token, staticDir: tmpdir(), logger: silentLogger, app: () => harness.app });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, base: `http://127.0.0.1:${(server.address() as { port: number }).port}` };
}
