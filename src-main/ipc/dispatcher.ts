import { appError, type Result } from '../../src-shared/errors';
import { channels, isChannel, type Channel, type ChannelInput, type ChannelOutput } from '../../src-shared/ipc';
import { isFailure } from '../config/failure';
import type { Logger } from '../config/logger';
import { describeIssue, issueProblems } from './contractCheck';

export type Handler<C extends Channel> = (input: ChannelInput<C>) => ChannelOutput<C> | Promise<ChannelOutput<C>>;
export type HandlerTable = { [C in Channel]: Handler<C> };

export type Dispatch = (channel: string, input: unknown) => Promise<Result<unknown>>;

export interface DispatcherOptions {
  /**
   * Development builds and tests: check every handler's output against its channel's output schema.
   * A mismatch is logged and answered as `internal_error`, so a drifting handler fails its tests.
   */
  checkOutputs?: boolean;
}

/**
 * The one entry point both hosts call: validates input against the channel's schema before any
 * handler runs, and turns every outcome into the result union. Nothing thrown crosses the boundary,
 * and unexpected errors reach the user only as `internal_error` (their text goes to the log, redacted).
 */
export function createDispatcher(handlers: HandlerTable, logger: Logger, options: DispatcherOptions = {}): Dispatch {
  return async (channel, input) => {
    if (!isChannel(channel)) return { ok: false, error: appError('invalid_request', 'Unknown channel.') };
    // Parsing and checking are inside the boundary too: a schema check that throws must answer, never end the host.
    try {
      const parsed = channels[channel].input.safeParse(input ?? {});
      if (!parsed.success) return { ok: false, error: appError('invalid_request', describeIssue(parsed.error), issueProblems(parsed.error)) };
      const handler = handlers[channel] as (value: unknown) => unknown;
      const value = await handler(parsed.data);
      if (options.checkOutputs) {
        const checked = channels[channel].output.safeParse(value);
        if (!checked.success) {
          logger.error('handler output does not match its channel schema', { channel, problem: describeIssue(checked.error) });
          return { ok: false, error: appError('internal_error') };
        }
      }
      // The handler's own value, not the parsed copy: checking must not change what production answers.
      return { ok: true, value };
    } catch (error) {
      if (isFailure(error)) return { ok: false, error: error.error };
      logger.error('handler failed', { channel, error });
      return { ok: false, error: appError('internal_error') };
    }
  };
}
