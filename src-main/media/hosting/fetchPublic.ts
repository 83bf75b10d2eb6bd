import { request, type Dispatcher } from 'undici';
import type { ErrorCode } from '../../../src-shared/errors';
import { Failure } from '../../config/failure';

export type FetchOutcome =
  | { kind: 'answered'; status: number; contentType: string | null; body: Buffer }
  | { kind: 'no_answer'; reason: string };

export interface FetchOptions {
  /** Tests pass an Agent; production uses undici's global one. */
  dispatcher?: Dispatcher;
  headers?: Record<string, string>;
  /** Read at most this much of the body: a check never downloads a whole video. */
  maxBytes: number;
  timeoutMs?: number;
}

/**
 * Fetches a URL the way Meta would, from outside. Never throws for network trouble: the caller maps
 * "no answer" and "wrong answer" to its own plain error. Reasons are error codes, never the URL
 * (a presigned URL carries a signature).
 */
export async function fetchPublic(url: string, options: FetchOptions): Promise<FetchOutcome> {
  const timeout = options.timeoutMs ?? 15_000;
  let response: Dispatcher.ResponseData;
  try {
    response = await request(url, {
      method: 'GET',
      headers: options.headers,
      dispatcher: options.dispatcher,
      headersTimeout: timeout,
      bodyTimeout: timeout,
    });
  } catch (error) {
    return { kind: 'no_answer', reason: errorCode(error) };
  }
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of response.body) {
      chunks.push(chunk as Buffer);
      length += (chunk as Buffer).length;
      if (length >= options.maxBytes) break;
    }
  } catch (error) {
    return { kind: 'no_answer', reason: errorCode(error) };
  } finally {
    response.body.destroy();
  }
  const contentType = response.headers['content-type'];
  return {
    kind: 'answered',
    status: response.statusCode,
    contentType: typeof contentType === 'string' ? contentType : null,
    body: Buffer.concat(chunks).subarray(0, options.maxBytes),
  };
}

function errorCode(error: unknown): string {
  if (error && typeof error === 'object') {
    const withCause = error as { code?: unknown; cause?: { code?: unknown } };
    if (typeof withCause.code === 'string') return withCause.code;
    if (typeof withCause.cause?.code === 'string') return withCause.cause.code;
  }
  return 'network_error';
}

/**
 * A check's last step: fetch the probe back through its public URL. Only Postdeck knows the probe's
 * random bytes, so getting them back proves the whole path works. Answers the failure, or null.
 */
export async function fetchProbe(
  url: string,
  probe: Buffer,
  options: { dispatcher?: Dispatcher; noAnswer: ErrorCode; wrongAnswer: ErrorCode },
): Promise<Failure | null> {
  const outcome = await fetchPublic(url, { dispatcher: options.dispatcher, maxBytes: probe.length });
  if (outcome.kind === 'no_answer') return new Failure(options.noAnswer, `No answer (${outcome.reason}).`);
  if (!outcome.body.equals(probe)) {
    return new Failure(options.wrongAnswer, `The public link answered HTTP ${outcome.status}, without the test file.`);
  }
  return null;
}
