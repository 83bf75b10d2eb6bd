import { z } from 'zod';
import { EVENT_NAMES } from './contractNames';
import { appErrorSchema } from './errors';
import { accountSchema } from './ipc';
import { MESSAGES_OUTCOMES } from './messages';
import { videoConversionSchema } from './media';
import { POST_STATUSES } from './posts';

/** Main → renderer events, one payload schema each. The renderer never polls; it listens and re-fetches. */
export const events = {
  'accounts.changed': z.object({
    reason: z.enum(['connected', 'reconnected', 'disconnected', 'health', 'refreshed', 'profile', 'imported', 'environment', 'settings', 'messages']),
  }),
  'connect.progress': z.object({ attemptId: z.string(), step: z.enum(['exchanging_code', 'fetching_profile', 'saving']) }),
  'connect.finished': z.object({
    attemptId: z.string(),
    ok: z.boolean(),
    account: accountSchema.optional(),
    error: appErrorSchema.optional(),
    /** Only for an `accounts.enableMessages` attempt: `stayed_off` comes with ok true and the account as it was. */
    messages: z.enum(MESSAGES_OUTCOMES).optional(),
  }),
  'health.alert': z.object({ accountId: z.string(), username: z.string(), reason: z.string() }),
  'app.changed': z.object({}).strict(),
  'posts.changed': z.object({ postId: z.string().optional(), status: z.enum(POST_STATUSES).optional() }),
  'insights.changed': z.object({ accountId: z.string(), igMediaId: z.string().optional() }),
  'comments.changed': z.object({ accountId: z.string(), newComments: z.number().optional() }),
  /** Conversations of the account changed (a poll, a reply, read state, messages turned on or off); `newMessages` counts incoming ones a poll found. */
  'messages.changed': z.object({ accountId: z.string(), newMessages: z.number().optional() }),
  /** A video being made into one Instagram takes: its progress, then converted or failed. */
  'media.conversion': z.object({ mediaId: z.string(), conversion: videoConversionSchema }),
} as const satisfies Record<(typeof EVENT_NAMES)[number], z.ZodType>;

export type EventName = keyof typeof events;
export type EventMap = { [E in EventName]: z.output<(typeof events)[E]> };

export interface AppEvent<E extends EventName = EventName> {
  name: E;
  payload: EventMap[E];
}

/** What the preload exposes on `window.postdeck`, and nothing else. */
export interface PostdeckBridgeApi {
  invoke(channel: string, input: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
  /** The path on disk of a file the user picked or dropped ('' for one that has none). */
  pathForFile(file: File): string;
  /** Asks where to save an export with the system's Save dialog: the chosen path, or null when cancelled. */
  chooseExportPath(suggestedName: string): Promise<string | null>;
  /** Shows a media library file, by its id, in the system's file manager: the main process's Result. */
  revealMedia(mediaId: string): Promise<unknown>;
}
