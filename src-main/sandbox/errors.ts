/** Error bodies: Graph style (fact sheet §8) and the old Instagram OAuth style (fact sheet §2). */
import { newFbtraceId } from './ids';
import type { GraphErrorSpec } from './types';

export function graphErrorBody(spec: GraphErrorSpec): { error: Record<string, unknown> } {
  return {
    error: {
      message: spec.message,
      type: spec.type ?? 'OAuthException',
      code: spec.code,
      ...(spec.subcode !== undefined ? { error_subcode: spec.subcode } : {}),
      ...(spec.userTitle !== undefined ? { error_user_title: spec.userTitle } : {}),
      ...(spec.userMsg !== undefined ? { error_user_msg: spec.userMsg } : {}),
      is_transient: spec.isTransient ?? false,
      fbtrace_id: newFbtraceId(),
    },
  };
}

export function oauthErrorBody(message: string): { error_type: 'OAuthException'; code: 400; error_message: string } {
  return { error_type: 'OAuthException', code: 400, error_message: message };
}

/** `(#100) …`: a bad or missing parameter. */
export function paramError(message: string, subcode?: number): GraphErrorSpec {
  return { code: 100, message: `(#100) ${message}`, ...(subcode !== undefined ? { subcode } : {}) };
}

export const NO_PERMISSION: GraphErrorSpec = { code: 10, message: '(#10) Application does not have permission for this action' };

export const MISSING_TOKEN: GraphErrorSpec = {
  code: 2500,
  message: 'An active access token must be used to query information about the current user.',
};

export function unsupportedRequest(method: string, path: string): GraphErrorSpec {
  const objectId = path.split('/').find((s) => s.length > 0) ?? '';
  return {
    status: 404,
    code: 100,
    subcode: 33,
    type: 'GraphMethodException',
    message:
      `Unsupported ${method.toLowerCase()} request. Object with ID '${objectId}' does not exist, cannot be loaded due to ` +
      'missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api',
  };
}
