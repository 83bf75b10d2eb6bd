import type { Account } from '../../src-shared/models';

/**
 * The "Account" choice in a screen's head, shown only when there is more than one account to choose.
 * `everyone` names an option for all accounts at once (value "").
 */
export function AccountPicker({ accounts, value, onChange, everyone }: { accounts: Account[]; value: string; onChange: (accountId: string) => void; everyone?: string }) {
  if (accounts.length < 2) return null;
  return (
    <label>
      Account{' '}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {everyone ? <option value="">{everyone}</option> : null}
        {accounts.map((a) => (
          <option key={a.id} value={a.id}>
            @{a.username}
          </option>
        ))}
      </select>
    </label>
  );
}
