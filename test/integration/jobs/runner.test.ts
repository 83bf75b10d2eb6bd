import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HOUR, MINUTE, SECOND } from '../../../src-main/config/clock';
import { ManualClock } from '../../../src-main/config/manualClock';
import { createLogger } from '../../../src-main/config/logger';
import type { TimerHandle, Timers } from '../../../src-main/config/timers';
import { openDatabase, type Database } from '../../../src-main/db/database';
import { JobsRepo } from '../../../src-main/db/jobsRepo';
import { JobRunner, type Job, type JobEnvironment, type JobOutcome, type JobRunnerOptions } from '../../../src-main/jobs/runner';
import { walFrames } from '../../helpers/walFrames';

const T0 = Date.UTC(2026, 5, 1, 9);
const DONE: JobOutcome = { done: true };

/** ManualClock's timers, counting how many are armed at once. */
class CountingTimers implements Timers {
  readonly armed = new Map<object, number>();
  mostArmedAtOnce = 0;
  constructor(private readonly clock: ManualClock) {}

  at(time: number, fn: () => void): TimerHandle {
    const token = {};
    this.armed.set(token, time);
    this.mostArmedAtOnce = Math.max(this.mostArmedAtOnce, this.armed.size);
    const handle = this.clock.at(time, () => {
      this.armed.delete(token);
      fn();
    });
    return {
      cancel: () => {
        this.armed.delete(token);
        handle.cancel();
      },
    };
  }

  armedTimes(): number[] {
    return [...this.armed.values()];
  }
}

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

const macrotask = () => new Promise<void>((resolve) => setImmediate(resolve));

let dir: string;
let databases: Database[];
let clock: ManualClock;
let timers: CountingTimers;
let mode: JobEnvironment;
let logLines: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'postdeck-jobs-'));
  databases = [];
  clock = new ManualClock(T0);
  timers = new CountingTimers(clock);
  mode = 'sandbox';
  logLines = [];
});

