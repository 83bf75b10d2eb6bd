import { randomUUID } from 'node:crypto';
import type { AppMode } from '../../src-shared/models';
import { backoffDelay, type BackoffPolicy } from '../config/backoff';
import { HOUR, SECOND, type Clock } from '../config/clock';
import { redact, type Logger } from '../config/logger';
import type { TimerHandle, Timers } from '../config/timers';
import type { JobFilter, JobRecord, JobsRepo, JobState } from '../db/jobsRepo';

/** The Instagram a job talks to, fixed when it is scheduled. */
export type JobEnvironment = AppMode;

/** What a handler receives: one due job, its payload already parsed. */
export interface Job<P> {
  id: string;
  kind: string;
  key: string;
  environment: JobEnvironment;
  dueAt: number;
  /** Failures (thrown or `retryAt`) since the job was last scheduled or moved on with `rescheduleAt`. */
  attempts: number;
  payload: P;
}

/**
 * How a run ended. `done` deletes the job. `retryAt` tries the same step again at that time and counts
 * an attempt (`reason`, a code or plain message, is kept as the job's last error). `rescheduleAt` moves
 * on to a next step at that time (attempts start over; `payload`, when given, replaces the stored one).
 * A thrown error counts an attempt and retries after exponential backoff with jitter.
 */
export type JobOutcome = { done: true } | { retryAt: number; reason?: string } | { rescheduleAt: number; payload?: unknown };

export type JobHandler<P> = (job: Job<P>) => Promise<JobOutcome> | JobOutcome;

export interface ScheduleInput {
  kind: string;
  /** One pending job per key, e.g. `publish:<postId>`; scheduling an existing key moves that job. */
  key: string;
  dueAt: number;
  /** The environment of the account the job acts for; the runner leaves it alone while the app is in the other mode. */
  environment: JobEnvironment;
  /** Stored as JSON. Never a token: handlers open tokens through the account door when they run. */
  payload?: unknown;
}

/** A job as the UI and `status` show it. `parked`: unreadable, never run; `lastError` says why. */
export interface JobView {
  id: string;
  kind: string;
  key: string;
  environment: JobEnvironment;
  dueAt: number;
  attempts: number;
  lastError: string | null;
  state: JobState | 'running';
  createdAt: number;
  updatedAt: number;
}

export interface JobRunnerOptions {
  repo: JobsRepo;
  clock: Clock;
  timers: Timers;
  /** The app's current mode; only jobs of this environment run. Call `wake()` after it changes. */
  environment: () => JobEnvironment;
  logger: Logger;
  /** Runs in flight at once, across all keys. */
  concurrency?: number;
  backoff?: BackoffPolicy;
  /** Jitter source in [0, 1). */
  random?: () => number;
}

interface Registration {
  handler: JobHandler<unknown>;
  parse: (raw: unknown) => unknown;
  /** Background work (polling, insights) never takes the slots kept for what the user is waiting on (publishing). */
  background: boolean;
  /** Runs of this kind in flight at once, when fewer than the runner's (one video conversion at a time). */
  maxRunning: number;
}

export interface RegisterOptions {
  background?: boolean;
  maxRunning?: number;
}

interface Run {
  id: string;
  kind: string;
  revision: number;
  finished: Promise<void>;
}

const DEFAULT_CONCURRENCY = 8;
/** A handler that throws is retried 30 s later, then a minute, ... up to an hour apart. */
const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 30 * SECOND, maxMs: HOUR };
/** Slots background kinds never take: a publish due now starts now, whatever polling is under way. */
const RESERVED_FOR_USER_WORK = 4;
const MAX_ERROR_LENGTH = 500;

/**
 * Runs persisted jobs when they are due (DESIGN.md §7). One timer is armed, for the earliest job that
 * could run; nothing polls. A job still in the table when the app stops, including one cut off mid-run,
 * runs again after `start()`, so handlers resume from state they persisted themselves.
 */
export class JobRunner {
  private readonly registrations = new Map<string, Registration>();
  /** Runs in flight, by job key: at most one per key. */
  private readonly running = new Map<string, Run>();
  /** Keys whose last outcome could not be stored (disk full, say): left alone until scheduled again or the next `start()`, rather than rerun at once, again and again. */
  private readonly held = new Set<string>();
  private readonly idleWaiters: Array<() => void> = [];
  private readonly concurrency: number;
  private readonly backgroundSlots: number;
  private readonly backoff: BackoffPolicy;
  private readonly random: () => number;
  private readonly logger: Logger;
  private timer: { time: number; handle: TimerHandle } | null = null;
  private started = false;

