import type { ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';

/**
 * Pipes a file (or bytes) into an HTTP answer. Resolves when the answer closes, finished or cut off by the
 * client (the source is destroyed then, so no file stays open); rejects on a read error without touching
 * the response, so the caller can still answer a clean 500 or, part-way through, cut the connection.
 * Either way the server keeps running: an unhandled stream error would end the process.
 */
export function streamResponse(source: Readable, response: ServerResponse): Promise<void> {
  return new Promise((resolve, reject) => {
    source.once('error', reject);
    response.once('close', () => {
      source.destroy();
      resolve();
    });
    source.pipe(response);
  });
}
