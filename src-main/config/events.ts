import type { AppEvent, EventMap, EventName } from '../../src-shared/events';
import type { Logger } from './logger';

/**
 * Calls every listener with the event; one that throws is logged with the event's name and does not
 * stop the ones after it (a closed window must not keep the others from hearing).
 */
function deliver<T>(listeners: ReadonlySet<(value: T) => void>, value: T, event: string, logger: Logger): void {
  for (const listener of [...listeners]) {
    try {
      listener(value);
    } catch (error) {
      logger.error('event listener failed', { event, error });
    }
  }
}

/** Main → renderer events (the contract in src-shared/events.ts); hosts forward every one of them. */
export class EventBus {
  private readonly listeners = new Set<(event: AppEvent) => void>();

  /** `inspect` sees every event before the listeners (development builds check payloads there). */
  constructor(
    private readonly logger: Logger,
    private readonly inspect: (event: AppEvent) => void = () => {},
  ) {}

  emit<E extends EventName>(name: E, payload: EventMap[E]): void {
    const event = { name, payload } as AppEvent;
    this.inspect(event);
    deliver(this.listeners, event, name, this.logger);
  }

  subscribe(listener: (event: AppEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/**
 * What happened inside main that other rooms act on. Business logic listens here, by name, and never
 * to the renderer's events, which may change with the screens.
 */
export interface DomainEventMap {
  /** A new account was connected. */
  'account.connected': { accountId: string };
  /** An account was connected again after losing its connection. */
  'account.reconnected': { accountId: string };
  /** The user turned direct messages on for an account and Instagram granted the permission. */
  'account.messagesEnabled': { accountId: string };
  /** The app switched between the sandbox and live Instagram, or live's configuration changed. */
  'environment.changed': Record<string, never>;
  /** A post went out, or the Instagram media it became was chosen afterwards: it can be measured. */
  'post.published': { postId: string };
  /** One fetch of a post's hosted file (through the tunnel): the post shows that Instagram took it. */
  'media.fetched': { postId: string; itemIndex: number; at: number; userAgent: string | null; method: 'GET' | 'HEAD'; status: number };
}

export type DomainEventName = keyof DomainEventMap;

/** Typed internal events, each subscribed by name. */
export class DomainEvents {
  private readonly listeners: { [E in DomainEventName]: Set<(payload: DomainEventMap[E]) => void> } = {
    'account.connected': new Set(),
    'account.reconnected': new Set(),
    'account.messagesEnabled': new Set(),
    'environment.changed': new Set(),
    'post.published': new Set(),
    'media.fetched': new Set(),
  };

  constructor(private readonly logger: Logger) {}

  /** Listens to one event; returns the unsubscribe function. */
  on<E extends DomainEventName>(name: E, listener: (payload: DomainEventMap[E]) => void): () => void {
    const named: Set<(payload: DomainEventMap[E]) => void> = this.listeners[name];
    named.add(listener);
    return () => named.delete(listener);
  }

  emit<E extends DomainEventName>(name: E, payload: DomainEventMap[E]): void {
    deliver(this.listeners[name], payload, name, this.logger);
  }
}
