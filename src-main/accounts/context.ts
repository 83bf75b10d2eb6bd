import type { AccountType } from '../../src-shared/models';
import type { AuthWindow } from '../auth/authWindow';
import type { Clock } from '../config/clock';
import type { Environment } from '../config/environment';
import type { DomainEvents, EventBus } from '../config/events';
import type { Logger } from '../config/logger';
import type { AccountsRepo } from '../db/accountsRepo';
import type { Database } from '../db/database';
import type { SecretsRepo } from '../db/secretsRepo';
import type { InstagramClient } from '../instagram/client';
import type { Vault } from '../vault/vault';

/** The collaborators the accounts room works with, handed in by the composition root. */
export interface AccountsContext {
  db: Database;
  accounts: AccountsRepo;
  secrets: SecretsRepo;
  vault: Vault;
  clock: Clock;
  /** What the renderer hears. */
  events: EventBus;
  /** What other rooms act on. */
  domain: DomainEvents;
  logger: Logger;
  /** The current Instagram (live or sandbox) and a client for it; both change when settings do. */
  environment(): Environment;
  client(): InstagramClient;
  /** Throws, by name, when a new token may not be sealed now (locked vault, no consent to a weak keyring). */
  requireSealing(): void;
  authWindow?: AuthWindow;
}

export const TOKEN_PURPOSE = 'ig_access_token';

const ELIGIBLE_TYPES: readonly string[] = ['BUSINESS', 'MEDIA_CREATOR'] satisfies AccountType[];

/** Instagram Login serves professional accounts only: Business and Creator. */
export function isEligibleAccountType(accountType: string): accountType is AccountType {
  return ELIGIBLE_TYPES.includes(accountType);
}

/** Opens an account's sealed token. Only for the length of one call; never stored elsewhere. */
export function openToken(context: Pick<AccountsContext, 'secrets' | 'vault'>, accountId: string): string | null {
  const sealed = context.secrets.get(accountId, TOKEN_PURPOSE);
  return sealed ? context.vault.open(sealed) : null;
}