  constructor(private readonly options: JobRunnerOptions) {
    this.concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
    this.backgroundSlots = Math.max(1, this.concurrency - RESERVED_FOR_USER_WORK);
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.random = options.random ?? Math.random;
    this.logger = options.logger.child('jobs');
  }

  /** Handles jobs of `kind`. `parse` validates the stored payload (a zod schema's `parse` fits); a payload it rejects parks the job. */
  register<P>(kind: string, handler: JobHandler<P>, parse: (raw: unknown) => P, options?: RegisterOptions): void;
  register(kind: string, handler: JobHandler<unknown>): void;
  register<P>(kind: string, handler: JobHandler<P>, parse?: (raw: unknown) => P, options: RegisterOptions = {}): void {
    if (this.registrations.has(kind)) throw new Error(`Job kind "${kind}" is already registered.`);
    this.registrations.set(kind, {
      handler: handler as JobHandler<unknown>,
      parse: parse ?? ((raw) => raw),
      background: options.background === true,
      maxRunning: options.maxRunning ?? Number.POSITIVE_INFINITY,
    });
  }

  /** Creates the job for `input.key`, or moves the pending one there (new time and payload, attempts cleared). */
  schedule(input: ScheduleInput): JobView {
    return this.scheduleAll([input])[0]!;
  }

  /**
   * `schedule` for many jobs at once (every account's polls at start): one transaction, so one commit
   * to disk instead of one per job, then one look at the table.
   */
  scheduleAll(inputs: readonly ScheduleInput[]): JobView[] {
    for (const input of inputs) if (!this.registrations.has(input.kind)) throw new Error(`No handler for job kind "${input.kind}".`);
    const now = this.options.clock.now();
    const records = this.options.repo.upsertAll(
      inputs.map((input) => ({
        id: randomUUID(),
        kind: input.kind,
        key: input.key,
        environment: input.environment,
        dueAt: input.dueAt,
        payload: JSON.stringify(input.payload ?? null),
        now,
      })),
    );
    for (const input of inputs) this.held.delete(input.key);
    this.pump();
    return records.map((record) => this.view(record));
  }

  /** Removes the job for `key`; a run in flight finishes its step and its outcome is dropped. */
  cancel(key: string): boolean {
    const removed = this.options.repo.removeByKey(key);
    if (removed) this.pump();
    return removed;
  }

  /** Arms from the table: jobs already due run at once. */
  start(): void {
    this.started = true;
    this.held.clear();
    this.pump();
  }

  /** Runs nothing new and waits for the runs in flight to finish their step (for SIGTERM). Keep the database open until it resolves. */
  async stop(): Promise<void> {
    this.started = false;
    this.disarm();
    await Promise.all([...this.running.values()].map((run) => run.finished));
  }

  /** Looks at the table again; call it after the app's mode changes, so the other environment's jobs wake up. */
  wake(): void {
    this.pump();
  }

