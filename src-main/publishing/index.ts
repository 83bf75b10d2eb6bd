import { z } from 'zod';
import type { AppMode } from '../../src-shared/models';
import type { Notifier } from '../accounts/alerts';
import type { AccountSessions } from '../accounts/session';
import type { Clock } from '../config/clock';
import type { DomainEvents, EventBus } from '../config/events';
import type { Logger } from '../config/logger';
import type { AccountsRepo } from '../db/accountsRepo';
import type { PostRecord, PostsRepo } from '../db/postsRepo';
import type { MediaFileLookup } from './rules';
import type { JobRunner } from '../jobs/runner';
import type { MediaSource } from './mediaSource';
import { PostsService } from './posts';
import { PUBLISH_JOB, Publisher } from './publisher';

/** A slot missed while the app was closed still goes out this late; later, it waits for approval. */

const publishPayload = z.object({ postId: z.string() });

export interface Publishing {
  posts: PostsService;
  publisher: Publisher;
  /** At start, before the job runner: decide what happens to slots missed while the app was closed. */
  catchUp(): void;
}

/** The publishing room, built on the app's job runner and the account door. */
export function createPublishing(deps: {
  posts: PostsRepo;
  accounts: AccountsRepo;
  sessions: Pick<AccountSessions, 'withAccount'>;
  jobs: JobRunner;
  media: MediaSource;
  clock: Clock;
  events: EventBus;
  domain: DomainEvents;
  logger: Logger;
  notifier?: Notifier | undefined;
  mode: () => AppMode;
  verifyMedia: (post: PostRecord) => Promise<void>;
  mediaFiles: MediaFileLookup;
  /** How late a slot missed while the app was closed may still publish (Settings). */
  missedSlotGraceMs: () => number;
}): Publishing {
  const publisher = new Publisher({
    posts: deps.posts,
    sessions: deps.sessions,
    jobs: deps.jobs,
    media: deps.media,
    mediaFiles: deps.mediaFiles,
    clock: deps.clock,
    events: deps.events,
    domain: deps.domain,
    logger: deps.logger,
    ...(deps.notifier ? { notifier: deps.notifier } : {}),
  });
  deps.jobs.register<{ postId: string }>(PUBLISH_JOB, (job) => publisher.run(job), (raw) => publishPayload.parse(raw));
  deps.domain.on('account.reconnected', () => publisher.resumeHeld());
  deps.domain.on('media.fetched', (fetch) => publisher.recordFetch(fetch));
  const posts = new PostsService({
    posts: deps.posts,
    accounts: deps.accounts,
    jobs: deps.jobs,
    clock: deps.clock,
    events: deps.events,
    mode: deps.mode,
    verifyMedia: deps.verifyMedia,
    mediaFiles: deps.mediaFiles,
    firstComments: publisher,
  });
  return { posts, publisher, catchUp: () => posts.catchUpMissedSlots(deps.missedSlotGraceMs()) };
}
