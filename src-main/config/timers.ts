import { systemClock, type Clock } from './clock';

/** A scheduled callback; cancelling one that already fired does nothing. */
export interface TimerHandle {
  cancel(): void;
}

/**
 * "Call me at this time" as a dependency, so the job runner arms real timers in the app and
 * `ManualClock` fires them in tests (DESIGN.md §7).
 */
export interface Timers {
  /** Calls `fn` once when the clock reaches `time` (epoch milliseconds); a time already past fires soon. */
  at(time: number, fn: () => void): TimerHandle;
}

/** setTimeout's largest delay; anything longer fires after 1 ms (Node warns with TimeoutOverflowWarning). */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * Timers on setTimeout, read against `clock`. Far-future times are reached in hops of at most
 * MAX_TIMEOUT_MS, and every timer is unref'd: a waiting job never keeps a process alive.
 */
export function systemTimers(clock: Clock = systemClock): Timers {
  return {
    at(time, fn) {
      let timeout: NodeJS.Timeout;
      const arm = () => {
        const delay = Math.max(0, time - clock.now());
        timeout = delay > MAX_TIMEOUT_MS ? setTimeout(arm, MAX_TIMEOUT_MS) : setTimeout(fn, delay);
        timeout.unref();
      };
      arm();
      return { cancel: () => clearTimeout(timeout) };
    },
  };
}