  /** Resolves once no run is in flight and nothing runnable is due (tests, and `status`). */
  idle(): Promise<void> {
    if (this.running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  pending(filter?: JobFilter): JobView[] {
    return this.options.repo.list(filter).map((record) => this.view(record));
  }

  private view(record: JobRecord): JobView {
    const run = this.running.get(record.key);
    const running = run?.id === record.id && run.revision === record.revision;
    return {
      id: record.id,
      kind: record.kind,
      key: record.key,
      environment: record.environment,
      dueAt: record.dueAt,
      attempts: record.attempts,
      lastError: record.lastError,
      state: running ? 'running' : record.state,
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
    };
  }

  private pump(): void {
    if (this.started) this.runDueAndArm();
    if (this.running.size === 0) this.idleWaiters.splice(0).forEach((resolve) => resolve());
  }

  /** Starts every due job there is room for, then arms the one timer for the earliest job that could run next. */
  private runDueAndArm(): void {
    const { repo, clock } = this.options;
    const environment = this.options.environment();
    const busyKeys = () => [...this.running.keys(), ...this.held];
    // Background kinds wait while they fill their share, so publishing always finds a free slot; a kind with
    // its own cap waits while it is at it.
    const waitingKinds = () => [...(this.runningBackground() >= this.backgroundSlots ? this.backgroundKinds() : []), ...this.kindsAtTheirCap()];
    while (this.running.size < this.concurrency) {
      const due = repo.nextDue(environment, busyKeys(), clock.now(), waitingKinds());
      if (!due) break;
      this.launch(due);
    }
    // With no room left, a finishing run pumps again: no timer needed.
    const next = this.running.size < this.concurrency ? repo.earliestDueAt(environment, busyKeys(), waitingKinds()) : null;
    if (next !== this.timer?.time) {
      this.disarm();
      if (next !== null) this.timer = { time: next, handle: this.options.timers.at(next, this.onTimer) };
    }
  }

  private backgroundKinds(): string[] {
    return [...this.registrations].filter(([, registration]) => registration.background).map(([kind]) => kind);
  }

  private kindsAtTheirCap(): string[] {
    const running = new Map<string, number>();
    for (const run of this.running.values()) running.set(run.kind, (running.get(run.kind) ?? 0) + 1);
    return [...this.registrations].filter(([kind, registration]) => (running.get(kind) ?? 0) >= registration.maxRunning).map(([kind]) => kind);
  }

  private runningBackground(): number {
    let count = 0;
    for (const run of this.running.values()) if (this.registrations.get(run.kind)?.background) count++;
    return count;
  }

  private readonly onTimer = () => {
    this.timer = null;
    this.pump();
  };

  private disarm(): void {
    this.timer?.handle.cancel();
    this.timer = null;
  }

  private launch(record: JobRecord): void {
    const registration = this.registrations.get(record.kind);
    if (!registration) return this.park(record, 'unknown_kind');
    let payload: unknown;
    try {
      payload = registration.parse(JSON.parse(record.payload));
    } catch (error) {
      return this.park(record, describeError(error, 'payload_invalid'));
    }
    const job: Job<unknown> = { id: record.id, kind: record.kind, key: record.key, environment: record.environment, dueAt: record.dueAt, attempts: record.attempts, payload };
    // The handler starts on a later turn of the event loop: nothing it calls (schedule, cancel) re-enters
    // this pump, and a handler that keeps answering with a time already past cannot starve the loop.
    const finished = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => registration.handler(job))
      .then(
        (outcome) => this.settle(record, outcome),
        (error: unknown) => this.fail(record, error),
      )
      .catch((error: unknown) => {
        this.held.add(record.key);
        this.logger.error('Could not store the outcome of a job; holding it until it is scheduled again or the next start', { job: record.key, kind: record.kind, reason: describeError(error, 'storage_failed') });
      })
      .finally(() => {
        this.running.delete(record.key);
        this.pump();
      });
    this.running.set(record.key, { id: record.id, kind: record.kind, revision: record.revision, finished });
  }

  private settle(record: JobRecord, outcome: JobOutcome): void {
    const { repo, clock } = this.options;
    let applied: boolean;
    if ('retryAt' in outcome) applied = repo.retry(record, outcome.retryAt, outcome.reason ? limit(redact(outcome.reason) as string) : null, clock.now());
    else if ('rescheduleAt' in outcome) applied = repo.reschedule(record, outcome.rescheduleAt, outcome.payload === undefined ? null : JSON.stringify(outcome.payload), clock.now());
    else applied = repo.complete(record);
    if (!applied) this.logger.debug('Job was rescheduled or cancelled while it ran; its new schedule stands', { job: record.key, kind: record.kind });
  }

  private fail(record: JobRecord, error: unknown): void {
    const { repo, clock } = this.options;
    const attempts = record.attempts + 1;
    const retryAt = clock.now() + backoffDelay(attempts, this.backoff, this.random);
    const reason = describeError(error, 'job_failed');
    if (repo.retry(record, retryAt, reason, clock.now())) {
      this.logger.warn('Job failed; retrying later', { job: record.key, kind: record.kind, attempts, retryAt: new Date(retryAt).toISOString(), reason });
    }
  }

  /** Takes a row the runner cannot run out of the way, where `pending()` shows it, instead of failing on it again and again. */
  private park(record: JobRecord, reason: string): void {
    this.logger.error('Parked a job that cannot run', { job: record.key, kind: record.kind, reason });
    this.options.repo.park(record, reason, this.options.clock.now());
  }
}

/** `code: message` from what was thrown; token-like text masked, length bounded. */
function describeError(error: unknown, fallbackCode: string): string {
  const code = typeof (error as { code?: unknown } | null)?.code === 'string' ? (error as { code: string }).code : fallbackCode;
  const message = error instanceof Error ? error.message : String(error);
  return limit(redact(`${code}: ${message}`) as string);
}

function limit(text: string): string {
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}