afterEach(() => {
  for (const db of databases) if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

function openDb(): Database {
  const db = openDatabase(join(dir, 'postdeck.db'));
  databases.push(db);
  return db;
}

function makeRunner(db: Database, options: Partial<JobRunnerOptions> = {}): JobRunner {
  return new JobRunner({
    repo: new JobsRepo(db),
    clock,
    timers,
    environment: () => mode,
    logger: createLogger((line) => logLines.push(line), { minLevel: 'debug' }),
    random: () => 0.5,
    ...options,
  });
}

/** A runner whose `kind` handler records each run (key, time, payload) and answers with `answer`. */
function recordingRunner(db: Database, answer: (job: Job<unknown>) => JobOutcome | Promise<JobOutcome> = () => DONE, options: Partial<JobRunnerOptions> = {}) {
  const runs: Array<{ key: string; at: number; payload: unknown; attempts: number }> = [];
  const runner = makeRunner(db, options);
  runner.register('publish', (job) => {
    runs.push({ key: job.key, at: clock.now(), payload: job.payload, attempts: job.attempts });
    return answer(job);
  });
  return { runner, runs };
}

const schedule = (runner: JobRunner, key: string, dueAt: number, payload: unknown = { key }, environment: JobEnvironment = 'sandbox') =>
  runner.schedule({ kind: 'publish', key, dueAt, payload, environment });

describe('JobRunner: timing', () => {
  it('runs jobs in due order, each at its due time, and deletes them when done', async () => {
    const db = openDb();
    const { runner, runs } = recordingRunner(db);
    schedule(runner, 'c', T0 + 3 * MINUTE);
    schedule(runner, 'a', T0 + 1 * MINUTE);
    schedule(runner, 'b', T0 + 2 * MINUTE);
    runner.start();
    await clock.advanceAsync(MINUTE - 1);
    expect(runs).toEqual([]);
    await clock.advanceAsync(10 * MINUTE);
    await runner.idle();
    expect(runs.map((run) => [run.key, run.at])).toEqual([
      ['a', T0 + 1 * MINUTE],
      ['b', T0 + 2 * MINUTE],
      ['c', T0 + 3 * MINUTE],
    ]);
    expect(runner.pending()).toEqual([]);
  });

  it('runs jobs already due at start at once, without waiting for a timer, oldest first', async () => {
    const db = openDb();
    const { runner, runs } = recordingRunner(db, () => DONE, { concurrency: 1 });
    schedule(runner, 'missed-second', T0 - 5 * MINUTE);
    schedule(runner, 'missed-third', T0 - 1 * MINUTE);
    schedule(runner, 'missed-first', T0 - 50 * MINUTE);
    runner.start();
    await runner.idle();
    expect(runs.map((run) => [run.key, run.at])).toEqual([
      ['missed-first', T0],
      ['missed-second', T0],
      ['missed-third', T0],
    ]);
  });

  it('arms exactly one timer, for the earliest job, however many jobs exist', async () => {
    const db = openDb();
    const { runner, runs } = recordingRunner(db);
    runner.start();
    const dueTimes: number[] = [];
    const earliestSoFar = new Set<number>();
    for (let index = 0; index < 200; index++) {
      // A spread of times, out of order, some shared.
      const dueAt = T0 + SECOND + ((index * 7919 + 613) % 997) * SECOND;
      dueTimes.push(dueAt);
      earliestSoFar.add(Math.min(...dueTimes));
      schedule(runner, `post-${index}`, dueAt);
      expect(timers.armed.size).toBe(1);
      expect(timers.armedTimes()).toEqual([Math.min(...dueTimes)]);
    }
    // The earliest job changed along the way, so the timer really was moved.
    expect(earliestSoFar.size).toBeGreaterThan(3);
    await clock.advanceAsync(20 * MINUTE);
    await runner.idle();
    expect(runs).toHaveLength(200);
    expect(timers.mostArmedAtOnce).toBe(1);
    expect(timers.armed.size).toBe(0);
  });

  it('moves a job when its key is scheduled again, and forgets a cancelled one', async () => {
    const db = openDb();
    const { runner, runs } = recordingRunner(db);
    runner.start();
    const first = schedule(runner, 'publish:p1', T0 + MINUTE, { step: 'one' });
    const moved = schedule(runner, 'publish:p1', T0 + 5 * MINUTE, { step: 'two' });
    schedule(runner, 'publish:p2', T0 + 2 * MINUTE);
    expect(moved.id).toBe(first.id);
    expect(runner.pending().map((job) => [job.key, job.dueAt])).toEqual([
      ['publish:p2', T0 + 2 * MINUTE],
      ['publish:p1', T0 + 5 * MINUTE],
    ]);
    expect(runner.cancel('publish:p2')).toBe(true);
    expect(runner.cancel('publish:p2')).toBe(false);
    await clock.advanceAsync(10 * MINUTE);
    await runner.idle();
    expect(runs.map((run) => [run.key, run.at, run.payload])).toEqual([['publish:p1', T0 + 5 * MINUTE, { step: 'two' }]]);
  });
});

describe('JobRunner: scheduling many at once', () => {
  it('stores every job in one commit, not one per job, and runs each at its time', async () => {
    const db = openDb();
    const { runner, runs } = recordingRunner(db);
    runner.start();
    db.pragma('wal_checkpoint(TRUNCATE)');
    const jobs = Array.from({ length: 200 }, (_, index) => ({ kind: 'publish', key: `poll-${index}`, dueAt: T0 + MINUTE + index * SECOND, environment: 'sandbox' as const }));
    const views = runner.scheduleAll(jobs);
    // One transaction writes each page it touched once; 200 commits would append at least 200 frames.
    expect(walFrames(db)).toBeLessThan(jobs.length / 4);
    expect(views.map((view) => view.key)).toEqual(jobs.map((job) => job.key));
    expect(timers.armedTimes()).toEqual([T0 + MINUTE]);
    await clock.advanceAsync(10 * MINUTE);
    await runner.idle();
    expect(runs.map((run) => run.key)).toEqual(jobs.map((job) => job.key));
  });

  it('stores none of them when one cannot be scheduled', () => {
    const db = openDb();
    const { runner } = recordingRunner(db);
    expect(() =>
      runner.scheduleAll([
        { kind: 'publish', key: 'fine', dueAt: T0, environment: 'sandbox' },
        { kind: 'nobody-handles-this', key: 'refused', dueAt: T0, environment: 'sandbox' },
      ]),
    ).toThrow(/nobody-handles-this/);
    expect(runner.pending()).toEqual([]);
  });
});

describe('JobRunner: restarts', () => {
  it('a job survives closing the database: the next start runs it at its time with its payload', async () => {
    const db = openDb();
    const before = recordingRunner(db);
    before.runner.start();
    schedule(before.runner, 'publish:p1', T0 + 30 * MINUTE, { postId: 'p1' });
    await before.runner.stop();
    db.close();

    const reopened = openDb();
    const after = recordingRunner(reopened);
    after.runner.start();
    expect(after.runner.pending().map((job) => job.key)).toEqual(['publish:p1']);
    await clock.advanceAsync(30 * MINUTE);
    await after.runner.idle();
    expect(after.runs).toEqual([{ key: 'publish:p1', at: T0 + 30 * MINUTE, payload: { postId: 'p1' }, attempts: 0 }]);
    expect(before.runs).toEqual([]);
  });

  it('a job cut off mid-run (the process died) runs again after the next start', async () => {
    const db = openDb();
    const started = deferred();
    const before = recordingRunner(db, () => {
      started.resolve();
      return new Promise<JobOutcome>(() => {}); // never finishes: the process is killed here
    });
    before.runner.start();
    schedule(before.runner, 'publish:p1', T0);
    await started.promise;
    db.close();

    const after = recordingRunner(openDb());
    after.runner.start();
    await after.runner.idle();
    expect(after.runs.map((run) => run.key)).toEqual(['publish:p1']);
    expect(after.runner.pending()).toEqual([]);
  });
});

describe('JobRunner: one run per key, bounded concurrency', () => {
  it('never runs two jobs at once beyond its concurrency', async () => {
    const db = openDb();
    const gates: Array<() => void> = [];
    let inFlight = 0;
    let mostInFlight = 0;
    const { runner, runs } = recordingRunner(
      db,
      async () => {
        inFlight++;
        mostInFlight = Math.max(mostInFlight, inFlight);
        await new Promise<void>((resolve) => gates.push(resolve));
        inFlight--;
        return DONE;
      },
      { concurrency: 2 },
    );
    for (let index = 0; index < 5; index++) schedule(runner, `post-${index}`, T0);
    runner.start();
    while (runs.length < 5 || gates.length > 0) {
      await macrotask();
      gates.shift()?.();
    }
    await runner.idle();
    expect(runs).toHaveLength(5);
    expect(mostInFlight).toBe(2);
    // With no room left, no timer either: a finishing run looks again.
    expect(timers.mostArmedAtOnce).toBe(0);
  });

  it('a job rescheduled while it runs waits for that run to end, then runs with its new payload', async () => {
    const db = openDb();
    const release = deferred();
    let inFlight = 0;
    let mostInFlight = 0;
    const { runner, runs } = recordingRunner(db, async (job) => {
      inFlight++;
      mostInFlight = Math.max(mostInFlight, inFlight);
      if ((job.payload as { step: number }).step === 1) await release.promise;
      inFlight--;
      return DONE;
    });
    runner.start();
    schedule(runner, 'publish:p1', T0, { step: 1 });
    await macrotask();
    expect(runner.pending().map((job) => job.state)).toEqual(['running']);

    schedule(runner, 'publish:p1', T0, { step: 2 });
    await clock.advanceAsync(MINUTE);
    expect(runs.map((run) => run.payload)).toEqual([{ step: 1 }]);
    expect(runner.pending().map((job) => job.state)).toEqual(['pending']);

    release.resolve();
    await runner.idle();
    // The first run's "done" did not delete the new schedule.
    expect(runs.map((run) => run.payload)).toEqual([{ step: 1 }, { step: 2 }]);
    expect(mostInFlight).toBe(1);
    expect(runner.pending()).toEqual([]);
  });

  it('a job cancelled while it runs stays cancelled, whatever the run answers', async () => {
    const db = openDb();
    const release = deferred();
    const { runner, runs } = recordingRunner(db, async () => {
      await release.promise;
      return { rescheduleAt: T0 + MINUTE };
    });
    runner.start();
    schedule(runner, 'publish:p1', T0);
    await macrotask();
    runner.cancel('publish:p1');
    release.resolve();
    await runner.idle();
    await clock.advanceAsync(5 * MINUTE);
    expect(runs).toHaveLength(1);
    expect(runner.pending()).toEqual([]);
  });
});

describe('JobRunner: outcomes and backoff', () => {
  it('a thrown error retries with exponential backoff and jitter, counting attempts and keeping the error', async () => {
    const db = openDb();
    let failuresLeft = 3;
    const { runner, runs } = recordingRunner(
      db,
      () => {
        if (failuresLeft-- > 0) throw Object.assign(new Error('Instagram did not answer (IGQVJXYZabcdefghijklmnop123)'), { code: 'network_error' });
        return DONE;
      },
      { backoff: { baseMs: 1_000, maxMs: 3_000 }, random: () => 0.5 },
    );
    runner.start();
    schedule(runner, 'publish:p1', T0);
    await runner.idle();
    const [job] = runner.pending();
    // Equal jitter: half of 1 s fixed, plus half of 1 s × 0.5.
    expect(job).toMatchObject({ attempts: 1, dueAt: T0 + 750, state: 'pending' });
    expect(job?.lastError).toBe('network_error: Instagram did not answer ([redacted])');

    await clock.advanceAsync(749);
    expect(runs).toHaveLength(1);
    await clock.advanceAsync(1);
    await runner.idle();
    // 2 s ceiling → 1.5 s; then the 3 s cap → 2.25 s.
    expect(runner.pending()[0]).toMatchObject({ attempts: 2, dueAt: T0 + 750 + 1_500 });
    await clock.advanceAsync(1_500);
    await runner.idle();
    expect(runner.pending()[0]).toMatchObject({ attempts: 3, dueAt: T0 + 750 + 1_500 + 2_250 });
    await clock.advanceAsync(2_250);
    await runner.idle();
    expect(runs.map((run) => [run.at - T0, run.attempts])).toEqual([
      [0, 0],
      [750, 1],
      [2_250, 2],
      [4_500, 3],
    ]);
    expect(runner.pending()).toEqual([]);
    expect(logLines.join('\n')).not.toContain('IGQVJXYZ');
  });

  it('retryAt tries the same step later and counts an attempt; rescheduleAt moves on, replacing the payload and clearing the count', async () => {
    const db = openDb();
    const answers: JobOutcome[] = [
      { retryAt: T0 + MINUTE, reason: 'container_not_ready' },
      { rescheduleAt: T0 + 2 * MINUTE, payload: { step: 'publish' } },
      DONE,
    ];
    const { runner, runs } = recordingRunner(db, () => answers.shift()!);
    runner.start();
    schedule(runner, 'publish:p1', T0, { step: 'create' });
    await runner.idle();
    expect(runner.pending()[0]).toMatchObject({ attempts: 1, dueAt: T0 + MINUTE, lastError: 'container_not_ready' });
    await clock.advanceAsync(MINUTE);
    await runner.idle();
    expect(runner.pending()[0]).toMatchObject({ attempts: 0, dueAt: T0 + 2 * MINUTE, lastError: null });
    await clock.advanceAsync(MINUTE);
    await runner.idle();
    expect(runs.map((run) => [run.at - T0, run.payload, run.attempts])).toEqual([
      [0, { step: 'create' }, 0],
      [MINUTE, { step: 'create' }, 1],
      [2 * MINUTE, { step: 'publish' }, 0],
    ]);
  });

  it('holds a job whose outcome could not be stored, instead of rerunning it at once, until it is scheduled again or the runner restarts', async () => {
    const db = openDb();
    let storageBroken = true;
    class BrokenRepo extends JobsRepo {
      override complete(...args: Parameters<JobsRepo['complete']>): boolean {
        if (storageBroken) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
        return super.complete(...args);
      }
    }
    const { runner, runs } = recordingRunner(db, () => DONE, { repo: new BrokenRepo(db) });
    runner.start();
    schedule(runner, 'publish:p1', T0);
    await runner.idle();
    await clock.advanceAsync(HOUR);
    expect(runs.map((run) => run.key)).toEqual(['publish:p1']);
    expect(logLines.join('\n')).toContain('SQLITE_FULL');

    storageBroken = false;
    schedule(runner, 'publish:p1', clock.now());
    await runner.idle();
    expect(runs.map((run) => run.key)).toEqual(['publish:p1', 'publish:p1']);

    storageBroken = true;
    schedule(runner, 'publish:p2', clock.now());
    await runner.idle();
    storageBroken = false;
    await runner.stop();
    runner.start();
    await runner.idle();
    expect(runs.map((run) => run.key)).toEqual(['publish:p1', 'publish:p1', 'publish:p2', 'publish:p2']);
    expect(runner.pending()).toEqual([]);
  });
});

describe('JobRunner: a handler stuck in the past', () => {
  it('does not starve the event loop when a handler keeps answering with a time already past', async () => {
    const { runner, runs } = recordingRunner(openDb(), () => ({ rescheduleAt: clock.now() - 1 }));
    runner.start();
    schedule(runner, 'publish:p1', T0);
    // Each of these waits needs the event loop; a run chained on microtasks alone would never let them happen.
    for (let turn = 0; turn < 5; turn++) await macrotask();
    await runner.stop();
    expect(runs.length).toBeGreaterThan(1);
  });
});

describe('JobRunner: environments', () => {
  it('never runs a job of the other environment; it waits until the app is back in that mode', async () => {
    const db = openDb();
    const { runner, runs } = recordingRunner(db);
    runner.start();
    schedule(runner, 'publish:live-post', T0 + MINUTE, {}, 'live');
    schedule(runner, 'publish:sandbox-post', T0 + 2 * MINUTE, {}, 'sandbox');
    // The live job is earlier, yet the one timer is for the sandbox job.
    expect(timers.armedTimes()).toEqual([T0 + 2 * MINUTE]);
    await clock.advanceAsync(HOUR);
    await runner.idle();
    expect(runs.map((run) => run.key)).toEqual(['publish:sandbox-post']);
    expect(runner.pending().map((job) => [job.key, job.environment, job.state])).toEqual([['publish:live-post', 'live', 'pending']]);
    expect(timers.armed.size).toBe(0);

    mode = 'live';
    runner.wake();
    await runner.idle();
    expect(runs.map((run) => run.key)).toEqual(['publish:sandbox-post', 'publish:live-post']);
  });
});

describe('JobRunner: corrupt rows', () => {
  it('parks a row it cannot run (bad JSON, unknown kind, a payload its parser refuses), logs it, and keeps running the rest', async () => {
    const db = openDb();
    const insert = db.prepare(
      "INSERT INTO jobs (id, kind, key, environment, due_at, payload, created_at, updated_at) VALUES (?, ?, ?, 'sandbox', ?, ?, ?, ?)",
    );
    insert.run('j1', 'publish', 'bad-json', T0 - 1, '{not json', T0, T0);
    insert.run('j2', 'from-a-newer-version', 'unknown-kind', T0 + 1, '{}', T0, T0);
    insert.run('j3', 'typed', 'refused-payload', T0 + 2, '{"postId": 42}', T0, T0);
    const { runner, runs } = recordingRunner(db);
    const typedRuns: string[] = [];
    // Stands in for a zod schema's parse.
    const parsePost = (raw: unknown): { postId: string } => {
      const postId = (raw as { postId?: unknown }).postId;
      if (typeof postId !== 'string') throw new Error('postId must be a string');
      return { postId };
    };
    runner.register(
      'typed',
      async (job) => {
        typedRuns.push(job.payload.postId);
        return DONE;
      },
      parsePost,
    );
    schedule(runner, 'good', T0 + 3);
    runner.start();
    await clock.advanceAsync(MINUTE);
    await runner.idle();

    expect(runs.map((run) => run.key)).toEqual(['good']);
    expect(typedRuns).toEqual([]);
    const parked = runner.pending().map((job) => [job.key, job.state, job.lastError?.split(':')[0]]);
    expect(parked).toEqual([
      ['bad-json', 'parked', 'payload_invalid'],
      ['unknown-kind', 'parked', 'unknown_kind'],
      ['refused-payload', 'parked', 'payload_invalid'],
    ]);
    expect(logLines.filter((line) => line.includes('Parked a job'))).toHaveLength(3);
    // Parked rows arm nothing and are not retried.
    expect(timers.armed.size).toBe(0);
    await clock.advanceAsync(HOUR);
    expect(logLines.filter((line) => line.includes('Parked a job'))).toHaveLength(3);
  });

  it('scheduling a parked key again gives it a fresh start', async () => {
    const db = openDb();
    db.prepare("INSERT INTO jobs (id, kind, key, environment, due_at, payload, created_at, updated_at) VALUES ('j1', 'publish', 'publish:p1', 'sandbox', ?, '{oops', ?, ?)").run(T0, T0, T0);
    const { runner, runs } = recordingRunner(db);
    runner.start();
    expect(runner.pending()[0]?.state).toBe('parked');
    schedule(runner, 'publish:p1', T0, { ok: true });
    await runner.idle();
    expect(runs.map((run) => run.payload)).toEqual([{ ok: true }]);
  });
});

describe('JobRunner: stop', () => {
  it('waits for the step in flight, stores its outcome, and then runs and arms nothing', async () => {
    const db = openDb();
    const release = deferred();
    const { runner, runs } = recordingRunner(db, async (job) => {
      if (job.key === 'slow') await release.promise;
      return DONE;
    });
    runner.start();
    schedule(runner, 'slow', T0);
    schedule(runner, 'later', T0 + MINUTE);
    await macrotask();
    expect(timers.armed.size).toBe(1);

    let stopped = false;
    const stopping = runner.stop().then(() => (stopped = true));
    await macrotask();
    expect(stopped).toBe(false);
    expect(timers.armed.size).toBe(0);

    const idle = runner.idle();
    release.resolve();
    await stopping;
    await idle;
    expect(runner.pending().map((job) => job.key)).toEqual(['later']);
    await clock.advanceAsync(HOUR);
    schedule(runner, 'while-stopped', T0);
    await macrotask();
    expect(runs.map((run) => run.key)).toEqual(['slow']);
    expect(timers.armed.size).toBe(0);
  });

  it('refuses a kind nobody handles, and a kind registered twice', () => {
    const { runner } = recordingRunner(openDb());
    expect(() => runner.schedule({ kind: 'nobody', key: 'k', dueAt: T0, environment: 'sandbox' })).toThrow(/No handler/);
    expect(() => runner.register('publish', () => DONE)).toThrow(/already registered/);
  });
});

describe('JobRunner: pending()', () => {
  it('filters by kind, key prefix and environment', () => {
    const { runner } = recordingRunner(openDb());
    runner.register('insights', () => DONE);
    schedule(runner, 'publish:p1', T0 + 1, {}, 'live');
    schedule(runner, 'publish:p2', T0 + 2);
    runner.schedule({ kind: 'insights', key: 'insights:a1', dueAt: T0 + 3, environment: 'sandbox' });
    const keys = (filter: Parameters<JobRunner['pending']>[0]) => runner.pending(filter).map((job) => job.key);
    expect(keys({ keyPrefix: 'publish:' })).toEqual(['publish:p1', 'publish:p2']);
    expect(keys({ kind: 'insights' })).toEqual(['insights:a1']);
    expect(keys({ environment: 'sandbox' })).toEqual(['publish:p2', 'insights:a1']);
    expect(keys({ keyPrefix: 'publish:', environment: 'live' })).toEqual(['publish:p1']);
  });
});

describe('JobRunner: background work never holds up a publish', () => {
  it('background kinds fill at most their share of the slots; a publish due meanwhile starts at once', async () => {
    const db = openDb();
    const runner = makeRunner(db, { concurrency: 8 });
    const polls = deferred();
    let pollsRunning = 0;
    let pollsStarted = 0;
    runner.register('poll', async () => {
      pollsStarted++;
      pollsRunning++;
      await polls.promise;
      pollsRunning--;
      return DONE;
    }, (raw) => raw, { background: true });
    const published: string[] = [];
    runner.register('publish', (job) => {
      published.push(job.key);
      return DONE;
    });
    for (let i = 0; i < 20; i++) runner.schedule({ kind: 'poll', key: `poll:${i}`, dueAt: T0, environment: 'sandbox' });
    runner.start();
    await macrotask();
    expect(pollsRunning).toBe(4);
    schedule(runner, 'publish:now', T0);
    await macrotask();
    await macrotask();
    expect(published).toEqual(['publish:now']);
    polls.resolve();
    await runner.idle();
    expect(pollsStarted).toBe(20);
  });
});

describe('JobRunner: a kind with its own cap', () => {
  it('runs one job of a kind capped at one at a time, the next starting when the first ends, while other kinds go on', async () => {
    const db = openDb();
    const runner = makeRunner(db, { concurrency: 8 });
    const first = deferred();
    const started: string[] = [];
    runner.register('convert', async (job) => {
      started.push(job.key);
      if (job.key === 'convert:a') await first.promise;
      return DONE;
    }, (raw) => raw, { background: true, maxRunning: 1 });
    const published: string[] = [];
    runner.register('publish', (job) => {
      published.push(job.key);
      return DONE;
    });
    for (const key of ['convert:a', 'convert:b']) runner.schedule({ kind: 'convert', key, dueAt: T0, environment: 'sandbox' });
    schedule(runner, 'publish:now', T0);
    runner.start();
    await macrotask();
    await macrotask();
    expect(started).toEqual(['convert:a']);
    expect(published).toEqual(['publish:now']);
    first.resolve();
    await runner.idle();
    expect(started).toEqual(['convert:a', 'convert:b']);
  });
});
