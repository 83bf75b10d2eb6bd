/**
 * Instagram's refusals on the comment paths (fact sheet §7: replies to top-level comments only, none to a
 * hidden one; none on a media whose comments are off). The wording is the sandbox's; the codes are Graph's.
 */
import type { GraphErrorSpec } from '../types';

export const COMMENTS_DISABLED: GraphErrorSpec = { code: 100, message: '(#100) Comments are turned off for this media' };
export const REPLY_TO_REPLY: GraphErrorSpec = { code: 100, message: '(#100) Replies can only be made to top-level comments' };
export const REPLY_TO_HIDDEN: GraphErrorSpec = { code: 100, message: '(#100) A hidden comment cannot be replied to' };
