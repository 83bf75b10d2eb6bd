import type { Dispatcher } from 'undici';
import { isAllowedMediaAddress } from '../../../src-shared/mediaHosting';
import { Failure } from '../../config/failure';
import { fetchPublic } from './fetchPublic';
import type { HostedMedia, MediaPublisher, RemoteMedia } from './types';

/**
 * A URL the user pasted, made safe to hand Instagram: https (http only on loopback), no credentials,
 * no `#` part (a fragment never reaches the server, so it can only confuse), and US-ASCII, which Meta
 * requires (instagram-platform.md §6): the WHATWG serialisation always is, because parsing
 * percent-encodes spaces and non-ASCII path and query characters and punycodes the host.
 */
export function normalizePublicUrl(raw: string): string {
  let url: URL;
  try {
    // Parsing also drops leading and trailing spaces.
    url = new URL(raw);
  } catch {
    throw new Failure('hosting_url_invalid');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Failure('hosting_url_invalid');
  if (raw.includes('#')) throw new Failure('hosting_url_invalid', 'The address has a # part.');
  if (url.username || url.password) throw new Failure('hosting_url_invalid', 'The address contains a user name or password.');
  if (!isAllowedMediaAddress(url.href)) throw new Failure('hosting_url_not_https');
  return url.href;
}

/** Media the user already hosts: nothing to upload and nothing to delete. */
export class PublicUrlMediaHost implements MediaPublisher<RemoteMedia> {
  readonly kind = 'public_url';

  constructor(private readonly options: { dispatcher?: Dispatcher } = {}) {}

  async publish(source: RemoteMedia): Promise<HostedMedia> {
    const url = normalizePublicUrl(source.url);
    return { url, ref: url, release: async () => {} };
  }

  async release(): Promise<void> {}

  /**
   * Before scheduling: the link answers with an image or a video, as Meta's fetch will need.
   * Reads only the first bytes.
   */
  async verify(rawUrl: string): Promise<void> {
    const url = normalizePublicUrl(rawUrl);
    const outcome = await fetchPublic(url, { dispatcher: this.options.dispatcher, headers: { range: 'bytes=0-1023' }, maxBytes: 1024 });
    if (outcome.kind === 'no_answer') throw new Failure('hosting_media_unavailable', `No answer (${outcome.reason}).`);
    if (outcome.status !== 200 && outcome.status !== 206) {
      throw new Failure('hosting_media_unavailable', `The link answered with HTTP ${outcome.status}.`);
    }
    if (!/^(image|video)\//i.test(outcome.contentType ?? '')) {
      throw new Failure('hosting_media_unavailable', `The link answered with ${outcome.contentType ?? 'no content type'}, not an image or video.`);
    }
  }
}
