import type { AppEvent, EventMap, EventName } from '../../src-shared/events';

/** Main-side event bus; hosts forward its events to the renderer. */
export class EventBus {
  private readonly listeners = new Set<(event: AppEvent) => void>();

  /** `inspect` sees every event before the listeners (development builds check payloads there). */
  constructor(private readonly inspect: (event: AppEvent) => void = () => {}) {}

  emit<E extends EventName>(name: E, payload: EventMap[E]): void {
    const event = { name, payload } as AppEvent;
    this.inspect(event);
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A failing listener (e.g. a closed window) must not stop the others.
      }
    }
  }

  subscribe(listener: (event: AppEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
