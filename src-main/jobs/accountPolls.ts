import { z } from 'zod';
import type { Clock } from '../config/clock';
import type { AccountRecord, AccountsRepo } from '../db/accountsRepo';
import { backgroundFailure } from '../ratelimit/background';
import { OPEN_GATE, passGate, type BackgroundGate } from '../ratelimit/gate';
import type { JobOutcome, JobRunner, ScheduleInput } from './runner';

/** One kind of persisted poll that every account it applies to gets, once per scope (e.g. recent and older media). */
export interface AccountPollSpec<Scope extends string> {
  /** The job kind, e.g. `comments.poll`. */
  kind: string;
  /** The jobs' keys are `<keyPrefix>:<scope>:<accountId>`: stored in the jobs table, so they never change. */
  keyPrefix: string;
  scopes: readonly [Scope, ...Scope[]];
  intervalMs: Readonly<Record<Scope, number>>;
  /** How long after an account is found its first poll runs. */
  firstPollMs: number;
  /** Whether this account is polled at all; an account that stops qualifying ends its jobs at their next run. */
  applies(account: AccountRecord): boolean;
  /** One poll; `keepGoing` turns false while the governor pauses the account, and the poll stops there. */
  poll(accountId: string, scope: Scope, keepGoing: () => boolean): Promise<unknown>;
  /** A failure this poll answers itself, before the rules every background job follows; undefined passes it on. */
  ownFailure?(error: unknown): JobOutcome | undefined;
}

export interface AccountPollDeps {
  jobs: JobRunner;
  accounts: Pick<AccountsRepo, 'get' | 'list'>;
  clock: Clock;
  gate?: BackgroundGate | undefined;
}

/**
 * Registers a poll that asks the `BackgroundGate` (the rate-limit governor) before each run and is put off
 * while it pauses the account; answers the function that books the missing polls of every account it
 * applies to (at start, and whenever accounts change).
 */
export function registerAccountPolls<Scope extends string>(deps: AccountPollDeps, spec: AccountPollSpec<Scope>): () => void {
  const gate = deps.gate ?? OPEN_GATE;
  const payloadSchema = z.object({ accountId: z.string(), scope: z.enum(spec.scopes) });
  const keyOf = (accountId: string, scope: Scope) => `${spec.keyPrefix}:${scope}:${accountId}`;

  deps.jobs.register<z.infer<typeof payloadSchema>>(
    spec.kind,
    async (job) => {
      const { accountId, scope } = job.payload;
      const account = deps.accounts.get(accountId);
      if (!account || !spec.applies(account)) return { done: true };
      const putOff = await passGate(gate, accountId);
      if (putOff) return putOff;
      try {
        await spec.poll(accountId, scope, () => !gate.paused?.(accountId));
      } catch (error) {
        return spec.ownFailure?.(error) ?? backgroundFailure(error, job.attempts, deps.clock.now());
      }
      // Paused half-way: the rest waits for the governor; a re-poll merges by id, so starting over is safe.
      const next = deps.clock.now() + spec.intervalMs[scope];
      return { rescheduleAt: Math.max(next, gate.notBefore?.(accountId) ?? 0) };
    },
    (raw) => payloadSchema.parse(raw),
    { background: true },
  );

  return () => {
    const pending = new Set(deps.jobs.pending({ kind: spec.kind }).map((job) => job.key));
    const missing: ScheduleInput[] = [];
    for (const environment of ['sandbox', 'live'] as const) {
      for (const account of deps.accounts.list(environment)) {
        if (!spec.applies(account)) continue;
        for (const scope of spec.scopes) {
          if (pending.has(keyOf(account.id, scope))) continue;
          missing.push({ kind: spec.kind, key: keyOf(account.id, scope), dueAt: deps.clock.now() + spec.firstPollMs, environment, payload: { accountId: account.id, scope } });
        }
      }
    }
    deps.jobs.scheduleAll(missing);
  };
}
