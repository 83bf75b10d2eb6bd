/**
 * How the sandbox waits (latency faults, coalesced state-file saves): starts a wait of `ms` that calls
 * `fire` at its end and returns what cancels it. Tests pass a manual one, so none of them waits on the
 * wall clock.
 */
export type Timer = (fire: () => void, ms: number) => () => void;

/** Real time. Unref'd: a pending wait alone never keeps the process alive. */
export const realTimer: Timer = (fire, ms) => {
  const timer = setTimeout(fire, ms);
  timer.unref();
  return () => clearTimeout(timer);
};
