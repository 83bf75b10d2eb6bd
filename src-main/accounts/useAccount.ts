import { Failure, isFailure } from '../config/failure';
import { INVALID_PARAMETER_CODE, isInstagramError } from '../instagram/errors';
import type { AccountSessions, AccountUse } from './session';

/**
 * One use of an account through its door, with Instagram's failures turned into the app's error codes
 * (insights and comments alike): throttling, an unreachable Instagram, a removed permission, anything else.
 */
export async function useAccount<T>(sessions: Pick<AccountSessions, 'withAccount'>, accountId: string, work: (use: AccountUse) => Promise<T>): Promise<T> {
  try {
    return await sessions.withAccount(accountId, work);
  } catch (error) {
    if (isFailure(error) || !isInstagramError(error)) throw error;
    if (error.kind === 'rate_limited') throw new Failure('rate_limited');
    if (error.kind === 'network' || error.kind === 'server') throw new Failure('network_error');
    if (error.kind === 'permission') throw new Failure('permission_removed');
    // 100/33 ("object does not exist") can be a passing fault at Meta; any other 100 is a parameter Instagram will refuse again.
    if (error.details.code === INVALID_PARAMETER_CODE && error.details.subcode !== 33) throw new Failure('instagram_invalid_parameter', error.message);
    throw new Failure('instagram_error', error.message);
  }
}
