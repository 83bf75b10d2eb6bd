import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { HostedMedia, LocalMediaFile, MediaPublisher } from './types';

/** What the in-process sandbox offers: it serves bytes at a public (loopback) URL until removed. */
export type SandboxMediaServer = (bytes: Uint8Array, contentType: string) => { url: string; remove(): void };

/**
 * In sandbox mode the sandbox hosts media itself, so the whole product works with no set-up. Files
 * live in the sandbox's memory: after a restart a resumed post simply hosts them again.
 */
export class SandboxMediaHost implements MediaPublisher<LocalMediaFile> {
  readonly kind = 'sandbox' as const;
  private readonly live = new Map<string, () => void>();

  constructor(private readonly serve: SandboxMediaServer) {}

  async publish(file: LocalMediaFile): Promise<HostedMedia> {
    const served = this.serve(await readFile(file.path), file.contentType);
    const ref = randomBytes(16).toString('base64url');
    this.live.set(ref, served.remove);
    return { url: served.url, ref, release: () => this.release(ref) };
  }

  release(ref: string): Promise<void> {
    this.live.get(ref)?.();
    this.live.delete(ref);
    return Promise.resolve();
  }
}
