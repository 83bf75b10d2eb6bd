import { HOUR, MINUTE } from '../config/clock';
import { CommentsRepo } from '../db/commentsRepo';
import type { DomainEvents } from '../config/events';
import type { Database } from '../db/database';
import { registerAccountPolls } from '../jobs/accountPolls';
import type { JobRunner } from '../jobs/runner';
import type { BackgroundGate } from '../ratelimit/gate';
import { CommentsService, type CommentsDeps, type PollScope } from './service';

export const COMMENTS_POLL_JOB = 'comments.poll';
export const COMMENTS_SCOPE = 'instagram_business_manage_comments';
/** Webhooks need a public server (fact sheet §7), so Postdeck polls: recent media often, older ones hourly. */
export const POLL_INTERVAL_MS: Readonly<Record<PollScope, number>> = { recent: 5 * MINUTE, older: HOUR };
/** A newly found account is first polled this much later, off the busy start. */
export const FIRST_POLL_MS = MINUTE;


export interface Comments {
  service: CommentsService;
  /** The comments as stored; direct messages read them for private replies. */
  repo: CommentsRepo;
  /** At start and on connect: every account with the comments permission gets its two polls. */
  scheduleAccounts(): void;
}

/**
 * The comments room: the service behind the channels, and persisted polls per account that ask the
 * `BackgroundGate` (the rate-limit governor) first and stop between media while it pauses them.
 */
export function createComments(
  deps: Omit<CommentsDeps, 'repo'> & {
    db: Database;
    domain: DomainEvents;
    jobs: JobRunner;
    gate?: BackgroundGate | undefined;
  },
): Comments {
  const repo = new CommentsRepo(deps.db);
  const service = new CommentsService({ ...deps, repo });

  const scheduleAccounts = registerAccountPolls(deps, {
    kind: COMMENTS_POLL_JOB,
    keyPrefix: 'comments',
    scopes: ['recent', 'older'],
    intervalMs: POLL_INTERVAL_MS,
    firstPollMs: FIRST_POLL_MS,
    applies: (account) => account.scopes.includes(COMMENTS_SCOPE),
    poll: (accountId, scope, keepGoing) => service.poll(accountId, scope, keepGoing),
  });

  deps.domain.on('account.connected', scheduleAccounts);

  return { service, repo, scheduleAccounts };
}
