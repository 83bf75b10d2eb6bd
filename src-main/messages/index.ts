import { DAY, MINUTE } from '../config/clock';
import type { DomainEvents } from '../config/events';
import { isFailure } from '../config/failure';
import { MessagesRepo } from '../db/messagesRepo';
import { registerAccountPolls } from '../jobs/accountPolls';
import type { JobRunner } from '../jobs/runner';
import type { BackgroundGate } from '../ratelimit/gate';
import { MessagesService, type MessagesDeps, type MessagesPollScope } from './service';

export const MESSAGES_POLL_JOB = 'messages.poll';
/**
 * Webhooks would need a public HTTPS server and a Live app (fact sheet §13), so Postdeck polls: conversations
 * with a message in the last day every 2 minutes, the others every 30.
 */
export const MESSAGES_POLL_INTERVAL_MS: Readonly<Record<MessagesPollScope, number>> = { active: 2 * MINUTE, quiet: 30 * MINUTE };
/** Messages just turned on are first polled this soon (the Messages screen is usually open by then). */
export const FIRST_MESSAGES_POLL_MS = 10_000;


export interface Messages {
  service: MessagesService;
  /** At start, on connect and when messages are turned on: every account with messages on gets its two polls. */
  scheduleAccounts(): void;
}

/**
 * The direct-messages room: the service behind the channels, and persisted polls per account with messages on
 * that ask the `BackgroundGate` (the rate-limit governor) first and stop between conversations while it pauses
 * them. A user's own request (refresh, send) never passes the gate.
 */
export function createMessages(deps: Omit<MessagesDeps, 'repo'> & { domain: DomainEvents; jobs: JobRunner; gate?: BackgroundGate | undefined }): Messages {
  const repo = new MessagesRepo(deps.db);
  const service = new MessagesService({ ...deps, repo });

  const scheduleAccounts = registerAccountPolls(deps, {
    kind: MESSAGES_POLL_JOB,
    keyPrefix: 'messages',
    scopes: ['active', 'quiet'],
    intervalMs: MESSAGES_POLL_INTERVAL_MS,
    firstPollMs: FIRST_MESSAGES_POLL_MS,
    // Turned off since: the job ends; turning messages on again books it anew.
    applies: (account) => account.messagesEnabled,
    poll: (accountId, scope, keepGoing) => service.poll(accountId, scope, keepGoing),
    // Instagram refused the messages permission: looked at again tomorrow (the user may grant it again).
    ownFailure: (error) => (isFailure(error) && error.code === 'messages_not_enabled' ? { retryAt: deps.clock.now() + DAY, reason: error.code } : undefined),
  });

  deps.domain.on('account.connected', scheduleAccounts);
  deps.domain.on('account.reconnected', scheduleAccounts);
  deps.domain.on('account.messagesEnabled', scheduleAccounts);

  return { service, scheduleAccounts };
}
