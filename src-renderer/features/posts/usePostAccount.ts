import type { Account } from '../../../src-shared/models';
import { useAccounts } from '../../stores/context';

/** The account a post belongs to, if it is still connected. */
export function usePostAccount(accountId: string): Account | undefined {
  return useAccounts((s) => s.accounts.find((a) => a.id === accountId));
}
