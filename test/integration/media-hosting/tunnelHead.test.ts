import { request } from 'undici';
import { afterEach, expect, it, vi } from 'vitest';
import { ManualClock } from '../../../src-main/config/manualClock';
import { silentLogger } from '../../../src-main/config/logger';
import { TunnelMediaHost } from '../../../src-main/media/hosting/tunnel';
import { closedPort, tempDir, writeMedia } from './helpers';

// Node drops a HEAD response's body by itself, so only counting file reads shows that HEAD does not
// read a (possibly 300 MB) video for nothing.
const reads = vi.hoisted(() => ({ count: 0 }));
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  return {
    ...actual,
    createReadStream: (...args: Parameters<typeof actual.createReadStream>) => {
      reads.count += 1;
      return actual.createReadStream(...args);
    },
  };
});

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(cleanup.map((step) => step()));
  cleanup = [];
});

it('answers HEAD without reading the file, and GET by reading it', async () => {
  const dir = await tempDir();
  const localPort = await closedPort();
  const host = new TunnelMediaHost({
    settings: { kind: 'tunnel', localPort, publicBaseUrl: `http://127.0.0.1:${localPort}` },
    clock: new ManualClock(),
    logger: silentLogger,
    onFetch: () => {},
  });
  cleanup.push(() => host.stop(), dir.remove);
  const path = await writeMedia(dir.path, 'clip.mp4', Buffer.alloc(10_000, 1));
  const hosted = await host.publish({ path, contentType: 'video/mp4', bytes: 10_000 }, { postId: 'p', itemIndex: 0 });

  const head = await request(hosted.url, { method: 'HEAD' });
  await head.body.dump();
  expect(head.statusCode).toBe(200);
  expect(reads.count).toBe(0);

  const get = await request(hosted.url);
  await get.body.dump();
  expect(reads.count).toBe(1);
});
