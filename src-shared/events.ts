import type { Account } from './models';
import type { AppError } from './errors';

/** Main → renderer events. The renderer never polls; it listens and re-fetches. */
export interface EventMap {
  'accounts.changed': { reason: 'connected' | 'reconnected' | 'disconnected' | 'health' | 'refreshed' | 'environment' };
  'connect.progress': { attemptId: string; step: 'exchanging_code' | 'fetching_profile' | 'saving' };
  'connect.finished': { attemptId: string; ok: boolean; account?: Account; error?: AppError };
  'health.alert': { accountId: string; username: string; reason: string };
  'app.changed': Record<string, never>;
}

export type EventName = keyof EventMap;
export const eventNames: EventName[] = ['accounts.changed', 'connect.progress', 'connect.finished', 'health.alert', 'app.changed'];

export interface AppEvent<E extends EventName = EventName> {
  name: E;
  payload: EventMap[E];
}

/** What the preload exposes on `window.postdeck`, and nothing else. */
export interface PostdeckBridgeApi {
  invoke(channel: string, input: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}
