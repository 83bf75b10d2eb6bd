import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * A browser opens about six connections per host and Meta's fetcher a few per post; more than this is a
 * runaway script or a flood, answered 503 instead of served.
 */
export const MAX_CONNECTIONS = 64;

/**
 * Admits the first `max` open connections; a connection opened while that many are open is not
 * admitted, and its requests get 503 (a clear answer, where `server.maxConnections` would just drop it).
 */
export function admitConnections(server: Server, max: number): (socket: Socket) => boolean {
  const admitted = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    if (admitted.size >= max) return;
    admitted.add(socket);
    socket.once('close', () => admitted.delete(socket));
  });
  return (socket) => admitted.has(socket);
}
