import type { Clock } from './clock';
import type { TimerHandle, Timers } from './timers';

interface ManualTimer {
  time: number;
  /** Arming order: callbacks due at the same time fire in the order they were armed. */
  sequence: number;
  fn: () => void;
}

/**
 * A clock that only moves when told to; shared by an app and a sandbox in tests. It is also their
 * Timers: moving it forward fires each due callback in time order with the clock at that callback's
 * time. It never fires by itself: a callback armed at or before now fires on the next move
 * (`advance(0)` included).
 */
export class ManualClock implements Clock, Timers {
  private readonly armed = new Set<ManualTimer>();
  private sequence = 0;

  constructor(private current: number = Date.UTC(2026, 0, 1)) {}

  now(): number {
    return this.current;
  }

  at(time: number, fn: () => void): TimerHandle {
    const timer = { time, sequence: this.sequence++, fn };
    this.armed.add(timer);
    return { cancel: () => this.armed.delete(timer) };
  }

  /** Callbacks armed and not yet fired or cancelled. */
  armedCount(): number {
    return this.armed.size;
  }

  /** Moves to `ms`, firing the callbacks due by then. */
  set(ms: number): void {
    for (const fn of this.dueUntil(ms)) fn();
  }

  advance(ms: number): void {
    this.set(this.current + ms);
  }

  /**
   * Like `advance`, but after each callback lets the promise chains it started run (one macrotask
   * turn), so work they finish, and timers they arm on the way, happen at that callback's time.
   * Work waiting on real I/O needs its own signal (the job runner's `idle()`).
   */
  async advanceAsync(ms: number): Promise<void> {
    for (const fn of this.dueUntil(this.current + ms)) {
      fn();
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /** Yields each callback due by `target`, earliest first, with the clock at its time; re-reads the set each step, so callbacks armed on the way take part. */
  private *dueUntil(target: number): Generator<() => void> {
    for (;;) {
      let next: ManualTimer | undefined;
      for (const timer of this.armed) {
        if (timer.time <= target && (!next || timer.time < next.time || (timer.time === next.time && timer.sequence < next.sequence))) next = timer;
      }
      if (!next) break;
      this.armed.delete(next);
      this.current = Math.max(this.current, next.time);
      yield next.fn;
    }
    this.current = target;
  }
}
