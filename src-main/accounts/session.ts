import { Failure, isFailure } from '../config/failure';
import type { AppMode } from '../../src-shared/models';
import type { AccountGraph } from '../instagram/transport';
import { isInstagramError } from '../instagram/errors';
import { openToken, type AccountsContext } from './context';
import type { HealthKeeper } from './health';

/** What one use of an account gets: its ids and the Graph API bound to its token, never the token itself. */
export interface AccountUse {
  accountId: string;
  igUserId: string;
  username: string;
  api: AccountGraph;
}

/**
 * The one door to an account's token (DESIGN.md §4, §7): publishing, insights and comments go through
 * `withAccount`, nothing else opens a token, and they get a Graph client bound to it, never the token.
 * It waits for a refresh in flight (whose new token must be used), refuses an unhealthy account or one
 * of the other mode by name, and hands authoritative failures (190, a removed permission) to the health
 * keeper, which marks the account with its one alert.
 */
export class AccountSessions {
  constructor(
    private readonly context: Pick<AccountsContext, 'accounts' | 'secrets' | 'vault' | 'environment' | 'client'>,
    private readonly health: Pick<HealthKeeper, 'settled' | 'reportUseFailure' | 'reportUnopenableToken'>,
  ) {}

  async withAccount<T>(accountId: string, use: (account: AccountUse) => Promise<T>, environment?: AppMode): Promise<T> {
    await this.health.settled(accountId);
    const record = this.context.accounts.get(accountId);
    if (!record) throw new Failure('not_found');
    const mode = this.context.environment().mode;
    if (record.environment !== mode || (environment && environment !== mode)) throw new Failure('wrong_mode', `@${record.username} belongs to ${record.environment} mode.`);
    if (record.healthState === 'unhealthy') throw new Failure('account_unhealthy', `Reconnect @${record.username}.`);
    let token: string | null;
    try {
      token = openToken(this.context, accountId);
    } catch (error) {
      if (isFailure(error)) await this.health.reportUnopenableToken(record, error);
      throw error;
    }
    if (!token) throw new Failure('account_unhealthy', `Reconnect @${record.username}.`);
    try {
      return await use({ accountId, igUserId: record.igUserId, username: record.username, api: this.context.client().graphApi.boundTo(token) });
    } catch (error) {
      if (isInstagramError(error)) await this.health.reportUseFailure(accountId, error);
      throw error;
    }
  }
}
