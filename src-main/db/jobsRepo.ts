import type { AppMode } from '../../src-shared/models';
import type { Database } from './database';

export type JobState = 'pending' | 'parked';

/** A job as stored, times in epoch milliseconds; `payload` is the JSON text as written. */
export interface JobRecord {
  id: string;
  kind: string;
  key: string;
  environment: AppMode;
  dueAt: number;
  attempts: number;
  payload: string;
  lastError: string | null;
  state: JobState;
  revision: number;
  createdAt: number;
  updatedAt: number;
}

interface JobRow {
  id: string;
  kind: string;
  key: string;
  environment: AppMode;
  due_at: number;
  attempts: number;
  payload: string;
  last_error: string | null;
  state: JobState;
  revision: number;
  created_at: number;
  updated_at: number;
}

const toRecord = (row: JobRow): JobRecord => ({
  id: row.id,
  kind: row.kind,
  key: row.key,
  environment: row.environment,
  dueAt: row.due_at,
  attempts: row.attempts,
  payload: row.payload,
  lastError: row.last_error,
  state: row.state,
  revision: row.revision,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export interface JobInsert {
  id: string;
  kind: string;
  key: string;
  environment: AppMode;
  dueAt: number;
  payload: string;
  now: number;
}

export interface JobFilter {
  kind?: string;
  /** e.g. 'publish:' for every publishing job. */
  keyPrefix?: string;
  environment?: AppMode;
}

/** Which stored version of a job a change applies to: a rescheduled or cancelled job no longer matches. */
export interface JobVersion {
  id: string;
  revision: number;
}

/** The jobs table (DESIGN.md §7). Keys held by running jobs are passed as a JSON array and skipped. */
export class JobsRepo {
  private readonly statements;

  private readonly upsertInTransaction;

  constructor(db: Database) {
    const eligible =
      "state = 'pending' AND environment = ? AND key NOT IN (SELECT value FROM json_each(?)) AND kind NOT IN (SELECT value FROM json_each(?))";
    this.statements = {
      upsert: db.prepare<[JobInsert], JobRow>(
        `INSERT INTO jobs (id, kind, key, environment, due_at, payload, created_at, updated_at)
         VALUES (@id, @kind, @key, @environment, @dueAt, @payload, @now, @now)
         ON CONFLICT (key) DO UPDATE SET kind = excluded.kind, environment = excluded.environment, due_at = excluded.due_at,
           payload = excluded.payload, attempts = 0, last_error = NULL, state = 'pending', revision = revision + 1,
           updated_at = excluded.updated_at
         RETURNING *`,
      ),
      removeByKey: db.prepare<[string]>('DELETE FROM jobs WHERE key = ?'),
      nextDue: db.prepare<[AppMode, string, string, number], JobRow>(`SELECT * FROM jobs WHERE ${eligible} AND due_at <= ? ORDER BY due_at, rowid LIMIT 1`),
      earliestDueAt: db.prepare<[AppMode, string, string], { due_at: number | null }>(`SELECT MIN(due_at) AS due_at FROM jobs WHERE ${eligible}`),
      complete: db.prepare<[string, number]>('DELETE FROM jobs WHERE id = ? AND revision = ?'),
      retry: db.prepare<[{ id: string; revision: number; dueAt: number; lastError: string | null; now: number }]>(
        'UPDATE jobs SET due_at = @dueAt, attempts = attempts + 1, last_error = @lastError, updated_at = @now WHERE id = @id AND revision = @revision',
      ),
      reschedule: db.prepare<[{ id: string; revision: number; dueAt: number; payload: string | null; now: number }]>(
        `UPDATE jobs SET due_at = @dueAt, payload = COALESCE(@payload, payload), attempts = 0, last_error = NULL, updated_at = @now
         WHERE id = @id AND revision = @revision`,
      ),
      park: db.prepare<[{ id: string; revision: number; reason: string; now: number }]>(
        "UPDATE jobs SET state = 'parked', last_error = @reason, updated_at = @now WHERE id = @id AND revision = @revision",
      ),
      list: db.prepare<[{ kind: string | null; keyPrefix: string | null; environment: AppMode | null }], JobRow>(
        `SELECT * FROM jobs
         WHERE (@kind IS NULL OR kind = @kind)
           AND (@keyPrefix IS NULL OR substr(key, 1, length(@keyPrefix)) = @keyPrefix)
           AND (@environment IS NULL OR environment = @environment)
         ORDER BY due_at, rowid`,
      ),
    };
    this.upsertInTransaction = db.transaction((jobs: readonly JobInsert[]) => jobs.map((job) => toRecord(this.statements.upsert.get(job)!)));
  }

  /** Creates the job for each `key`, or moves the existing one: new due time and payload, attempts and error cleared. All or none. */
  upsertAll(jobs: readonly JobInsert[]): JobRecord[] {
    return this.upsertInTransaction(jobs);
  }

  removeByKey(key: string): boolean {
    return this.statements.removeByKey.run(key).changes > 0;
  }

  /** The earliest pending job of `environment` due by `now`, skipping `busyKeys`. */
  /** The earliest due job of the mode, leaving out keys in flight and kinds that must wait. */
  nextDue(environment: AppMode, busyKeys: readonly string[], now: number, waitingKinds: readonly string[] = []): JobRecord | null {
    const row = this.statements.nextDue.get(environment, JSON.stringify(busyKeys), JSON.stringify(waitingKinds), now);
    return row ? toRecord(row) : null;
  }

  earliestDueAt(environment: AppMode, busyKeys: readonly string[], waitingKinds: readonly string[] = []): number | null {
    return this.statements.earliestDueAt.get(environment, JSON.stringify(busyKeys), JSON.stringify(waitingKinds))?.due_at ?? null;
  }

  complete(version: JobVersion): boolean {
    return this.statements.complete.run(version.id, version.revision).changes > 0;
  }

  /** Another try of the same step: attempts counted, `lastError` kept for the user. */
  retry(version: JobVersion, dueAt: number, lastError: string | null, now: number): boolean {
    return this.statements.retry.run({ ...version, dueAt, lastError, now }).changes > 0;
  }

  /** The next step of the same job: attempts and error start over; a null payload keeps the stored one. */
  reschedule(version: JobVersion, dueAt: number, payload: string | null, now: number): boolean {
    return this.statements.reschedule.run({ ...version, dueAt, payload, now }).changes > 0;
  }

  park(version: JobVersion, reason: string, now: number): boolean {
    return this.statements.park.run({ ...version, reason, now }).changes > 0;
  }

  list(filter: JobFilter = {}): JobRecord[] {
    return this.statements.list
      .all({ kind: filter.kind ?? null, keyPrefix: filter.keyPrefix ?? null, environment: filter.environment ?? null })
      .map(toRecord);
  }
}
