import type { Timer } from '../../src-main/sandbox';

/**
 * The sandbox's waits (latency faults, state-file saves) held until the test fires them: the test decides
 * when time has passed, so nothing depends on how fast the machine is.
 */
export class ManualTimer {
  private waiting: { ms: number; fire: () => void }[] = [];
  private arrivals = new Set<() => void>();

  readonly timer: Timer = (fire, ms) => {
    const entry = { ms, fire };
    this.waiting.push(entry);
    for (const arrived of [...this.arrivals]) arrived();
    return () => {
      this.waiting = this.waiting.filter((other) => other !== entry);
    };
  };

  /** The waits started and neither fired nor cancelled, in ms. */
  pending(): number[] {
    return this.waiting.map((entry) => entry.ms);
  }

  /** Resolves once `count` waits are pending (each started by the code under test, not polled for). */
  async held(count: number): Promise<number[]> {
    while (this.waiting.length < count) {
      await new Promise<void>((resolve) => {
        const arrived = () => {
          this.arrivals.delete(arrived);
          resolve();
        };
        this.arrivals.add(arrived);
      });
    }
    return this.pending();
  }

  fireAll(): void {
    for (const entry of this.waiting.splice(0)) entry.fire();
  }
}
