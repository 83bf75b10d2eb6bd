import { createHash } from 'node:crypto';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { mkdir, stat } from 'node:fs/promises';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { join } from 'node:path';
import sharp from 'sharp';
import { Agent, request, type Dispatcher } from 'undici';
import { PREVIEW_MAX_SIDE } from '../../src-shared/mediaPreview';
import { Failure } from '../config/failure';
import { PRIVATE_FOLDER_MODE } from '../config/privateFiles';
import { writePicturePreview, type PreviewFile } from './previews';

/** A picture larger than this is not a photo worth previewing (Instagram takes 8 MB). */
export const LINK_MAX_BYTES = 20 * 1024 * 1024;
export const LINK_TIMEOUT_MS = 10_000;
export const LINK_MAX_REDIRECTS = 3;
const PICTURE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif'];

/**
 * Addresses a pasted link may never reach: this computer, the local network, link-local (cloud metadata),
 * carrier-grade NAT, multicast and reserved ranges, in IPv4 and IPv6 (IPv4-mapped included).
 */
const NOT_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv6');
}
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** Whether a link may reach this IP address: a public one, or this computer's loopback when allowed (tests). */
export function isReachableAddress(address: string, allowLoopback: boolean): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  const type = family === 4 ? 'ipv4' : 'ipv6';
  const mapped = type === 'ipv6' ? /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1] : undefined;
  if (mapped) return isReachableAddress(mapped, allowLoopback);
  if (allowLoopback && LOOPBACK.check(address, type)) return true;
  return !NOT_PUBLIC.check(address, type);
}

/**
 * Why a link's address may not be fetched (a sentence), or null: https on the default port, no user name or
 * password, and no IP literal outside the public internet. With loopback allowed (tests), http to this
 * computer at any port is also taken. A host name is checked again when it resolves.
 */
export function linkAddressProblem(address: string, allowLoopback: boolean): string | null {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return 'it is not a web address';
  }
  if (url.username || url.password) return 'it carries a user name or password';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const local = allowLoopback && (host === 'localhost' || (isIP(host) !== 0 && LOOPBACK.check(host, isIP(host) === 4 ? 'ipv4' : 'ipv6')));
  if (!local && url.protocol !== 'https:') return 'only https:// addresses are fetched';
  if (!local && url.port !== '') return 'only the standard https port is fetched';
  if (isIP(host) !== 0 && !isReachableAddress(host, allowLoopback)) return 'it points into a private network';
  return null;
}

/** A lookup that answers only public addresses (or loopback in tests), so a name cannot lead into the local network. */
export function guardedLookup(allowLoopback: boolean, resolve: typeof dnsLookup = dnsLookup): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const found = addresses as unknown as LookupAddress[];
      const refused = found.find((entry) => !isReachableAddress(entry.address, allowLoopback));
      if (refused || found.length === 0) return callback(Object.assign(new Error('private address'), { code: 'EPRIVATE' }), '', 0);
      if (options.all) return (callback as unknown as (e: null, all: LookupAddress[]) => void)(null, found);
      callback(null, found[0]!.address, found[0]!.family);
    });
  };
}

export interface LinkPreviewsOptions {
  /** The library's previews folder: link pictures sit beside the others, named by their address's hash. */
  folder: string;
  /** Tests that serve pictures from this computer allow loopback; the app never does. */
  allowLoopback: boolean;
  /** Tests pass their own; the app makes one whose lookups are guarded. */
  dispatcher?: Dispatcher;
  timeoutMs?: number;
}

export interface LinkPreview {
  previewId: string;
  width: number;
  height: number;
}

/**
 * Pictures of pasted image addresses the page may not load itself (its policy names only Instagram's hosts):
 * fetched here under guard (https, public addresses only, a size cap, a picture's content type, a time limit,
 * few redirects), made into a JPEG like the library's thumbnails, and served by the same media routes.
 */
export class LinkPreviews {
  private readonly dispatcher: Dispatcher;
  private readonly inFlight = new Map<string, Promise<LinkPreview>>();

  constructor(private readonly options: LinkPreviewsOptions) {
    this.dispatcher = options.dispatcher ?? new Agent({ connect: { lookup: guardedLookup(options.allowLoopback) } });
  }

