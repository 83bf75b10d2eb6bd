import { z } from 'zod';
import { HOUR, MINUTE } from '../config/clock';
import { CommentsRepo } from '../db/commentsRepo';
import type { DomainEvents } from '../config/events';
import type { Database } from '../db/database';
import type { JobRunner, ScheduleInput } from '../jobs/runner';
import { backgroundFailure } from '../ratelimit/background';
import { OPEN_GATE, passGate, type BackgroundGate } from '../ratelimit/gate';
import { CommentsService, type CommentsDeps, type PollScope } from './service';

export const COMMENTS_POLL_JOB = 'comments.poll';
export const COMMENTS_SCOPE = 'instagram_business_manage_comments';
/** Webhooks need a public server (fact sheet §7), so Postdeck polls: recent media often, older ones hourly. */
export const POLL_INTERVAL_MS: Readonly<Record<PollScope, number>> = { recent: 5 * MINUTE, older: HOUR };
/** A newly found account is first polled this much later, off the busy start. */
export const FIRST_POLL_MS = MINUTE;

const payloadSchema = z.object({ accountId: z.string(), scope: z.enum(['recent', 'older']) });
type PollPayload = z.infer<typeof payloadSchema>;
const pollKey = (accountId: string, scope: PollScope) => `comments:${scope}:${accountId}`;

export interface Comments {
  service: CommentsService;
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
  const gate = deps.gate ?? OPEN_GATE;
  const service = new CommentsService({ ...deps, repo: new CommentsRepo(deps.db) });

  deps.jobs.register<PollPayload>(
    COMMENTS_POLL_JOB,
    async (job) => {
      const { accountId, scope } = job.payload;
      if (!deps.accounts.get(accountId)?.scopes.includes(COMMENTS_SCOPE)) return { done: true };
      const putOff = await passGate(gate, accountId);
      if (putOff) return putOff;
      try {
        await service.poll(accountId, scope, () => !gate.paused?.(accountId));
      } catch (error) {
        return backgroundFailure(error, job.attempts, deps.clock.now());
      }
      // Paused half-way: the rest waits for the governor; a re-poll merges by id, so starting over is safe.
      const next = deps.clock.now() + POLL_INTERVAL_MS[scope];
      return { rescheduleAt: Math.max(next, gate.notBefore?.(accountId) ?? 0) };
    },
    (raw) => payloadSchema.parse(raw),
    { background: true },
  );

  const scheduleAccounts = () => {
    const pending = new Set(deps.jobs.pending({ kind: COMMENTS_POLL_JOB }).map((job) => job.key));
    const missing: ScheduleInput[] = [];
    for (const environment of ['sandbox', 'live'] as const) {
      for (const account of deps.accounts.list(environment)) {
        if (!account.scopes.includes(COMMENTS_SCOPE)) continue;
        for (const scope of ['recent', 'older'] as const) {
          if (pending.has(pollKey(account.id, scope))) continue;
          missing.push({ kind: COMMENTS_POLL_JOB, key: pollKey(account.id, scope), dueAt: deps.clock.now() + FIRST_POLL_MS, environment, payload: { accountId: account.id, scope } });
        }
      }
    }
    deps.jobs.scheduleAll(missing);
  };

  deps.domain.on('account.connected', scheduleAccounts);

  return { service, scheduleAccounts };
}
