import { expect } from 'vitest';
import { InstagramError } from '../../src-main/instagram/errors';

/** The InstagramError a call fails with; a call that succeeds, or fails otherwise, fails the test. */
export async function instagramFailure(call: Promise<unknown>): Promise<InstagramError> {
  const error = await call.then(
    () => new Error('expected the call to fail'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InstagramError);
  return error as InstagramError;
}
