import type { z } from 'zod';
import { events, type AppEvent } from '../../src-shared/events';
import type { Logger } from '../config/logger';

/** A schema's first complaint as "path: message". Never the offending value, which may hold anything. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue?.message ?? 'does not match'}`;
}

/**
 * For development builds and tests: logs an event whose payload does not match its schema in
 * src-shared/events.ts, so drift shows where it is made. The event is still delivered.
 */
export function eventPayloadCheck(logger: Logger): (event: AppEvent) => void {
  return (event) => {
    const checked = events[event.name].safeParse(event.payload);
    if (!checked.success) logger.error('event payload does not match its schema', { event: event.name, problem: describeIssue(checked.error) });
  };
}