  /** The picture of `address`, made now unless already made; `link_preview_failed` with the reason in words. */
  async make(address: string): Promise<LinkPreview> {
    const previewId = createHash('sha256').update(address).digest('hex');
    let making = this.inFlight.get(previewId);
    if (!making) {
      making = this.render(address, previewId).finally(() => this.inFlight.delete(previewId));
      this.inFlight.set(previewId, making);
    }
    return making;
  }

  /** A picture made before, by its id; null when there is none. */
  async file(previewId: string): Promise<PreviewFile | null> {
    if (!/^[0-9a-f]{64}$/.test(previewId)) return null;
    const path = this.pathOf(previewId);
    const found = await stat(path).catch(() => null);
    return found ? { path, contentType: 'image/jpeg', bytes: found.size } : null;
  }

  private pathOf(previewId: string): string {
    return join(this.options.folder, `link-${previewId}.jpg`);
  }

  private async render(address: string, previewId: string): Promise<LinkPreview> {
    const target = this.pathOf(previewId);
    const made = await stat(target).catch(() => null);
    if (made) {
      const { width = 0, height = 0 } = await sharp(target).metadata();
      return { previewId, width, height };
    }
    const bytes = await this.fetchPicture(address);
    await mkdir(this.options.folder, { recursive: true, mode: PRIVATE_FOLDER_MODE });
    try {
      const info = await writePicturePreview(bytes, PREVIEW_MAX_SIDE.large, target);
      return { previewId, width: info.width, height: info.height };
    } catch {
      throw refusal(address, 'the picture could not be read');
    }
  }

  private async fetchPicture(address: string): Promise<Buffer> {
    const signal = AbortSignal.timeout(this.options.timeoutMs ?? LINK_TIMEOUT_MS);
    const said = (error: unknown) => networkReason(error, signal, this.options.timeoutMs ?? LINK_TIMEOUT_MS);
    let current = address;
    for (let redirects = 0; ; redirects++) {
      const problem = linkAddressProblem(current, this.options.allowLoopback);
      if (problem) throw refusal(address, problem);
      let response: Dispatcher.ResponseData;
      try {
        response = await request(current, { method: 'GET', dispatcher: this.dispatcher, signal, headers: { accept: PICTURE_TYPES.join(', ') } });
      } catch (error) {
        throw refusal(address, said(error));
      }
      const location = response.headers.location;
      if (response.statusCode >= 300 && response.statusCode < 400 && typeof location === 'string') {
        await response.body.dump();
        if (redirects >= LINK_MAX_REDIRECTS) throw refusal(address, `it redirected more than ${LINK_MAX_REDIRECTS} times`);
        current = new URL(location, current).href;
        continue;
      }
      if (response.statusCode !== 200) {
        await response.body.dump();
        throw refusal(address, `it answered HTTP ${response.statusCode}`);
      }
      const type = String(response.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (!PICTURE_TYPES.includes(type)) {
        await response.body.dump();
        throw refusal(address, `it is not a picture (${type || 'no type given'})`);
      }
      if (Number(response.headers['content-length'] ?? 0) > LINK_MAX_BYTES) {
        await response.body.dump();
        throw refusal(address, tooLarge());
      }
      return readCapped(response, address, said);
    }
  }
}

async function readCapped(response: Dispatcher.ResponseData, address: string, said: (error: unknown) => string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body) {
      size += (chunk as Buffer).length;
      if (size > LINK_MAX_BYTES) {
        response.body.destroy();
        throw refusal(address, tooLarge());
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    throw error instanceof Failure ? error : refusal(address, said(error));
  }
  return Buffer.concat(chunks);
}

const tooLarge = () => `it is larger than ${LINK_MAX_BYTES / 1024 / 1024} MB`;

function networkReason(error: unknown, signal: AbortSignal, timeoutMs: number): string {
  if (signal.aborted) return `it did not answer within ${timeoutMs / 1000} seconds`;
  const code = (error as { code?: unknown; cause?: { code?: unknown } } | null)?.code ?? (error as { cause?: { code?: unknown } } | null)?.cause?.code;
  if (code === 'EPRIVATE') return 'it points into a private network';
  if (code === 'ENOTFOUND') return 'no such host';
  return 'it could not be reached';
}

/** The refusal, naming the host (never the whole address, which may carry a signature) and the reason. */
function refusal(address: string, reason: string): Failure {
  let host = 'that address';
  try {
    host = new URL(address).host || host;
  } catch {
    // Not an address at all: said as such.
  }
  return new Failure('link_preview_failed', `Couldn't load a preview from ${host}: ${reason}.`);
}
