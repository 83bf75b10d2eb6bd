import { afterEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../../src-main/config/manualClock';
import { MAX_TIMEOUT_MS, systemTimers } from '../../../src-main/config/timers';

describe('systemTimers', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('fires at the time asked, not before', () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 0, 1) });
    const fired = vi.fn();
    systemTimers().at(Date.now() + 5_000, fired);
    vi.advanceTimersByTime(4_999);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fired).toHaveBeenCalledTimes(1);
  });

  it('reaches times beyond setTimeout’s limit in hops instead of firing at once', () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 0, 1) });
    const fired = vi.fn();
    const farAway = Date.now() + MAX_TIMEOUT_MS * 2 + 10_000;
    systemTimers().at(farAway, fired);
    vi.advanceTimersByTime(MAX_TIMEOUT_MS * 2);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(10_000);
    expect(fired).toHaveBeenCalledTimes(1);
    expect(Date.now()).toBe(farAway);
  });

  it('cancels, also between hops', () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 0, 1) });
    const fired = vi.fn();
    const timers = systemTimers();
    timers.at(Date.now() + 1_000, fired).cancel();
    const far = timers.at(Date.now() + MAX_TIMEOUT_MS + 1_000, fired);
    vi.advanceTimersByTime(MAX_TIMEOUT_MS + 10);
    far.cancel();
    vi.advanceTimersByTime(MAX_TIMEOUT_MS * 2);
    expect(fired).not.toHaveBeenCalled();
  });

  it('never keeps the process alive: every timeout is unref’d', () => {
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');
    const handle = systemTimers().at(Date.now() + 60 * 60 * 1000, () => {});
    const timeout = setTimeoutSpy.mock.results[0]?.value as NodeJS.Timeout;
    expect(timeout.hasRef()).toBe(false);
    handle.cancel();
  });
});

describe('ManualClock as Timers', () => {
  it('fires due callbacks in time order, each with the clock at its own time', () => {
    const clock = new ManualClock(1_000);
    const seen: Array<[string, number]> = [];
    clock.at(1_300, () => seen.push(['c', clock.now()]));
    clock.at(1_100, () => seen.push(['a', clock.now()]));
    clock.at(1_200, () => seen.push(['b1', clock.now()]));
    clock.at(1_200, () => seen.push(['b2', clock.now()]));
    clock.at(5_000, () => seen.push(['later', clock.now()]));
    clock.advance(500);
    expect(seen).toEqual([
      ['a', 1_100],
      ['b1', 1_200],
      ['b2', 1_200],
      ['c', 1_300],
    ]);
    expect(clock.now()).toBe(1_500);
    expect(clock.armedCount()).toBe(1);
  });

  it('fires callbacks armed on the way when they fall within the move', () => {
    const clock = new ManualClock(0);
    const seen: number[] = [];
    clock.at(10, () => {
      seen.push(clock.now());
      clock.at(20, () => seen.push(clock.now()));
    });
    clock.set(25);
    expect(seen).toEqual([10, 20]);
  });

  it('never fires a cancelled callback, and fires a callback armed for now on the next move', () => {
    const clock = new ManualClock(0);
    const cancelled = vi.fn();
    const dueNow = vi.fn();
    clock.at(10, cancelled).cancel();
    clock.at(0, dueNow);
    expect(dueNow).not.toHaveBeenCalled();
    clock.advance(0);
    expect(dueNow).toHaveBeenCalledTimes(1);
    clock.advance(100);
    expect(cancelled).not.toHaveBeenCalled();
  });

  it('advanceAsync lets the async work of each callback finish at that callback’s time', async () => {
    const clock = new ManualClock(0);
    const seen: number[] = [];
    const work = async () => {
      await Promise.resolve();
      await Promise.resolve();
      seen.push(clock.now());
      if (seen.length < 3) clock.at(clock.now() + 10, () => void work());
    };
    clock.at(10, () => void work());
    await clock.advanceAsync(100);
    expect(seen).toEqual([10, 20, 30]);
    expect(clock.now()).toBe(100);
  });

  it('keeps plain now/set/advance', () => {
    const clock = new ManualClock(5);
    clock.advance(10);
    expect(clock.now()).toBe(15);
    clock.set(3);
    expect(clock.now()).toBe(3);
  });
});
