/**
 * "In sandbox mode the sandbox hosts media itself": bytes handed in-process are served publicly (GET/HEAD)
 * at `/media/<256-bit random>` until removed, so Postdeck needs no hosting set-up against the sandbox.
 * In memory only: hosted files do not survive a restart (the publisher hosts again when it recreates).
 */
import { newMediaSecret } from '../ids';
import { SandboxInputError } from '../types';

export interface HostedFile {
  bytes: Buffer;
  contentType: string;
  /** GET and HEAD requests answered for it. */
  fetches: number;
}

export interface HostedMedia {
  /** Absolute URL: `http://127.0.0.1:PORT/media/<secret>`. */
  url: string;
  /** Requests answered for it so far (the sandbox's own fetch at container creation counts). */
  fetches(): number;
  /** Stops serving it: 404 from now on. */
  remove(): void;
}

export const HOSTED_MEDIA_PATH = /^\/media\/([A-Za-z0-9_-]{43})$/;

export class MediaHost {
  private files = new Map<string, HostedFile>();

  /** Hosts a copy of `bytes`; `path` is `/media/<secret>`. */
  host(bytes: Uint8Array, contentType: string): { path: string; fetches: () => number; remove: () => void } {
    if (!/^[\w.+-]+\/[\w.+-]+$/.test(contentType)) throw new SandboxInputError('contentType must be a media type such as image/jpeg');
    const secret = newMediaSecret();
    const file: HostedFile = { bytes: Buffer.from(bytes), contentType, fetches: 0 };
    this.files.set(secret, file);
    return { path: `/media/${secret}`, fetches: () => file.fetches, remove: () => void this.files.delete(secret) };
  }

  /** The file at this path, counting the fetch; undefined for anything not hosted now. */
  fetch(path: string): HostedFile | undefined {
    const secret = HOSTED_MEDIA_PATH.exec(path)?.[1];
    const file = secret ? this.files.get(secret) : undefined;
    if (file) file.fetches++;
    return file;
  }
}
