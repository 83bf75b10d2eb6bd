import type { PostMediaRef } from '../../src-shared/posts';
import { MINUTE, type Clock } from '../config/clock';
import type { MediaHostingService } from '../media/hosting/service';

/** A hosting check that passed stays good this long: scheduling ten posts makes one test upload, not ten. */
const HOSTING_CHECK_TTL_MS = 10 * MINUTE;

/**
 * Before a post is scheduled or published: can Instagram fetch its media? Pasted links are fetched
 * (their first bytes) and imported files need hosting that works (a test upload and fetch). The
 * sandbox hosts media itself, so it needs neither.
 */
export class MediaReachability {
  private hostingCheckedAt: number | null = null;

  constructor(
    private readonly deps: {
      hosting: Pick<MediaHostingService, 'check' | 'publicUrls'>;
      clock: Clock;
      inSandbox: () => boolean;
    },
  ) {}

  async verify(media: PostMediaRef[]): Promise<void> {
    if (this.deps.inSandbox()) return;
    for (const ref of media) if ('url' in ref) await this.deps.hosting.publicUrls.verify(ref.url);
    if (!media.some((ref) => 'mediaId' in ref)) return;
    const now = this.deps.clock.now();
    if (this.hostingCheckedAt !== null && now - this.hostingCheckedAt < HOSTING_CHECK_TTL_MS) return;
    await this.deps.hosting.check();
    this.hostingCheckedAt = now;
  }
}
