import { z } from 'zod';
import type { DomainEvents } from '../config/events';
import type { Database } from '../db/database';
import { InsightsRepo } from '../db/insightsRepo';
import type { Job, JobOutcome, JobRunner, ScheduleInput } from '../jobs/runner';
import { backgroundFailure } from '../ratelimit/background';
import { OPEN_GATE, passGate, type BackgroundGate } from '../ratelimit/gate';
import { ACCOUNT_INTERVAL_MS, FIRST_ACCOUNT_CHECK_MS, FIRST_CHECK_AFTER_PUBLISH_MS, nextMediaCheck } from './schedule';
import { InsightsService, type InsightsDeps } from './service';

export const MEDIA_INSIGHTS_JOB = 'insights.media';
export const ACCOUNT_INSIGHTS_JOB = 'insights.account';
/** `story`: read before the Story's figures vanish (absent in jobs booked before Stories). */
const mediaPayload = z.object({ accountId: z.string(), igMediaId: z.string(), publishedAt: z.number(), story: z.boolean().optional() });
const accountPayload = z.object({ accountId: z.string() });
type MediaPayload = z.infer<typeof mediaPayload>;

export const INSIGHTS_SCOPE = 'instagram_business_manage_insights';

const mediaKey = (accountId: string, igMediaId: string) => `insights:media:${accountId}:${igMediaId}`;
const accountKey = (accountId: string) => `insights:account:${accountId}`;

export interface Insights {
  service: InsightsService;
  /** At start: every account without a pending daily check gets one. */
  scheduleAccounts(): void;
}

/**
 * The insights room: the service behind the channels, and persisted background checks that pass the
 * `BackgroundGate` first. A post's figures are fetched after it is published, every few hours for 48 h,
 * daily for 30 days, then only on demand; each account daily (totals, reach, followers).
 */
export function createInsights(
  deps: Omit<InsightsDeps, 'repo'> & {
    db: Database;
    domain: DomainEvents;
    jobs: JobRunner;
    gate?: BackgroundGate | undefined;
  },
): Insights {
  const gate = deps.gate ?? OPEN_GATE;
  const service = new InsightsService({ ...deps, repo: new InsightsRepo(deps.db) });

  /** Throttling waits and tries again; an account that needs reconnecting is looked at again tomorrow. */
  const background = async (job: Job<{ accountId: string }>, work: () => Promise<JobOutcome>): Promise<JobOutcome> => {
    if (!deps.accounts.get(job.payload.accountId)?.scopes.includes(INSIGHTS_SCOPE)) return { done: true };
    const putOff = await passGate(gate, job.payload.accountId);
    if (putOff) return putOff;
    try {
      return await work();
    } catch (error) {
      return backgroundFailure(error, job.attempts, deps.clock.now());
    }
  };

  deps.jobs.register<MediaPayload>(
    MEDIA_INSIGHTS_JOB,
    (job) =>
      background(job, async () => {
        await service.fetchMedia(job.payload.accountId, job.payload.igMediaId);
        const next = nextMediaCheck(job.payload.publishedAt, deps.clock.now(), job.payload.story);
        return next === null ? { done: true } : { rescheduleAt: next };
      }),
    (raw) => mediaPayload.parse(raw),
    { background: true },
  );
  deps.jobs.register<{ accountId: string }>(
    ACCOUNT_INSIGHTS_JOB,
    (job) =>
      background(job, async () => {
        await service.fetchAccount(job.payload.accountId);
        return { rescheduleAt: deps.clock.now() + ACCOUNT_INTERVAL_MS };
      }),
    (raw) => accountPayload.parse(raw),
    { background: true },
  );

  const scheduleAccounts = () => {
    const pending = new Set(deps.jobs.pending({ kind: ACCOUNT_INSIGHTS_JOB }).map((job) => job.key));
    const missing: ScheduleInput[] = [];
    for (const environment of ['sandbox', 'live'] as const) {
      for (const account of deps.accounts.list(environment)) {
        // Without the insights permission every call would fail; the user sees it on the account instead.
        if (pending.has(accountKey(account.id)) || !account.scopes.includes(INSIGHTS_SCOPE)) continue;
        missing.push({ kind: ACCOUNT_INSIGHTS_JOB, key: accountKey(account.id), dueAt: deps.clock.now() + FIRST_ACCOUNT_CHECK_MS, environment, payload: { accountId: account.id } });
      }
    }
    deps.jobs.scheduleAll(missing);
  };

  deps.domain.on('account.connected', scheduleAccounts);
  deps.domain.on('post.published', ({ postId }) => {
    const post = deps.posts.get(postId);
    if (!post?.igMediaId || !post.accountId) return;
    deps.jobs.schedule({
      kind: MEDIA_INSIGHTS_JOB,
      key: mediaKey(post.accountId, post.igMediaId),
      dueAt: deps.clock.now() + FIRST_CHECK_AFTER_PUBLISH_MS,
      environment: post.environment,
      payload: { accountId: post.accountId, igMediaId: post.igMediaId, publishedAt: post.publishedAt ?? deps.clock.now(), ...(post.kind === 'story' ? { story: true } : {}) },
    });
  });

  return { service, scheduleAccounts };
}
