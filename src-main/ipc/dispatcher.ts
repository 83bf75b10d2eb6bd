import { appError, type Result } from '../../src-shared/errors';
import { channels, isChannel, type Channel, type ChannelInput, type ChannelOutput } from '../../src-shared/ipc';
import { isFailure } from '../config/failure';
import type { Logger } from '../config/logger';

export type Handler<C extends Channel> = (input: ChannelInput<C>) => ChannelOutput<C> | Promise<ChannelOutput<C>>;
export type HandlerTable = { [C in Channel]: Handler<C> };

export type Dispatch = (channel: string, input: unknown) => Promise<Result<unknown>>;

/**
 * The one entry point both hosts call: validates input against the channel's schema before any
 * handler runs, and turns every outcome into the result union. Nothing thrown crosses the boundary,
 * and unexpected errors reach the user only as `internal_error` (their text goes to the log, redacted).
 */
export function createDispatcher(handlers: HandlerTable, logger: Logger): Dispatch {
  return async (channel, input) => {
    if (!isChannel(channel)) return { ok: false, error: appError('invalid_request', 'Unknown channel.') };
    const parsed = channels[channel].input.safeParse(input ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
      return { ok: false, error: appError('invalid_request', `${where}${issue?.message ?? 'invalid input'}`) };
    }
    try {
      const handler = handlers[channel] as (value: unknown) => unknown;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      if (isFailure(error)) return { ok: false, error: error.error };
      logger.error('handler failed', { channel, error });
      return { ok: false, error: appError('internal_error') };
    }
  };
}
