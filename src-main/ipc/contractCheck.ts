import type { z } from 'zod';
import type { FieldProblem } from '../../src-shared/errors';
import { events, type AppEvent } from '../../src-shared/events';
import type { Logger } from '../config/logger';

/** A schema's first complaint as "path: message". Never the offending value, which may hold anything. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue?.message ?? 'does not match'}`;
}

/**
 * Every complaint with the input field it is about (`media.0.altText`), so an editor can show it there; a
 * length said plainly. Never the offending value.
 */
export function issueProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({ field: issue.path.length ? issue.path.join('.') : null, message: plainIssue(issue) }));
}

function plainIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'too_big' && issue.origin === 'string') return `This is longer than the ${Number(issue.maximum).toLocaleString('en-US')} characters allowed.`;
  if (issue.code === 'too_big' && issue.origin === 'array') return `At most ${Number(issue.maximum)} are allowed here.`;
  return issue.message;
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
