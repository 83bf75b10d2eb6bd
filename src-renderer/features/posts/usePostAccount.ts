import type { Account } from '../../../src-shared/models';
import { useAccounts } from '../../stores/context';

/** The account a post belongs to, if it is still connected; null for an idea saved before an account was chosen. */
export function usePostAccount(accountId: string | null): Account | null | undefined {
  return useAccounts((s) => (accountId === null ? null : s.accounts.find((a) => a.id === accountId)));
}
