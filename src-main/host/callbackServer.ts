import { createServer } from 'node:http';
import type { Result } from '../../src-shared/errors';
import { foreignCaller, ownOrigins } from '../config/loopbackGuard';
import { callbackPage } from './callbackPage';

/**
 * Where a loopback redirect URI (`http://127.0.0.1:PORT/path`: the sandbox, tests) lands when no browser
 * host is running: the headless owner answers GET `path` by finishing the sign-in, and nothing else.
 */
export async function listenForCallback(
  options: { port: number; path: string },
  finish: (url: string) => Promise<Result<unknown>>,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((request, response) => {
    const port = (server.address() as { port: number }).port;
    const url = new URL(request.url ?? '/', ownOrigins(port)[0]);
    if (foreignCaller(request.headers, port) || request.method !== 'GET' || url.pathname !== options.path) {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found.\n');
      return;
    }
    finish(url.href).then(
      (result) => {
        response.writeHead(result.ok ? 200 : 400, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' });
        response.end(callbackPage(result.ok ? null : result.error));
      },
      () => response.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}${options.path}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The port and path of a loopback `http://127.0.0.1:PORT/...` redirect URI, else null (an https address serves nothing here). */
export function loopbackRedirect(redirectUri: string): { port: number; path: string } | null {
  let url: URL;
  try {
    url = new URL(redirectUri);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' || !['127.0.0.1', 'localhost'].includes(url.hostname) || !url.port) return null;
  return { port: Number(url.port), path: url.pathname };
}
