import type { AppMode } from '../../src-shared/models';
import type { Clock } from '../config/clock';
import type { DomainEvents } from '../config/events';
import type { JobRunner } from '../jobs/runner';
import { SWEEP_INTERVAL_MS } from './healthPolicy';

export const REFRESH_SWEEP_JOB = 'refresh-sweep';

export interface RefreshSweepJob {
  /** Books the next sweep an interval from now (the host sweeps at start itself). */
  schedule(): void;
  /** No sweep is booked: this host does not run background timers. */
  cancel(): void;
}

/**
 * The hourly refresh sweep (DESIGN.md §6) as a job on the runner: each run sweeps, then books the next
 * one an interval later. The job follows the app's mode, as the sweep covers the current mode's accounts.
 */
export function registerRefreshSweep(deps: {
  jobs: JobRunner;
  clock: Clock;
  mode: () => AppMode;
  domain: DomainEvents;
  /** Never rejects: a failed sweep is logged and the next one still comes. */
  sweep: () => Promise<unknown>;
}): RefreshSweepJob {
  const scheduleAt = (dueAt: number) => deps.jobs.schedule({ kind: REFRESH_SWEEP_JOB, key: REFRESH_SWEEP_JOB, dueAt, environment: deps.mode() });
  deps.jobs.register(
    REFRESH_SWEEP_JOB,
    async () => {
      const next = deps.clock.now() + SWEEP_INTERVAL_MS;
      await deps.sweep();
      return { rescheduleAt: next };
    },
    () => null,
    { background: true },
  );
  // A job runs only in its own mode: the booked sweep moves with the app to the other one.
  deps.domain.on('environment.changed', () => {
    const [booked] = deps.jobs.pending({ kind: REFRESH_SWEEP_JOB });
    if (booked && booked.environment !== deps.mode()) scheduleAt(booked.dueAt);
  });
  return {
    schedule: () => scheduleAt(deps.clock.now() + SWEEP_INTERVAL_MS),
    cancel: () => void deps.jobs.cancel(REFRESH_SWEEP_JOB),
  };
}
