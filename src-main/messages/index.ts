import { z } from 'zod';
import { MINUTE } from '../config/clock';
import type { DomainEvents } from '../config/events';
import { isFailure } from '../config/failure';
import { MessagesRepo } from '../db/messagesRepo';
import type { JobRunner, ScheduleInput } from '../jobs/runner';
import { backgroundFailure } from '../ratelimit/background';
import { OPEN_GATE, passGate, type BackgroundGate } from '../ratelimit/gate';
import { MessagesService, type MessagesDeps, type MessagesPollScope } from './service';

export const MESSAGES_POLL_JOB = 'messages.poll';
/**
 * Webhooks would need a public HTTPS server and a Live app (fact sheet §13), so Postdeck polls: conversations
 * with a message in the last day every 2 minutes, the others every 30.
 */
export const MESSAGES_POLL_INTERVAL_MS: Readonly<Record<MessagesPollScope, number>> = { active: 2 * MINUTE, quiet: 30 * MINUTE };
/** Messages just turned on are first polled this soon (the Messages screen is usually open by then). */
export const FIRST_MESSAGES_POLL_MS = 10_000;

const payloadSchema = z.object({ accountId: z.string(), scope: z.enum(['active', 'quiet']) });
type PollPayload = z.infer<typeof payloadSchema>;
const pollKey = (accountId: string, scope: MessagesPollScope) => `messages:${scope}:${accountId}`;

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
  const gate = deps.gate ?? OPEN_GATE;
  const repo = new MessagesRepo(deps.db);
  const service = new MessagesService({ ...deps, repo });

  deps.jobs.register<PollPayload>(
    MESSAGES_POLL_JOB,
    async (job) => {
      const { accountId, scope } = job.payload;
      // Turned off since: the job ends; turning messages on again books it anew.
      if (!deps.accounts.get(accountId)?.messagesEnabled) return { done: true };
      const putOff = await passGate(gate, accountId);
      if (putOff) return putOff;
      try {
        await service.poll(accountId, scope, () => !gate.paused?.(accountId));
      } catch (error) {
        // Instagram refused the messages permission: looked at again tomorrow (the user may grant it again).
        if (isFailure(error) && error.code === 'messages_not_enabled') return { retryAt: deps.clock.now() + 24 * 60 * MINUTE, reason: error.code };
        return backgroundFailure(error, job.attempts, deps.clock.now());
      }
      const next = deps.clock.now() + MESSAGES_POLL_INTERVAL_MS[scope];
      return { rescheduleAt: Math.max(next, gate.notBefore?.(accountId) ?? 0) };
    },
    (raw) => payloadSchema.parse(raw),
    { background: true },
  );

  const scheduleAccounts = () => {
    const pending = new Set(deps.jobs.pending({ kind: MESSAGES_POLL_JOB }).map((job) => job.key));
    const missing: ScheduleInput[] = [];
    for (const environment of ['sandbox', 'live'] as const) {
      for (const account of deps.accounts.list(environment)) {
        if (!account.messagesEnabled) continue;
        for (const scope of ['active', 'quiet'] as const) {
          if (pending.has(pollKey(account.id, scope))) continue;
          missing.push({ kind: MESSAGES_POLL_JOB, key: pollKey(account.id, scope), dueAt: deps.clock.now() + FIRST_MESSAGES_POLL_MS, environment, payload: { accountId: account.id, scope } });
        }
      }
    }
    deps.jobs.scheduleAll(missing);
  };

  deps.domain.on('account.connected', scheduleAccounts);
  deps.domain.on('account.reconnected', scheduleAccounts);
  deps.domain.on('account.messagesEnabled', scheduleAccounts);

  return { service, scheduleAccounts };
}
